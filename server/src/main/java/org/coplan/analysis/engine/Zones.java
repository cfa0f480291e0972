package org.coplan.analysis.engine;

import java.util.Map;
import java.util.UUID;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.locationtech.jts.operation.distance.IndexedFacetDistance;
import org.locationtech.jts.operation.overlayng.OverlayNG;
import org.locationtech.jts.operation.overlayng.OverlayNGRobust;

/**
 * Buffers the checks test against, made once per feature version and prepared: path corridors
 * (half the width plus the clearance either side) and constraint zones (the constraint grown by its
 * setback). An entry is remade when its feature is replaced (a new record) or the rule set changes.
 */
final class Zones {
  /** A zone: the buffer and its prepared form; {@code buffer} is the line itself for a zero-width corridor. */
  record Zone(Object source, Geometry buffer, PreparedGeometry prepared, double radius, IndexedFacetDistance distance) {
    /** Zones larger than this (vertices) are tested through their part near the feature. */
    private static final int LARGE = 256;

    /** Whether the zone takes part of {@code g}'s interior (touching its edge is not enough). */
    boolean takes(Geometry g) {
      if (!prepared.intersects(g)) {
        return false;
      }
      if (buffer.getDimension() == 2) {
        if (g.getDimension() == 0) {
          return true;
        }
        if (g.getDimension() == 2 && buffer.getNumPoints() > LARGE) {
          // a flood zone or a long watercourse's setback: touches() would walk all of it; the
          // overlay clips the zone's edges to the structure first, and for two areas "interiors
          // meet" is "the intersection has area"
          return OverlayNGRobust.overlay(g, buffer, OverlayNG.INTERSECTION).getArea() > 0;
        }
        return !buffer.touches(g);
      }
      // a line zone (zero-width corridor, line constraint without setback) meets the interior of g
      return g.getDimension() == 0 ? true : buffer.relate(g, "T********");
    }
  }

  private final Map<UUID, Zone> cache = new java.util.concurrent.ConcurrentHashMap<>();
  private final RuleSet rules;

  Zones(RuleSet rules) {
    this.rules = rules;
  }

  Zone corridor(Path p) {
    Zone z = cache.get(p.id());
    if (z == null || z.source() != p) {
      double r = corridorRadius(p);
      z = make(p, p.geometry(), r);
      cache.put(p.id(), z);
    }
    return z;
  }

  double corridorRadius(Path p) {
    return p.width() / 2 + rules.corridor().clearance();
  }

  /** The largest corridor radius a path can have (widths are at most 30 m). */
  double widestCorridor() {
    return 15 + rules.corridor().clearance();
  }

  Zone zone(Constraint c) {
    Zone z = cache.get(c.id());
    if (z == null || z.source() != c) {
      z = make(c, c.geometry(), rules.setbackFor(c.kind(), c.setback()));
      cache.put(c.id(), z);
    }
    return z;
  }

  /** The strip along a service line that other sectors' lines keep out of: the line grown by the drain setback. */
  Zone strip(Service v) {
    Zone z = cache.get(v.id());
    if (z == null || z.source() != v) {
      z = make(v, v.geometry(), rules.drainSetback());
      cache.put(v.id(), z);
    }
    return z;
  }

  private static Zone make(Object source, Geometry g, double radius) {
    Geometry buffer = radius > 0 ? g.buffer(radius) : g;
    return new Zone(source, buffer, PreparedGeometryFactory.prepare(buffer), radius, new IndexedFacetDistance(g));
  }

  void forget(UUID id) {
    cache.remove(id);
  }
}
