package org.coplan.analysis.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.locationtech.jts.algorithm.LineIntersector;
import org.locationtech.jts.algorithm.RobustLineIntersector;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.linearref.LengthIndexedLine;
import org.locationtech.jts.operation.distance.DistanceOp;

/**
 * The footpath network as a graph: every path is cut where it meets another (crossings, T-junctions,
 * shared end points and overlaps become junctions), each piece is an edge weighted by its length.
 *
 * <p>Noding is kept per path ({@link #splits}): after an edit only the changed paths and the paths
 * they met before or meet now are noded again, then the compact graph (int arrays) is rebuilt from
 * the per-path cut lists, which costs microseconds per path. Nodes are the cut points rounded to a
 * millimetre, so that three paths crossing at one point (whose pairwise intersections differ in the
 * last bits) share one junction.
 *
 * <p>A place on the network is a {@link Position}: a path and a distance along it. Distances between
 * positions come from multi-source Dijkstra ({@link #nearest}).
 */
final class WalkingNetwork {
  /** A point on the network: along {@code path}, {@code along} metres from its start, reached over {@code offset} metres of open ground. */
  record Position(UUID path, double along, double offset) {}

  /**
   * A path's cut points: distances along it, ascending, the graph node at each, and each node's
   * place rounded to the millimetre it is numbered by ({@code x0, y0, x1, y1, ...}), so that the
   * pieces of paths meeting at a junction end on exactly the same coordinate (for the blocks).
   */
  record Cuts(double[] along, int[] nodes, double[] xy) {}

  /** Distances from every node to the nearest of a set of sources, and which source that is. */
  record Field(double[] distance, int[] source, Map<UUID, List<Seed>> sourcesOnPath) {}

  /** A source placed on a path: its index in the caller's list and its position. */
  record Seed(int index, Position at) {}

  private final PlanModel model;
  private final Map<UUID, List<double[]>> splits = new HashMap<>();
  private final Map<UUID, List<Coordinate>> splitPoints = new HashMap<>();
  /** Junction numbers, kept across rebuilds (see {@link NodeIds}). */
  private final NodeIds nodeIds = new NodeIds();
  /** Grows when junctions are numbered afresh. */
  private int generation;
  private Map<UUID, Cuts> cuts = Map.of();
  private int nodeCount;
  private int[] adjStart = new int[1];
  private int[] adjTarget = new int[0];
  private double[] adjLength = new double[0];

  WalkingNetwork(PlanModel model) {
    this.model = model;
    for (Path p : model.paths()) {
      node(p);
    }
    rebuild();
  }

  /**
   * Brings the network up to date after paths changed: {@code changed} are the ids of paths added,
   * moved or removed, {@code before} the envelopes they had.
   */
  void update(Set<UUID> changed, Collection<org.locationtech.jts.geom.Envelope> before) {
    Set<UUID> renode = new java.util.HashSet<>(changed);
    for (var box : before) {
      model.paths.near(box).forEach(p -> renode.add(p.id()));
    }
    for (UUID id : changed) {
      Path p = model.paths.get(id);
      if (p != null) {
        model.paths.near(p.geometry().getEnvelopeInternal()).forEach(q -> renode.add(q.id()));
      }
    }
    for (UUID id : renode) {
      splits.remove(id);
      splitPoints.remove(id);
      Path p = model.paths.get(id);
      if (p != null) {
        node(p);
      }
    }
    rebuild();
  }

  /** Finds where {@code p} meets other paths and records the cut points on {@code p}. */
  private void node(Path p) {
    LineString a = p.geometry();
    List<double[]> along = new ArrayList<>();
    List<Coordinate> points = new ArrayList<>();
    Coordinate[] ca = a.getCoordinates();
    along.add(new double[] {0});
    points.add(ca[0]);
    along.add(new double[] {a.getLength()});
    points.add(ca[ca.length - 1]);
    LineIntersector li = new RobustLineIntersector();
    for (Path q : model.paths.near(a.getEnvelopeInternal())) {
      if (q.id().equals(p.id())) {
        continue;
      }
      Coordinate[] cb = q.geometry().getCoordinates();
      double base = 0;
      for (int i = 0; i + 1 < ca.length; i++) {
        double segLength = ca[i].distance(ca[i + 1]);
        for (int j = 0; j + 1 < cb.length; j++) {
          li.computeIntersection(ca[i], ca[i + 1], cb[j], cb[j + 1]);
          for (int k = 0; k < li.getIntersectionNum(); k++) {
            Coordinate x = li.getIntersection(k);
            along.add(new double[] {Math.min(base + ca[i].distance(x), base + segLength)});
            points.add(x);
          }
        }
        base += segLength;
      }
    }
    splits.put(p.id(), along);
    splitPoints.put(p.id(), points);
  }

