package org.coplan.analysis.engine;

import java.util.List;
import java.util.Map;
import org.locationtech.jts.geom.Envelope;

/**
 * Check 5, frontage: a structure has frontage when a footpath or road (existing or planned) passes
 * within the agreed frontage distance of its footprint (exactly at the distance counts).
 */
final class FrontageCheck {
  private FrontageCheck() {}

  static void check(Structure s, PlanModel model, RuleSet rules, List<Conflict> out) {
    double d = rules.access().frontage();
    if (hasFrontage(s, model, d)) {
      return;
    }
    Double nearest = nearestPath(s, model, searchLimit(rules));
    out.add(Conflict.of(ConflictType.NO_FRONTAGE, s.id(), List.of(FeatureRef.of(s)), s.geometry(),
        nearest == null ? null : CorridorCheck.round(nearest), d, "m", Map.of("structure", s.label(), "norm", d)));
  }

  /**
   * How far the measured value looks for the nearest path (four times the frontage distance);
   * beyond it the value is left empty. Re-analysis after a path edit checks the structures this
   * near the change again, so the value stays exact.
   */
  static double searchLimit(RuleSet rules) {
    return 4 * rules.access().frontage();
  }

  /** The distance from the footprint to the nearest footpath or road within {@code limit}, or null. */
  static Double nearestPath(Structure s, PlanModel model, double limit) {
    Envelope own = s.geometry().getEnvelopeInternal();
    Envelope box = new Envelope(own);
    box.expandBy(limit);
    double best = Double.POSITIVE_INFINITY;
    for (Path p : model.paths.near(box)) {
      // no point of a path is nearer than its envelope: most candidates end here, without DistanceOp
      if (own.distance(p.geometry().getEnvelopeInternal()) < Math.min(best, limit + 1e-9)) {
        best = Math.min(best, s.geometry().distance(p.geometry()));
      }
    }
    return best <= limit ? best : null;
  }

  /** True when some footpath or road passes within {@code d} of the footprint. */
  static boolean hasFrontage(Structure s, PlanModel model, double d) {
    Envelope box = new Envelope(s.geometry().getEnvelopeInternal());
    box.expandBy(d);
    for (Path p : model.paths.near(box)) {
      if (s.geometry().isWithinDistance(p.geometry(), d)) {
        return true;
      }
    }
    return false;
  }
}
