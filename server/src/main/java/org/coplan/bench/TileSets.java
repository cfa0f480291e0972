package org.coplan.bench;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.SplittableRandom;
import org.coplan.db.Jdbc;

/**
 * Which tiles a run requests: every tile of a zoom over the settlement's boundary (the benchmark
 * keeps those the server does not answer empty), and a replayed pan/zoom session: a 1280 × 800 px
 * map (512 px vector tiles, as MapLibre asks for them) that pans by up to one and a half screens or
 * zooms by one, between z14 and z18, 300 times, always the same for the same settlement and seed.
 */
final class TileSets {
  /** Half the side of the Web Mercator square, in metres. */
  private static final double R = 20037508.342789244;
  static final int MIN_ZOOM = 14;
  static final int MAX_ZOOM = 18;

  record Tile(int z, int x, int y) {
    String path() {
      return z + "/" + x + "/" + y;
    }
  }

  /** The settlement boundary's box in Web Mercator metres: minx, miny, maxx, maxy. */
  static double[] box(Jdbc jdbc, String settlementId) {
    return jdbc.read(c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT ST_XMin(b), ST_YMin(b), ST_XMax(b), ST_YMax(b)"
              + " FROM (SELECT ST_Transform(boundary, 3857) AS b FROM settlement WHERE id = ?) s")) {
        ps.setString(1, settlementId);
        try (ResultSet rs = ps.executeQuery()) {
          if (!rs.next()) {
            throw new IllegalArgumentException("no settlement " + settlementId);
          }
          return new double[] {rs.getDouble(1), rs.getDouble(2), rs.getDouble(3), rs.getDouble(4)};
        }
      }
    });
  }

  /** Every tile of zoom z that overlaps the box. */
  static List<Tile> covering(double[] box, int z) {
    List<Tile> tiles = new ArrayList<>();
    int x0 = column(box[0], z);
    int x1 = column(box[2], z);
    int y0 = row(box[3], z);
    int y1 = row(box[1], z);
    for (int x = x0; x <= x1; x++) {
      for (int y = y0; y <= y1; y++) {
        tiles.add(new Tile(z, x, y));
      }
    }
    return tiles;
  }

  /** The tiles a pan/zoom session requests, step by step (repeats kept: a map asks again). */
  static List<Tile> replay(double[] box, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    double cx = (box[0] + box[2]) / 2;
    double cy = (box[1] + box[3]) / 2;
    int z = 16;
    List<Tile> tiles = new ArrayList<>();
    for (int step = 0; step < 300; step++) {
      double tileMetres = 2 * R / (1 << z);
      double halfW = 1280 / 512.0 / 2 * tileMetres;
      double halfH = 800 / 512.0 / 2 * tileMetres;
      LinkedHashSet<Tile> visible = new LinkedHashSet<>();
      for (int x = column(cx - halfW, z); x <= column(cx + halfW, z); x++) {
        for (int y = row(cy + halfH, z); y <= row(cy - halfH, z); y++) {
          visible.add(new Tile(z, x, y));
        }
      }
      tiles.addAll(visible);
      if (random.nextDouble() < 0.25) {
        z = Math.max(MIN_ZOOM, Math.min(MAX_ZOOM, z + (random.nextBoolean() ? 1 : -1)));
      } else {
        double angle = random.nextDouble(2 * Math.PI);
        double screens = random.nextDouble(0.2, 1.5);
        cx = clamp(cx + Math.cos(angle) * screens * 2 * halfW, box[0], box[2]);
        cy = clamp(cy + Math.sin(angle) * screens * 2 * halfH, box[1], box[3]);
      }
    }
    return tiles;
  }

  private static double clamp(double v, double lo, double hi) {
    return Math.max(lo, Math.min(hi, v));
  }

  static int column(double mx, int z) {
    return (int) Math.floor((mx + R) / (2 * R) * (1 << z));
  }

  static int row(double my, int z) {
    return (int) Math.floor((R - my) / (2 * R) * (1 << z));
  }
}
