package org.coplan.analysis;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;
import org.coplan.analysis.engine.Access;
import org.coplan.analysis.engine.Analysis;
import org.coplan.analysis.engine.Conflict;
import org.coplan.analysis.engine.ConflictType;
import org.coplan.analysis.engine.RuleSet;
import org.coplan.analysis.engine.Structure;
import org.coplan.review.RepresentationGrouping.Membership;

/**
 * What a plan costs and brings. Costs: structures relocated (a corridor leaves too little, or a
 * no-build constraint) and trimmed, with their households and people, by reason and by each
 * grouping column (cell, and cluster or segment where the structures table has them). Data-quality
 * conflicts count in none of these. The same costs per cell and cluster of the community's
 * representation ({@code representation}), so each forum sees what the plan does to it. Brings, against the baseline: households newly within the water,
 * toilet and fire-access norms (of the structures present in both) and path length added.
 */
record Impact(
    String plan,
    Count relocated,
    Count trimmed,
    Map<String, Count> byReason,
    Map<String, Map<String, Count>> byGroup,
    Representation representation,
    Brings brings) {

  /**
   * Which cells and clusters of the community's representation the relocated and trimmed
   * structures belong to, and how they are touched; {@code id} null collects structures in no cell.
   */
  record Representation(List<UnitImpact> cells, List<UnitImpact> clusters) {}

  /** One cell (with its {@code cluster}) or cluster: what is relocated and trimmed in it. */
  record UnitImpact(String id, String name, String cluster, Count relocated, Count trimmed) {
    UnitImpact plus(Structure s, boolean moved) {
      return new UnitImpact(id, name, cluster, moved ? relocated.plus(s) : relocated, moved ? trimmed : trimmed.plus(s));
    }
  }

  /** Structures, households and people. */
  record Count(int structures, int households, int people) {
    Count plus(Structure s) {
      return new Count(structures + 1, households + s.households(), people + s.people());
    }

    static final Count ZERO = new Count(0, 0, 0);
  }

  /** Households within each norm now and in the baseline, and the path length added. */
  record Brings(
      int householdsNewlyWithinWater, int householdsNewlyWithinToilet, int householdsNewlyWithinFire,
      int householdsWithinWater, int householdsWithinToilet, int householdsWithinFire, double pathLengthAddedM) {}

  /** The levels of representation the impact is grouped by: who speaks for the structures affected. */
  static final List<String> LEVELS = List.of("cell", "cluster", "segment");

  /**
   * @param representation structure → level → unit id (cell, cluster, segment) from the settlement's
   *     representation; a structure without a link counts under its {@code cell} column, if any
   * @param cellsOf the representation's cell and cluster, with their names, of each of the given
   *     structures (those in no cell left out)
   */
  static Impact of(
      String planId, Analysis plan, Analysis baseline, Map<UUID, Map<String, String>> representation,
      Function<Set<UUID>, Map<UUID, Membership>> cellsOf) {
    List<String> groupColumns = LEVELS;
    Map<UUID, ConflictType> outcome = new HashMap<>();
    Map<String, Count> byReason = new TreeMap<>();
    Map<UUID, List<ConflictType>> reasons = new HashMap<>();
    for (Conflict c : plan.conflicts()) {
      Structure s = plan.model().structure(c.primary());
      if (s == null) {
        continue;
      }
      boolean relocation = c.type() == ConflictType.CORRIDOR_RELOCATION || c.type() == ConflictType.CONSTRAINT_NO_BUILD;
      boolean trim = c.type() == ConflictType.CORRIDOR_TRIM;
      if (relocation || trim) {
        reasons.computeIfAbsent(s.id(), k -> new ArrayList<>()).add(c.type());
        if (relocation) {
          outcome.put(s.id(), ConflictType.CORRIDOR_RELOCATION);
        } else {
          outcome.putIfAbsent(s.id(), ConflictType.CORRIDOR_TRIM);
        }
      }
    }
    Count relocated = Count.ZERO;
    Count trimmed = Count.ZERO;
    Map<String, Map<String, Count>> byGroup = new LinkedHashMap<>();
    for (String g : groupColumns) {
      byGroup.put(g, new TreeMap<>());
    }
    for (Map.Entry<UUID, ConflictType> e : outcome.entrySet()) {
      Structure s = plan.model().structure(e.getKey());
      boolean moved = e.getValue() == ConflictType.CORRIDOR_RELOCATION;
      if (moved) {
        relocated = relocated.plus(s);
      } else {
        trimmed = trimmed.plus(s);
      }
      for (ConflictType t : reasons.get(s.id())) {
        byReason.merge(t.id(), Count.ZERO.plus(s), (a, b) -> new Count(a.structures + 1, a.households + s.households(), a.people + s.people()));
      }
      for (String g : groupColumns) {
        String value = representation.getOrDefault(s.id(), Map.of()).getOrDefault(g, s.groups().getOrDefault(g, "(none)"));
        String bucket = value + (moved ? " relocated" : " trimmed");
        byGroup.get(g).merge(bucket, Count.ZERO.plus(s), (a, b) -> new Count(a.structures + 1, a.households + s.households(), a.people + s.people()));
      }
    }
    return new Impact(planId, relocated, trimmed, byReason, byGroup, representation(plan, outcome, cellsOf.apply(outcome.keySet())),
        brings(plan, baseline));
  }

  private static Representation representation(Analysis plan, Map<UUID, ConflictType> outcome, Map<UUID, Membership> cells) {
    Map<String, UnitImpact> byCell = new TreeMap<>(java.util.Comparator.nullsLast(java.util.Comparator.naturalOrder()));
    Map<String, UnitImpact> byCluster = new TreeMap<>(java.util.Comparator.nullsLast(java.util.Comparator.naturalOrder()));
    for (Map.Entry<UUID, ConflictType> e : outcome.entrySet()) {
      Structure s = plan.model().structure(e.getKey());
      boolean moved = e.getValue() == ConflictType.CORRIDOR_RELOCATION;
      Membership m = cells.get(e.getKey());
      String cell = m == null ? null : m.cellId();
      String cluster = m == null ? null : m.clusterId();
      byCell.computeIfAbsent(cell, k -> new UnitImpact(k, m == null ? null : m.cellName(), cluster, Count.ZERO, Count.ZERO));
      byCell.put(cell, byCell.get(cell).plus(s, moved));
      byCluster.computeIfAbsent(cluster, k -> new UnitImpact(k, m == null ? null : m.clusterName(), null, Count.ZERO, Count.ZERO));
      byCluster.put(cluster, byCluster.get(cluster).plus(s, moved));
    }
    return new Representation(List.copyOf(byCell.values()), List.copyOf(byCluster.values()));
  }

  private static Brings brings(Analysis plan, Analysis baseline) {
    RuleSet r = plan.rules();
    int[] now = new int[3];
    int[] newly = new int[3];
    for (Structure s : plan.model().structures()) {
      Access a = plan.access().get(s.id());
      Access b = baseline.access().get(s.id());
      if (a == null) {
        continue;
      }
      boolean[] in = {a.waterWithin(r), a.toiletWithin(r), a.fireWithin(r)};
      boolean[] was = b == null ? new boolean[3] : new boolean[] {b.waterWithin(r), b.toiletWithin(r), b.fireWithin(r)};
      for (int i = 0; i < 3; i++) {
        if (in[i]) {
          now[i] += s.households();
          if (b != null && !was[i]) {
            newly[i] += s.households();
          }
        }
      }
    }
    double added = AnalysisRepository.pathLength(plan.model()) - AnalysisRepository.pathLength(baseline.model());
    return new Brings(newly[0], newly[1], newly[2], now[0], now[1], now[2], Math.round(added * 10) / 10.0);
  }

  /** The impact as CSV rows: metric, group, value columns. */
  String csv() {
    StringBuilder out = new StringBuilder("plan,measure,group,structures,households,people\n");
    row(out, "relocated", "", relocated);
    row(out, "trimmed", "", trimmed);
    byReason.forEach((k, v) -> row(out, "by_reason", k, v));
    byGroup.forEach((g, m) -> m.forEach((k, v) -> row(out, "by_" + g, k, v)));
    for (UnitImpact u : representation.cells()) {
      row(out, "representation_cell_relocated", u.id() == null ? "(none)" : u.id(), u.relocated());
      row(out, "representation_cell_trimmed", u.id() == null ? "(none)" : u.id(), u.trimmed());
    }
    for (UnitImpact u : representation.clusters()) {
      row(out, "representation_cluster_relocated", u.id() == null ? "(none)" : u.id(), u.relocated());
      row(out, "representation_cluster_trimmed", u.id() == null ? "(none)" : u.id(), u.trimmed());
    }
    out.append(plan).append(",households_newly_within_water,,,").append(brings.householdsNewlyWithinWater()).append(",\n");
    out.append(plan).append(",households_newly_within_toilet,,,").append(brings.householdsNewlyWithinToilet()).append(",\n");
    out.append(plan).append(",households_newly_within_fire,,,").append(brings.householdsNewlyWithinFire()).append(",\n");
    out.append(plan).append(",path_length_added_m,,,,").append(brings.pathLengthAddedM()).append('\n');
    return out.toString();
  }

  private void row(StringBuilder out, String measure, String group, Count c) {
    out.append(plan).append(',').append(measure).append(',').append(quote(group)).append(',')
        .append(c.structures()).append(',').append(c.households()).append(',').append(c.people()).append('\n');
  }

  private static String quote(String s) {
    return s.contains(",") || s.contains("\"") || s.contains("\n") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
  }
}
