package org.coplan.analysis.engine;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.locationtech.jts.index.strtree.STRtree;
import org.locationtech.jts.io.WKBWriter;
import org.locationtech.jts.operation.polygonize.Polygonizer;

/**
 * Check 5, block depth (after Brelsford et al., "Toward cities without slums", Science Advances
 * 2018). A block is a face of the noded footpath network (the pieces of {@link WalkingNetwork},
 * polygonized: dead ends inside a block do not split it); a structure belongs to the block that
 * contains its centroid. Layer 1 is the block's structures with frontage (a path within the
 * frontage distance), layer k+1 the structures not yet layered within the frontage distance of a
 * layer-k structure: they reach a path only through k others. A block deeper than
 * {@code access.max_block_depth} conflicts, filed under the block's id (a name UUID of its
 * normalised polygon, so a block keeps its id while its outline stays the same).
 *
 * <p>After a path edit only the network around the change is polygonized again ({@link
 * #polygonizeNear}), and only the blocks that are new, or hold a changed structure (before or
 * after), or a structure within the frontage distance of a changed path, are layered again.
 */
final class BlockDepth {
  private record Block(UUID id, Polygon polygon, PreparedGeometry prepared) {}

  /** A block's structures (ids) and its conflicts. */
  private record Layers(UUID block, List<UUID> members, List<Conflict> conflicts) {}

  private final PlanModel model;
  private final WalkingNetwork network;
  private final RuleSet rules;
  private Map<UUID, Block> blocks = new HashMap<>();
  private STRtree index = new STRtree();
  /** The block each structure was last layered in: where a moved or removed structure left from. */
  private final Map<UUID, UUID> blockOf = new HashMap<>();

  BlockDepth(PlanModel model, WalkingNetwork network, RuleSet rules) {
    this.model = model;
    this.network = network;
    this.rules = rules;
  }

  /**
   * Every block's conflicts (an empty list for a block within the norm), by block id. Blocks are
   * layered on all cores: layering only reads the model's indexes (built by then).
   */
  Map<UUID, List<Conflict>> run() {
    polygonize();
    List<Layers> all = blocks.values().parallelStream().map(this::layers).toList();
    Map<UUID, List<Conflict>> out = new HashMap<>();
    for (Layers l : all) {
      remember(l);
      out.put(l.block(), l.conflicts());
    }
    return out;
  }

  private void remember(Layers l) {
    l.members().forEach(s -> blockOf.put(s, l.block()));
  }

  /**
   * The conflicts of every block that may differ after these changes: blocks gone (an empty list),
   * new blocks, and the blocks of the changed structures and of structures near the changed paths.
   */
  Map<UUID, List<Conflict>> update(Set<UUID> paths, Set<UUID> structures, Collection<Envelope> boxes) {
    Set<UUID> redo = new LinkedHashSet<>();
    Map<UUID, List<Conflict>> out = new HashMap<>();
    if (!paths.isEmpty()) {
      Map<UUID, Block> old = blocks;
      if (!polygonizeNear(paths, boxes)) {
        polygonize();
      }
      old.keySet().stream().filter(id -> !blocks.containsKey(id)).forEach(id -> out.put(id, List.of()));
      blocks.keySet().stream().filter(id -> !old.containsKey(id)).forEach(redo::add);
      double d = rules.access().frontage();
      for (Envelope box : boxes) {
        Envelope e = new Envelope(box);
        e.expandBy(d);
        for (Structure s : model.structures.near(e)) {
          Block b = blockAt(s);
          if (b != null) {
            redo.add(b.id());
          }
        }
      }
    }
    for (UUID id : structures) {
      UUID was = blockOf.remove(id);
      if (was != null && blocks.containsKey(was)) {
        redo.add(was);
      }
      Structure s = model.structures.get(id);
      Block b = s == null ? null : blockAt(s);
      if (b != null) {
        redo.add(b.id());
      }
    }
    for (UUID id : redo) {
      Layers l = layers(blocks.get(id));
      remember(l);
      out.put(id, l.conflicts());
    }
    return out;
  }

  private void polygonize() {
    Map<UUID, Block> now = new HashMap<>();
    faces(null).forEach(b -> now.put(b.id(), b));
    use(now);
  }

  /**
   * Polygonizes again only around the change: the window is the boxes grown to the old blocks they
   * meet; the faces of the pieces meeting the window that lie within it are the true blocks there
   * (every piece that could split or bound them is in), the old blocks outside it are unchanged
   * (no changed piece touches them). A new block could still reach beyond the window (a path that
   * closes a loop far round): when either side of a changed path is in no face within the window,
   * the whole network is polygonized instead. Answers false then.
   */
  private boolean polygonizeNear(Set<UUID> paths, Collection<Envelope> boxes) {
    Envelope window = new Envelope();
    boxes.forEach(window::expandToInclude);
    for (Envelope box : boxes) {
      for (Object o : index.query(box)) {
        window.expandToInclude(((Block) o).polygon().getEnvelopeInternal());
      }
    }
    window.expandBy(1);
    List<Block> inside = new ArrayList<>();
    for (Block b : faces(window)) {
      if (window.contains(b.polygon().getEnvelopeInternal())) {
        inside.add(b);
      }
    }
    STRtree local = new STRtree();
    inside.forEach(b -> local.insert(b.polygon().getEnvelopeInternal(), b));
    for (UUID id : paths) {
      Path p = model.paths.get(id);
      if (p != null && !bothSidesIn(p, local)) {
        return false;
      }
    }
    Map<UUID, Block> now = new HashMap<>();
    blocks.values().stream().filter(b -> !window.contains(b.polygon().getEnvelopeInternal())).forEach(b -> now.put(b.id(), b));
    inside.forEach(b -> now.put(b.id(), b));
    use(now);
    return true;
  }