  /**
   * Rebuilds nodes and adjacency (compressed rows) from the per-path cuts. Runs after every path
   * edit over every path, so it works on primitive arrays: no boxed lengths or sort indexes.
   */
  private void rebuild() {
    Map<UUID, Cuts> newCuts = new HashMap<>(splits.size() * 2);
    int[] edgeA = new int[splits.size() * 4];
    int[] edgeB = new int[edgeA.length];
    double[] edgeLength = new double[edgeA.length];
    int edges = 0;
    for (Map.Entry<UUID, List<double[]>> e : splits.entrySet()) {
      List<double[]> along = e.getValue();
      List<Coordinate> points = splitPoints.get(e.getKey());
      int m = along.size();
      int[] order = new int[m];
      for (int i = 0; i < m; i++) {
        order[i] = i;
      }
      // insertion sort by distance along (stable, as the boxed sort was): a path has a handful of cuts
      for (int i = 1; i < m; i++) {
        int x = order[i];
        double key = along.get(x)[0];
        int j = i - 1;
        while (j >= 0 && along.get(order[j])[0] > key) {
          order[j + 1] = order[j];
          j--;
        }
        order[j + 1] = x;
      }
      double[] at = new double[m];
      int[] nodes = new int[m];
      double[] xy = new double[2 * m];
      int n = 0;
      for (int i : order) {
        Coordinate point = points.get(i);
        int node = nodeIds.idOf(point);
        double d = along.get(i)[0];
        if (n > 0 && (nodes[n - 1] == node || d - at[n - 1] < 1e-9)) {
          continue;
        }
        at[n] = d;
        nodes[n] = node;
        xy[2 * n] = Math.round(point.x * 1000) / 1000.0;
        xy[2 * n + 1] = Math.round(point.y * 1000) / 1000.0;
        if (n > 0) {
          if (edges == edgeA.length) {
            edgeA = Arrays.copyOf(edgeA, edges * 2);
            edgeB = Arrays.copyOf(edgeB, edges * 2);
            edgeLength = Arrays.copyOf(edgeLength, edges * 2);
          }
          edgeA[edges] = nodes[n - 1];
          edgeB[edges] = node;
          edgeLength[edges++] = d - at[n - 1];
        }
        n++;
      }
      if (n >= 2) {
        newCuts.put(e.getKey(), new Cuts(Arrays.copyOf(at, n), Arrays.copyOf(nodes, n), Arrays.copyOf(xy, 2 * n)));
      }
    }
    nodeCount = nodeIds.size();
    // junctions of old path positions keep their numbers (isolated nodes, never reached); when they
    // outnumber the live ones, number everything afresh (a new generation: fields cannot be compared)
    boolean[] used = new boolean[nodeCount];
    int live = 0;
    for (int i = 0; i < edges; i++) {
      live += used[edgeA[i]] ? 0 : 1;
      used[edgeA[i]] = true;
      live += used[edgeB[i]] ? 0 : 1;
      used[edgeB[i]] = true;
    }
    if (nodeCount > 2 * live + 4096) {
      nodeIds.clear();
      generation++;
      rebuild();
      return;
    }
    adjStart = new int[nodeCount + 1];
    for (int i = 0; i < edges; i++) {
      adjStart[edgeA[i] + 1]++;
      adjStart[edgeB[i] + 1]++;
    }
    for (int i = 0; i < nodeCount; i++) {
      adjStart[i + 1] += adjStart[i];
    }
    int[] fill = Arrays.copyOf(adjStart, nodeCount);
    adjTarget = new int[adjStart[nodeCount]];
    adjLength = new double[adjStart[nodeCount]];
    for (int i = 0; i < edges; i++) {
      int a = edgeA[i];
      int b = edgeB[i];
      double l = edgeLength[i];
      adjTarget[fill[a]] = b;
      adjLength[fill[a]++] = l;
      adjTarget[fill[b]] = a;
      adjLength[fill[b]++] = l;
    }
    cuts = newCuts;
  }

