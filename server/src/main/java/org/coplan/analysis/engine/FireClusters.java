package org.coplan.analysis.engine;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.locationtech.jts.algorithm.Distance;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Polygon;

/**
 * Check 6, fire clusters: two structures whose footprints are less than the fire-break gap apart
 * (strictly: a gap exactly as wide as agreed is a fire break) belong to one cluster, and so does
 * every structure linked to them by such gaps. A cluster of more structures than agreed needs a
 * fire break: one {@code fire_cluster} conflict, filed under its member with the lowest feature
 * number, names every member; its geometry is the members' convex hull.
 *
 * <p>A full run links neighbours with a union-find, testing a pair only when the two are not
 * linked already (in a dense block most pairs are). After structures change, only the clusters the
 * changed structures were in or now touch are walked again.
 */
final class FireClusters {
  private final PlanModel model;
  private final RuleSet rules;
  /** Structure → its cluster; structures alone in theirs are left out. */
  private final Map<UUID, Cluster> clusterOf = new HashMap<>();

  /** A cluster: its members in feature-number order; the first is the primary. */
  record Cluster(List<Structure> members) {
    UUID primary() {
      return members.get(0).id();
    }
  }

  FireClusters(PlanModel model, RuleSet rules) {
    this.model = model;
    this.rules = rules;
  }

  /** Finds every cluster. */
  void run() {
    clusterOf.clear();
    List<Structure> all = new ArrayList<>(model.structures());
    Map<UUID, Integer> index = new HashMap<>(all.size() * 2);
    for (int i = 0; i < all.size(); i++) {
      index.put(all.get(i).id(), i);
    }
    int[] parent = new int[all.size()];
    for (int i = 0; i < parent.length; i++) {
      parent[i] = i;
    }
    for (int i = 0; i < all.size(); i++) {
      Structure s = all.get(i);
      for (Structure o : candidates(s)) {
        int j = index.get(o.id());
        if (j <= i) {
          continue;
        }
        int a = find(parent, i);
        int b = find(parent, j);
        if (a != b && closer(s.geometry(), o.geometry(), rules.fire().breakGap())) {
          parent[Math.max(a, b)] = Math.min(a, b);
        }
      }
    }
    Map<Integer, List<Structure>> groups = new HashMap<>();
    for (int i = 0; i < all.size(); i++) {
      groups.computeIfAbsent(find(parent, i), k -> new ArrayList<>()).add(all.get(i));
    }
    for (List<Structure> members : groups.values()) {
      keep(members);
    }
  }

  private static int find(int[] parent, int i) {
    while (parent[i] != i) {
      parent[i] = parent[parent[i]];
      i = parent[i];
    }
    return i;
  }

  private void keep(List<Structure> members) {
    if (members.size() < 2) {
      members.forEach(m -> clusterOf.remove(m.id()));
      return;
    }
    members.sort(Comparator.comparingLong(Structure::fid).thenComparing(Structure::id));
    Cluster c = new Cluster(List.copyOf(members));
    members.forEach(m -> clusterOf.put(m.id(), c));
  }

  /**
   * After the structures {@code changed} were put, moved or removed: walks again the clusters they
   * were in and the structures now near them, and answers the primaries (old and new) of every
   * cluster that may have changed.
   */
  Set<UUID> update(Collection<UUID> changed) {
    Set<UUID> primaries = new HashSet<>();
    Set<UUID> seeds = new HashSet<>(changed);
    for (UUID id : changed) {
      Cluster old = clusterOf.remove(id);
      if (old != null) {
        primaries.add(old.primary());
        old.members().forEach(m -> seeds.add(m.id()));
      }
    }
    Set<UUID> seen = new HashSet<>();
    for (UUID seed : seeds) {
      Structure start = model.structures.get(seed);
      if (start == null || seen.contains(seed)) {
        continue;
      }
      List<Structure> members = new ArrayList<>();
      ArrayDeque<Structure> queue = new ArrayDeque<>(List.of(start));
      seen.add(seed);
      while (!queue.isEmpty()) {
        Structure s = queue.poll();
        members.add(s);
        Cluster before = clusterOf.get(s.id());
        if (before != null) {
          primaries.add(before.primary());
        }
        for (Structure o : candidates(s)) {
          if (!seen.contains(o.id()) && closer(s.geometry(), o.geometry(), rules.fire().breakGap())) {
            seen.add(o.id());
            queue.add(o);
          }
        }
      }
      keep(members);
      if (members.size() > 1) {
        primaries.add(members.get(0).id());
      }
    }
    return primaries;
  }

  /** The conflict of the cluster {@code s} is the primary of, when it is larger than agreed. */
  void conflicts(Structure s, List<Conflict> out) {
    Cluster c = clusterOf.get(s.id());
    int max = rules.fire().maxClusterStructures();
    if (c == null || !c.primary().equals(s.id()) || c.members().size() <= max) {
      return;
    }
    List<FeatureRef> refs = new ArrayList<>(c.members().size());
    Geometry[] footprints = new Geometry[c.members().size()];
    for (int i = 0; i < footprints.length; i++) {
      refs.add(FeatureRef.of(c.members().get(i)));
      footprints[i] = c.members().get(i).geometry();
    }
    Geometry hull = s.geometry().getFactory().createGeometryCollection(footprints).convexHull();
    double gap = rules.fire().breakGap();
    out.add(Conflict.of(ConflictType.FIRE_CLUSTER, s.id(), refs, hull, (double) footprints.length, (double) max,
        "structures", Map.of("count", (double) footprints.length, "norm", gap, "max", (double) max)));
  }

  private List<Structure> candidates(Structure s) {
    Envelope box = new Envelope(s.geometry().getEnvelopeInternal());
    box.expandBy(rules.fire().breakGap());
    List<Structure> out = new ArrayList<>();
    for (Structure o : model.structures.near(box)) {
      if (o != s && !o.id().equals(s.id())) {
        out.add(o);
      }
    }
    return out;
  }

  /** Ring 0 is the shell, 1.. the holes. */
  private static Coordinate[] ring(Polygon p, int i) {
    return (i == 0 ? p.getExteriorRing() : p.getInteriorRingN(i - 1)).getCoordinates();
  }

  /**
   * Whether two footprints are less than {@code gap} apart: an edge of one nearer an edge of the
   * other (crossing edges are 0 apart), or one inside the other. The segment distances are JTS's
   * own ({@link Distance#segmentToSegment}), without building a DistanceOp per pair.
   */
  static boolean closer(Polygon a, Polygon b, double gap) {
    if (a.getEnvelopeInternal().distance(b.getEnvelopeInternal()) >= gap) {
      return false;
    }
    for (int ra = 0; ra <= a.getNumInteriorRing(); ra++) {
      Coordinate[] ca = ring(a, ra);
      for (int rb = 0; rb <= b.getNumInteriorRing(); rb++) {
        Coordinate[] cb = ring(b, rb);
        for (int i = 0; i + 1 < ca.length; i++) {
          for (int j = 0; j + 1 < cb.length; j++) {
            if (Distance.segmentToSegment(ca[i], ca[i + 1], cb[j], cb[j + 1]) < gap) {
              return true;
            }
          }
        }
      }
    }
    // no edges near: only containment is left (a footprint drawn inside another)
    return a.getEnvelopeInternal().covers(b.getEnvelopeInternal()) && a.contains(b.getInteriorPoint())
        || b.getEnvelopeInternal().covers(a.getEnvelopeInternal()) && b.contains(a.getInteriorPoint());
  }
}
