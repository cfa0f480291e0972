package org.coplan.analysis.engine;

import java.util.Map;
import java.util.UUID;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKTReader;

/** Test builders: features from WKT in metres, and the Cape Town rule set with chosen changes. */
final class Fixtures {
  static final GeometryFactory METRIC = new GeometryFactory(new org.locationtech.jts.geom.PrecisionModel(), 32737);
  private static long serial = 1;

  private Fixtures() {}

  static Geometry wkt(String text) {
    try {
      return new WKTReader(METRIC).read(text);
    } catch (ParseException e) {
      throw new IllegalArgumentException(e);
    }
  }

  /** A square structure of side {@code size} with its lower left corner at x, y, one household of 5. */
  static Structure square(double x, double y, double size) {
    return structure(String.format(java.util.Locale.ROOT, "POLYGON((%f %f, %f %f, %f %f, %f %f, %f %f))",
        x, y, x + size, y, x + size, y + size, x, y + size, x, y));
  }

  static Structure structure(String wkt) {
    long fid = serial++;
    return new Structure(UUID.randomUUID(), fid, null, (Polygon) wkt(wkt), 1, 5, Map.of());
  }

  static Path path(String wkt, double width, String state) {
    long fid = serial++;
    return new Path(UUID.randomUUID(), fid, null, (LineString) wkt(wkt), "footpath", width, "earth", state, false);
  }

  static Path road(String wkt, String surface) {
    long fid = serial++;
    return new Path(UUID.randomUUID(), fid, null, (LineString) wkt(wkt), "road", 6, surface, "existing", false);
  }

  static Service service(String type, double x, double y) {
    long fid = serial++;
    return new Service(UUID.randomUUID(), fid, null, wkt("POINT(" + x + " " + y + ")"), type, "existing", null, null);
  }

  static Constraint constraint(String wkt, String severity, double setback) {
    long fid = serial++;
    return new Constraint(UUID.randomUUID(), fid, null, wkt(wkt), "flood_zone", severity, setback);
  }

  /** Cape Town figures: clearance 0.5 m, keep 60% and 12 m², tap 200 m / 25 households, toilet 50 m / 5. */
  static RuleSet rules() {
    return new RuleSet(
        new RuleSet.Corridor(0.5, 0.6, 12),
        new RuleSet.Water(200, 25),
        new RuleSet.Toilet(50, 5, 0, 30),
        new RuleSet.Fire(30, 90, 2, 50),
        new RuleSet.Access(3, 50, 2),
        Map.of(),
        3,
        10);
  }
}