  int nodeCount() {
    return nodeCount;
  }

  /**
   * The network as noded lines: every piece of every path between two junctions, its ends moved
   * onto the junction's rounded place, so that pieces meeting at a junction share their end
   * coordinate exactly (what the polygonizer of the blocks needs). With a window, only the pieces
   * of the paths whose envelope meets it.
   */
  List<LineString> pieces(org.locationtech.jts.geom.GeometryFactory factory, org.locationtech.jts.geom.Envelope window) {
    List<LineString> out = new ArrayList<>();
    for (Path p : window == null ? model.paths() : model.paths.near(window)) {
      Cuts c = cuts.get(p.id());
      if (c == null) {
        continue;
      }
      LengthIndexedLine line = new LengthIndexedLine(p.geometry());
      for (int k = 0; k + 1 < c.along().length; k++) {
        Coordinate[] cs = line.extractLine(c.along()[k], c.along()[k + 1]).getCoordinates();
        if (cs.length < 2) {
          continue;
        }
        cs = cs.clone();
        cs[0] = new Coordinate(c.xy()[2 * k], c.xy()[2 * k + 1]);
        cs[cs.length - 1] = new Coordinate(c.xy()[2 * k + 2], c.xy()[2 * k + 3]);
        out.add(factory.createLineString(cs));
      }
    }
    return out;
  }

  /** Every path's cuts; the map is replaced, never changed, by an update, so it can be kept to compare with. */
  Map<UUID, Cuts> cuts() {
    return cuts;
  }

  int generation() {
    return generation;
  }

  /**
   * The paths on which some field gives some place another distance or another nearest source in
   * state B than in state A (same generation of junction numbers): a cut added, removed or moved,
   * a junction of the path at another distance or nearer another source (by id: indexes shift when
   * services come and go), or other sources placed on the path. {@code ids.get(k)} names the
   * sources of {@code fields[k]}. Junctions are compared as arrays first, so each path costs a
   * look-up and a few array reads.
   */
  static Set<UUID> changedPaths(
      Map<UUID, Cuts> cutsA, Field[] fieldsA, List<List<UUID>> idsA, Map<UUID, Cuts> cutsB, Field[] fieldsB,
      List<List<UUID>> idsB) {
    int nodes = fieldsB[0].distance().length;
    boolean[] changedNode = new boolean[nodes];
    for (int k = 0; k < fieldsA.length; k++) {
      Field a = fieldsA[k];
      Field b = fieldsB[k];
      boolean sameIds = idsA.get(k).equals(idsB.get(k));
      int common = Math.min(a.distance().length, nodes);
      for (int i = 0; i < nodes; i++) {
        if (i >= common || Double.compare(a.distance()[i], b.distance()[i]) != 0
            || (sameIds ? a.source()[i] != b.source()[i]
                : !sourceId(a.source()[i], idsA.get(k)).equals(sourceId(b.source()[i], idsB.get(k))))) {
          changedNode[i] = true;
        }
      }
    }
    Set<UUID> out = new java.util.HashSet<>();
    for (Map.Entry<UUID, Cuts> e : cutsB.entrySet()) {
      Cuts cb = e.getValue();
      Cuts ca = cutsA.get(e.getKey());
      if (ca == null || !Arrays.equals(ca.along(), cb.along()) || !Arrays.equals(ca.nodes(), cb.nodes())) {
        out.add(e.getKey());
        continue;
      }
      for (int node : cb.nodes()) {
        if (changedNode[node]) {
          out.add(e.getKey());
          break;
        }
      }
    }
    for (UUID p : cutsA.keySet()) {
      if (!cutsB.containsKey(p)) {
        out.add(p);
      }
    }
    // sources placed on a path are reached without a junction
    for (int k = 0; k < fieldsA.length; k++) {
      Set<UUID> seeded = new java.util.HashSet<>(fieldsA[k].sourcesOnPath().keySet());
      seeded.addAll(fieldsB[k].sourcesOnPath().keySet());
      for (UUID p : seeded) {
        if (!out.contains(p) && !sameSeeds(fieldsA[k].sourcesOnPath().get(p), idsA.get(k), fieldsB[k].sourcesOnPath().get(p), idsB.get(k))) {
          out.add(p);
        }
      }
    }
    return out;
  }

