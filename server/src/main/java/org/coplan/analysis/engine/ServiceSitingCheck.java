package org.coplan.analysis.engine;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;

/**
 * Checks 3 and 7 for one point service: inside a structure, inside a planned corridor, a toilet
 * nearer a water point than the norm (a distance exactly at the norm is allowed), and a tap or
 * toilet within the drain setback of a drain or sewer line. Service lines (drains, sewers) are
 * only checked against constraints.
 */
final class ServiceSitingCheck {
  private ServiceSitingCheck() {}

  static void check(Service v, PlanModel model, Zones zones, RuleSet rules, List<Conflict> out) {
    if (!v.point()) {
      return;
    }
    Geometry at = v.geometry();
    Envelope box = new Envelope(at.getEnvelopeInternal());
    List<Structure> structures = new ArrayList<>(model.structures.near(box));
    structures.sort(Comparator.comparingLong(Structure::fid));
    for (Structure s : structures) {
      if (s.geometry().contains(at)) {
        out.add(Conflict.of(
            ConflictType.SERVICE_IN_STRUCTURE, v.id(), List.of(FeatureRef.of(v), FeatureRef.of(s)), at, null, null,
            null, Map.of("service", v.label(), "structure", s.label())));
      }
    }
    Envelope wide = new Envelope(box);
    wide.expandBy(15 + rules.corridor().clearance());
    List<Path> paths = new ArrayList<>(model.paths.near(wide));
    paths.sort(Comparator.comparingLong(Path::fid));
    for (Path p : paths) {
      if (p.planned() && zones.corridor(p).takes(at)) {
        out.add(Conflict.of(
            ConflictType.SERVICE_IN_CORRIDOR, v.id(), List.of(FeatureRef.of(v), FeatureRef.of(p)), at, null, null,
            null, Map.of("service", v.label(), "path", p.label())));
      }
    }
    double minWater = rules.toilet().minDistanceFromWater();
    double drain = rules.drainSetback();
    Envelope reach = new Envelope(box);
    reach.expandBy(Math.max(minWater, drain));
    List<Service> services = new ArrayList<>(model.services.near(reach));
    services.sort(Comparator.comparingLong(Service::fid));
    for (Service o : services) {
      if (o == v) {
        continue;
      }
      double d = at.distance(o.geometry());
      if (v.toilet() && o.water() && minWater > 0 && d < minWater) {
        out.add(Conflict.of(
            ConflictType.TOILET_NEAR_WATER, v.id(), List.of(FeatureRef.of(v), FeatureRef.of(o)),
            at.getFactory().createLineString(new org.locationtech.jts.geom.Coordinate[] {
                at.getCoordinate(), o.geometry().getCoordinate()}),
            CorridorCheck.round(d), minWater, "m",
            Map.of("service", v.label(), "water", o.label(), "distance", (double) Math.round(d * 10) / 10, "norm", minWater)));
      }
      if ((v.toilet() || v.water()) && o.drainLine() && drain > 0 && d < drain) {
        out.add(Conflict.of(
            ConflictType.SERVICE_NEAR_DRAIN, v.id(), List.of(FeatureRef.of(v), FeatureRef.of(o)), at,
            CorridorCheck.round(d), drain, "m",
            Map.of("service", v.label(), "drain", o.label(), "distance", (double) Math.round(d * 10) / 10, "norm", drain)));
      }
    }
  }
}
