package org.coplan.analysis.synthetic;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import org.coplan.analysis.engine.Constraint;
import org.coplan.analysis.engine.Path;
import org.coplan.analysis.engine.PlanModel;
import org.coplan.analysis.engine.Service;
import org.coplan.analysis.engine.Structure;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.PrecisionModel;

/**
 * A realistic synthetic settlement in metres, the same for the same seed: a connected network of
 * footpath segments on a jittered grid (every segment bends once, a few are proposed lanes), blocks
 * between them packed with irregular footprints (3–8 m, slightly rotated, with gaps and the odd
 * empty plot), services near the paths (taps, toilets, a few others), and one flood zone with a
 * drain along it.
 *
 * @param structures footprints with households (1–3) and people (2–6 per household)
 * @param origin the easting and northing the coordinates start from (a UTM zone's metres)
 */
public record SyntheticSettlement(
    List<Structure> structures, List<Path> paths, List<Service> services, List<Constraint> constraints, int srid,
    double[] origin) {

  /** Dar es Salaam's UTM zone 37S: where the generated settlements lie. */
  public static final int SRID = 32737;
  private static final double[] ORIGIN = {530_000, 9_245_000};

  public PlanModel model() {
    return PlanModel.of(structures, paths, services, constraints);
  }

  public static SyntheticSettlement generate(int structureCount, int footpathCount, int serviceCount, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    GeometryFactory f = new GeometryFactory(new PrecisionModel(), SRID);
    // a g x g grid of junctions has 2 g (g - 1) segments
    int g = Math.max(2, (int) Math.ceil((1 + Math.sqrt(1 + 2.0 * footpathCount)) / 2));
    int blocks = (g - 1) * (g - 1);
    double perBlock = Math.max(1, (double) structureCount / blocks);
    // a footprint with its gap takes about 6.5 m x 6.5 m; the block side follows from how many it holds
    int across = (int) Math.ceil(Math.sqrt(perBlock * 1.12));
    double spacing = across * 6.5 + 4;
    double ox = ORIGIN[0];
    double oy = ORIGIN[1];
    Coordinate[][] junction = new Coordinate[g][g];
    for (int i = 0; i < g; i++) {
      for (int j = 0; j < g; j++) {
        double jitter = spacing * 0.08;
        junction[i][j] = new Coordinate(ox + i * spacing + random.nextDouble(-jitter, jitter),
            oy + j * spacing + random.nextDouble(-jitter, jitter));
      }
    }
    List<Path> paths = new ArrayList<>();
    long fid = 1;
    for (int i = 0; i < g; i++) {
      for (int j = 0; j < g; j++) {
        for (int[] d : new int[][] {{1, 0}, {0, 1}}) {
          int a = i + d[0];
          int b = j + d[1];
          if (a >= g || b >= g || paths.size() >= footpathCount) {
            continue;
          }
          Coordinate p = junction[i][j];
          Coordinate q = junction[a][b];
          Coordinate mid = new Coordinate((p.x + q.x) / 2 + random.nextDouble(-1.5, 1.5), (p.y + q.y) / 2 + random.nextDouble(-1.5, 1.5));
          LineString line = f.createLineString(new Coordinate[] {p, mid, q});
          boolean proposed = random.nextDouble() < 0.05;
          boolean road = i % 8 == 0 || j % 8 == 0;
          paths.add(new Path(uuid(random), fid++, null, line, proposed ? "lane" : road ? "road" : "footpath",
              proposed ? 3.0 : road ? 5.0 : 1.5, road ? (i % 16 == 0 ? "paved" : "gravel") : "earth",
              proposed ? "proposed" : "existing", false));
        }
      }
    }
    List<Structure> structures = new ArrayList<>();
    outer:
    for (int bi = 0; bi + 1 < g; bi++) {
      for (int bj = 0; bj + 1 < g; bj++) {
        Coordinate corner = junction[bi][bj];
        for (int u = 0; u < across; u++) {
          for (int v = 0; v < across; v++) {
            if (structures.size() >= structureCount) {
              break outer;
            }
            if (random.nextDouble() < 0.08) {
              continue; // an empty plot
            }
            double w = random.nextDouble(3, 7);
            double h = random.nextDouble(3, 7.5);
            double cx = corner.x + 4 + u * 6.5 + 3.25 + random.nextDouble(-0.4, 0.4);
            double cy = corner.y + 4 + v * 6.5 + 3.25 + random.nextDouble(-0.4, 0.4);
            structures.add(new Structure(uuid(random), fid++, null, footprint(f, cx, cy, Math.min(w, 5.5), Math.min(h, 5.5),
                random.nextDouble(-0.15, 0.15), random), 1 + random.nextInt(3), 0, Map.of()));
          }
        }
      }
    }
    // people follow households
    List<Structure> peopled = new ArrayList<>(structures.size());
    for (Structure s : structures) {
      peopled.add(new Structure(s.id(), s.fid(), s.name(), s.geometry(), s.households(),
          s.households() * (2 + random.nextInt(5)), Map.of("cell", "C-" + (s.fid() / 10))));
    }
    List<Service> services = new ArrayList<>();
    for (int k = 0; k < serviceCount; k++) {
      Path p = paths.get(random.nextInt(paths.size()));
      Coordinate on = p.geometry().getCoordinateN(random.nextInt(p.geometry().getNumPoints()));
      double r = random.nextDouble();
      String type = r < 0.45 ? "water_point" : r < 0.9 ? "toilet" : r < 0.95 ? "street_light" : "waste_skip";
      services.add(new Service(uuid(random), fid++, null,
          f.createPoint(new Coordinate(on.x + random.nextDouble(-1.2, 1.2), on.y + random.nextDouble(-1.2, 1.2))),
          type, "existing", null, null));
    }
    double extent = (g - 1) * spacing;
    Polygon flood = f.createPolygon(new Coordinate[] {
        new Coordinate(ox + extent * 0.3, oy - 10), new Coordinate(ox + extent * 0.36, oy - 10),
        new Coordinate(ox + extent * 0.38, oy + extent + 10), new Coordinate(ox + extent * 0.31, oy + extent + 10),
        new Coordinate(ox + extent * 0.3, oy - 10)});
    LineString drain = f.createLineString(new Coordinate[] {
        new Coordinate(ox + extent * 0.33, oy - 10), new Coordinate(ox + extent * 0.345, oy + extent / 2),
        new Coordinate(ox + extent * 0.345, oy + extent + 10)});
    List<Constraint> constraints = List.of(
        new Constraint(uuid(random), fid++, "Flood zone", flood, "flood_zone", "no_build", 0),
        new Constraint(uuid(random), fid++, "Drain", drain, "drain", "conditional", 2));
    return new SyntheticSettlement(peopled, paths, services, constraints, SRID, ORIGIN.clone());
  }

  /** A rectangle w x h centred on cx, cy, turned by {@code angle} radians, its corners nudged. */
  private static Polygon footprint(GeometryFactory f, double cx, double cy, double w, double h, double angle, SplittableRandom r) {
    double[][] corners = {{-w / 2, -h / 2}, {w / 2, -h / 2}, {w / 2, h / 2}, {-w / 2, h / 2}};
    Coordinate[] ring = new Coordinate[5];
    double cos = Math.cos(angle);
    double sin = Math.sin(angle);
    for (int i = 0; i < 4; i++) {
      double x = corners[i][0] + r.nextDouble(-0.25, 0.25);
      double y = corners[i][1] + r.nextDouble(-0.25, 0.25);
      ring[i] = new Coordinate(cx + x * cos - y * sin, cy + x * sin + y * cos);
    }
    ring[4] = ring[0];
    return f.createPolygon(ring);
  }

  private static UUID uuid(SplittableRandom r) {
    return new UUID((r.nextLong() & ~0xF000L) | 0x4000L, (r.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L);
  }
}