  private static boolean sameSeeds(List<Seed> sa, List<UUID> ia, List<Seed> sb, List<UUID> ib) {
    if (sa == null || sb == null || sa.size() != sb.size()) {
      return sa == sb;
    }
    for (int i = 0; i < sa.size(); i++) {
      if (!sa.get(i).at().equals(sb.get(i).at()) || !sourceId(sa.get(i).index(), ia).equals(sourceId(sb.get(i).index(), ib))) {
        return false;
      }
    }
    return true;
  }

  /** A source as something comparable across states: the service's id, or the negative marker. */
  private static Object sourceId(int index, List<UUID> ids) {
    return index < 0 ? (Object) index : ids.get(index);
  }

  int edgeCount() {
    return adjTarget.length / 2;
  }

  /**
   * Where a feature joins the network: the nearest point of the nearest path, at most {@code
   * maxOffset} away; null when no path is that near.
   */
  Position position(Geometry g, double maxOffset) {
    var box = g.getEnvelopeInternal();
    for (double r = Math.min(10, maxOffset); ; r = Math.min(r * 2, maxOffset)) {
      var search = new org.locationtech.jts.geom.Envelope(box);
      search.expandBy(r);
      Path best = null;
      double bestDistance = Double.POSITIVE_INFINITY;
      for (Path p : model.paths.near(search)) {
        // no point of a path is nearer than its envelope: most candidates end here, without DistanceOp
        // (the slack keeps equally near paths, which the lowest fid decides, whatever the rounding)
        if (box.distance(p.geometry().getEnvelopeInternal()) > bestDistance + 1e-9) {
          continue;
        }
        double d = g.distance(p.geometry());
        if (d < bestDistance || (d == bestDistance && best != null && p.fid() < best.fid())) {
          best = p;
          bestDistance = d;
        }
      }
      // a path found within r is the nearest: anything nearer would be in the box too
      if (best != null && bestDistance <= r) {
        if (bestDistance > maxOffset) {
          return null;
        }
        Coordinate on = DistanceOp.nearestPoints(best.geometry(), g)[0];
        double along = new LengthIndexedLine(best.geometry()).indexOf(on);
        return new Position(best.id(), along, bestDistance);
      }
      if (r >= maxOffset) {
        return null;
      }
    }
  }

  /**
   * Multi-source Dijkstra: every node's distance along the network to the nearest source. Sources
   * with a null position are off the network and ignored.
   */
  Field nearest(List<Position> sources) {
    return nearest(sources, Set.of());
  }

  /**
   * As {@link #nearest(List)}, and every junction of the {@code wholePaths} is a source at distance
   * 0 too (source index -2): the target is the whole path, such as a road for fire access.
   */
  Field nearest(List<Position> sources, Set<UUID> wholePaths) {
    double[] dist = new double[nodeCount];
    int[] source = new int[nodeCount];
    Arrays.fill(dist, Double.POSITIVE_INFINITY);
    Arrays.fill(source, -1);
    NodeHeap heap = new NodeHeap(nodeCount);
    Map<UUID, List<Seed>> onPath = new HashMap<>();
    for (int i = 0; i < sources.size(); i++) {
      Position at = sources.get(i);
      if (at == null || !cuts.containsKey(at.path())) {
        continue;
      }
      onPath.computeIfAbsent(at.path(), k -> new ArrayList<>()).add(new Seed(i, at));
      Cuts c = cuts.get(at.path());
      int k = piece(c, at.along());
      relax(heap, dist, source, c.nodes()[k], at.offset() + at.along() - c.along()[k], i);
      relax(heap, dist, source, c.nodes()[k + 1], at.offset() + c.along()[k + 1] - at.along(), i);
    }
    for (UUID id : wholePaths) {
      Cuts c = cuts.get(id);
      if (c != null) {
        for (int node : c.nodes()) {
          relax(heap, dist, source, node, 0, -2);
        }
      }
    }
    while (!heap.isEmpty()) {
      int u = heap.poll();
      for (int e = adjStart[u]; e < adjStart[u + 1]; e++) {
        relax(heap, dist, source, adjTarget[e], dist[u] + adjLength[e], source[u]);
      }
    }
    return new Field(dist, source, onPath);
  }