  /** True when a point just either side of the middle of every segment of the path lies in a face of {@code faces}. */
  private static boolean bothSidesIn(Path p, STRtree faces) {
    var cs = p.geometry().getCoordinates();
    var factory = p.geometry().getFactory();
    for (int i = 0; i + 1 < cs.length; i++) {
      double dx = cs[i + 1].x - cs[i].x;
      double dy = cs[i + 1].y - cs[i].y;
      double length = Math.hypot(dx, dy);
      if (length == 0) {
        continue;
      }
      double mx = (cs[i].x + cs[i + 1].x) / 2;
      double my = (cs[i].y + cs[i + 1].y) / 2;
      for (int side = -1; side <= 1; side += 2) {
        Point q = factory.createPoint(new org.locationtech.jts.geom.Coordinate(
            mx - side * dy / length * 1e-3, my + side * dx / length * 1e-3));
        boolean in = false;
        for (Object o : faces.query(q.getEnvelopeInternal())) {
          in |= ((Block) o).prepared().contains(q);
        }
        if (!in) {
          return false;
        }
      }
    }
    return true;
  }

  private void use(Map<UUID, Block> now) {
    STRtree tree = new STRtree();
    now.values().forEach(b -> tree.insert(b.polygon().getEnvelopeInternal(), b));
    tree.build();
    blocks = now;
    index = tree;
  }

  /** The faces of the network's pieces (those meeting the window, or all when it is null). */
  private List<Block> faces(Envelope window) {
    List<Block> out = new ArrayList<>();
    if (model.paths().isEmpty()) {
      return out;
    }
    var factory = model.paths().iterator().next().geometry().getFactory();
    // overlapping paths give the same piece twice: once is enough for the polygonizer
    Set<LineString> pieces = new LinkedHashSet<>();
    for (LineString piece : network.pieces(factory, window)) {
      LineString n = (LineString) piece.norm();
      if (n.getLength() > 0) {
        pieces.add(n);
      }
    }
    Polygonizer polygonizer = new Polygonizer();
    polygonizer.add(new ArrayList<Geometry>(pieces));
    WKBWriter wkb = new WKBWriter();
    for (Object o : polygonizer.getPolygons()) {
      Polygon p = (Polygon) ((Polygon) o).norm();
      if (p.getArea() > 0) {
        out.add(new Block(UUID.nameUUIDFromBytes(wkb.write(p)), p, PreparedGeometryFactory.prepare(p)));
      }
    }
    return out;
  }

  /** The block whose interior holds the structure's centroid, or null (outside every block, or on a path). */
  private Block blockAt(Structure s) {
    Point c = s.geometry().getCentroid();
    for (Object o : index.query(c.getEnvelopeInternal())) {
      Block b = (Block) o;
      if (b.prepared().contains(c)) {
        return b;
      }
    }
    return null;
  }

  private Layers layers(Block b) {
    List<Structure> in = new ArrayList<>();
    for (Structure s : model.structures.near(b.polygon().getEnvelopeInternal())) {
      if (b.prepared().contains(s.geometry().getCentroid())) {
        in.add(s);
      }
    }
    in.sort(Comparator.comparingLong(Structure::fid));
    List<UUID> members = in.stream().map(Structure::id).toList();
    double d = rules.access().frontage();
    Map<UUID, Integer> layer = new HashMap<>();
    List<Structure> frontier = new ArrayList<>();
    for (Structure s : in) {
      if (FrontageCheck.hasFrontage(s, model, d)) {
        layer.put(s.id(), 1);
        frontier.add(s);
      }
    }
    Set<UUID> ofBlock = new HashSet<>();
    in.forEach(s -> ofBlock.add(s.id()));
    int depth = frontier.isEmpty() ? 0 : 1;
    while (!frontier.isEmpty()) {
      List<Structure> next = new ArrayList<>();
      for (Structure f : frontier) {
        Envelope e = new Envelope(f.geometry().getEnvelopeInternal());
        e.expandBy(d);
        for (Structure t : model.structures.near(e)) {
          if (ofBlock.contains(t.id()) && !layer.containsKey(t.id()) && t.geometry().isWithinDistance(f.geometry(), d)) {
            layer.put(t.id(), depth + 1);
            next.add(t);
          }
        }
      }
      if (!next.isEmpty()) {
        depth++;
      }
      frontier = next;
    }
    int max = rules.access().maxBlockDepth();
    if (depth <= max) {
      return new Layers(b.id(), members, List.of());
    }
    List<FeatureRef> deepest = new ArrayList<>();
    for (Structure s : in) {
      if (layer.getOrDefault(s.id(), 0) == depth) {
        deepest.add(FeatureRef.of(s));
      }
    }
    return new Layers(b.id(), members, List.of(Conflict.of(ConflictType.BLOCK_DEPTH, b.id(), deepest, b.polygon(), (double) depth, (double) max,
        "layers", Map.of("count", in.size(), "depth", depth, "deepest", deepest.size(), "through", depth - 1,
            "norm", max, "unreachable", in.size() - layer.size()))));
  }
}
