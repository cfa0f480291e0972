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
 * toilet within the drain setback of a drain or sewer line. Service lines (drains, sewers, cables)
 * compete for space when they run along inside a planned path's corridor or inside the strip
 * (drain setback) of another sector's line for longer than the agreed shared length; at least one
 * of the two must be planned (existing lines side by side are existing conditions).
 */
final class ServiceSitingCheck {
  private ServiceSitingCheck() {}

  static void check(Service v, PlanModel model, Zones zones, RuleSet rules, List<Conflict> out) {
    if (v.geometry().getDimension() == 1) {
      lines(v, model, zones, rules, out);
    }
    if (!v.point()) {
      return;
    }
    Geometry at = v.geometry();
    Envelope box = new Envelope(at.getEnvelopeInternal());
    List<Structure> structures = new ArrayList<>(model.structures.near(box));
    structures.sort(Comparator.comparingLong(Structure::fid));
    for (Structure s : structures) {
      if (s.geometry().contains(at)) {
        // measured: how far inside the footprint the service stands (its distance to the walls);
        // the norm is 0 m: a service belongs outside every structure
        double inside = s.geometry().getBoundary().distance(at);
        out.add(Conflict.of(
            ConflictType.SERVICE_IN_STRUCTURE, v.id(), List.of(FeatureRef.of(v), FeatureRef.of(s)), at,
            CorridorCheck.round(inside), 0.0, "m", Map.of("service", v.label(), "structure", s.label())));
      }
    }
    Envelope wide = new Envelope(box);
    wide.expandBy(15 + rules.corridor().clearance());
    List<Path> paths = new ArrayList<>(model.paths.near(wide));
    paths.sort(Comparator.comparingLong(Path::fid));
    for (Path p : paths) {
      Zones.Zone corridor = p.planned() ? zones.corridor(p) : null;
      if (corridor != null && corridor.takes(at)) {
        // measured: the service's distance from the path's centre line; the norm: the corridor's
        // half-width plus clearance, the distance it would have to keep
        out.add(Conflict.of(
            ConflictType.SERVICE_IN_CORRIDOR, v.id(), List.of(FeatureRef.of(v), FeatureRef.of(p)), at,
            CorridorCheck.round(p.geometry().distance(at)), CorridorCheck.round(corridor.radius()), "m",
            Map.of("service", v.label(), "path", p.label())));
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

  /** Check 7 for a service line: long runs inside planned corridors and other sectors' strips. */
  private static void lines(Service v, PlanModel model, Zones zones, RuleSet rules, List<Conflict> out) {
    Geometry line = v.geometry();
    double max = rules.maxSharedLength();
    Envelope wide = new Envelope(line.getEnvelopeInternal());
    wide.expandBy(zones.widestCorridor());
    List<Path> paths = new ArrayList<>(model.paths.near(wide));
    paths.sort(Comparator.comparingLong(Path::fid));
    for (Path p : paths) {
      if (p.planned() || v.planned()) {
        shared(v, zones.corridor(p), FeatureRef.of(p), p.label(), max, out);
      }
    }
    // a pair of lines is filed once, under the lower feature number; the shorter of the two runs
    // (each line inside the other's strip) is what they share
    Envelope reach = new Envelope(line.getEnvelopeInternal());
    reach.expandBy(rules.drainSetback());
    List<Service> others = new ArrayList<>(model.services.near(reach));
    others.sort(Comparator.comparingLong(Service::fid));
    for (Service o : others) {
      if (o.fid() > v.fid() && o.geometry().getDimension() == 1 && (o.planned() || v.planned())
          && !o.sectorOrType().equals(v.sectorOrType()) && zones.strip(o).prepared().intersects(line)) {
        Geometry mine = line.intersection(zones.strip(o).buffer());
        Geometry theirs = o.geometry().intersection(zones.strip(v).buffer());
        report(v, theirs.getLength() < mine.getLength() ? theirs : mine, FeatureRef.of(o), o.label(), max, out);
      }
    }
  }

  private static void shared(Service v, Zones.Zone zone, FeatureRef other, String label, double max, List<Conflict> out) {
    if (zone.prepared().intersects(v.geometry())) {
      report(v, v.geometry().intersection(zone.buffer()), other, label, max, out);
    }
  }

  private static void report(Service v, Geometry inside, FeatureRef other, String label, double max, List<Conflict> out) {
    double length = inside.getLength();
    if (length > max) {
      out.add(Conflict.of(
          ConflictType.OVERLAPPING_CORRIDORS, v.id(), List.of(FeatureRef.of(v), other), inside, CorridorCheck.round(length),
          max, "m", Map.of("line", capitalised(v.label()), "length", (double) Math.round(length), "other", label, "norm", max)));
    }
  }

  private static String capitalised(String s) {
    return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }
}