  private static void relax(NodeHeap heap, double[] dist, int[] source, int node, double d, int from) {
    if (d < dist[node] || (d == dist[node] && from < source[node])) {
      dist[node] = d;
      source[node] = from;
      heap.offer(node, d);
    }
  }

  /** Distance along the network (plus both offsets) from {@code at} to the nearest source of {@code field}, and which. */
  double[] distance(Field field, Position at) {
    if (at == null || !cuts.containsKey(at.path())) {
      return new double[] {Double.POSITIVE_INFINITY, -1};
    }
    Cuts c = cuts.get(at.path());
    int k = piece(c, at.along());
    double viaA = field.distance()[c.nodes()[k]] + at.along() - c.along()[k];
    double viaB = field.distance()[c.nodes()[k + 1]] + c.along()[k + 1] - at.along();
    double best = Math.min(viaA, viaB);
    int src = viaA <= viaB ? field.source()[c.nodes()[k]] : field.source()[c.nodes()[k + 1]];
    // a source on the same piece is reached without passing a junction
    for (Seed s : field.sourcesOnPath().getOrDefault(at.path(), List.of())) {
      if (piece(c, s.at().along()) == k) {
        double direct = Math.abs(s.at().along() - at.along()) + s.at().offset();
        if (direct < best || (direct == best && s.index() < src)) {
          best = direct;
          src = s.index();
        }
      }
    }
    return new double[] {best + at.offset(), src};
  }

  /** The piece of the path that holds {@code along}: the index of its first cut. */
  private static int piece(Cuts c, double along) {
    int i = Arrays.binarySearch(c.along(), along);
    int k = i >= 0 ? i : -i - 2;
    return Math.max(0, Math.min(k, c.along().length - 2));
  }

  /** A binary min-heap of nodes keyed by distance, with lazy deletion of stale entries. */
  private static final class NodeHeap {
    private int[] nodes;
    private double[] keys;
    private int size;
    private double[] best;

    NodeHeap(int capacity) {
      nodes = new int[Math.max(16, capacity)];
      keys = new double[nodes.length];
      best = new double[Math.max(1, capacity)];
      Arrays.fill(best, Double.POSITIVE_INFINITY);
    }

    void offer(int node, double key) {
      best[node] = key;
      if (size == nodes.length) {
        nodes = Arrays.copyOf(nodes, size * 2);
        keys = Arrays.copyOf(keys, size * 2);
      }
      int i = size++;
      while (i > 0) {
        int parent = (i - 1) >>> 1;
        if (keys[parent] <= key) {
          break;
        }
        nodes[i] = nodes[parent];
        keys[i] = keys[parent];
        i = parent;
      }
      nodes[i] = node;
      keys[i] = key;
    }

    boolean isEmpty() {
      skipStale();
      return size == 0;
    }

    int poll() {
      skipStale();
      int top = nodes[0];
      removeTop();
      best[top] = Double.NEGATIVE_INFINITY;
      return top;
    }

    private void skipStale() {
      while (size > 0 && keys[0] != best[nodes[0]]) {
        removeTop();
      }
    }

    private void removeTop() {
      size--;
      if (size == 0) {
        return;
      }
      int node = nodes[size];
      double key = keys[size];
      int i = 0;
      while (true) {
        int child = 2 * i + 1;
        if (child >= size) {
          break;
        }
        if (child + 1 < size && keys[child + 1] < keys[child]) {
          child++;
        }
        if (keys[child] >= key) {
          break;
        }
        nodes[i] = nodes[child];
        keys[i] = keys[child];
        i = child;
      }
      nodes[i] = node;
      keys[i] = key;
    }
  }
}
