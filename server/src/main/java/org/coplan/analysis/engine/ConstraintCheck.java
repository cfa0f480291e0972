package org.coplan.analysis.engine;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;

/**
 * Check 2, constraints with setbacks, for one feature (a structure, a service or a path). The zone
 * of a constraint is its geometry grown by its setback (the larger of its own and the rule set's
 * for its kind); a feature whose interior the zone enters conflicts with it. No-build zones make
 * structures relocations; conditional ones flag; advisory ones inform.
 */
final class ConstraintCheck {
  private ConstraintCheck() {}

  static void check(
      UUID primary, FeatureRef ref, String label, Geometry g, String consequence, PlanModel model, Zones zones,
      double reach, List<Conflict> out) {
    Envelope box = new Envelope(g.getEnvelopeInternal());
    box.expandBy(reach);
    List<Constraint> near = new ArrayList<>(model.constraints.near(box));
    near.sort(Comparator.comparingLong(Constraint::fid));
    for (Constraint c : near) {
      Zones.Zone zone = zones.zone(c);
      if (!zone.takes(g)) {
        continue;
      }
      ConflictType type = switch (c.severity()) {
        case "no_build" -> ConflictType.CONSTRAINT_NO_BUILD;
        case "conditional" -> ConflictType.CONSTRAINT_CONDITIONAL;
        default -> ConflictType.CONSTRAINT_ADVISORY;
      };
      // the feature marks the place: cutting it out of a large zone would cost more than it tells
      Geometry where = g;
      double distance = CorridorCheck.round(zone.distance().distance(g));
      out.add(Conflict.of(
          type, primary, List.of(ref, FeatureRef.of(c)), where, distance, zone.radius(), "m",
          Map.of(
              "feature", label, "constraint", c.label(), "setback", zone.radius(),
              "consequence", type == ConflictType.CONSTRAINT_NO_BUILD ? consequence : "")));
    }
  }
}
