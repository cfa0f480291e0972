package org.coplan.tiles;

import java.util.List;
import org.locationtech.jts.geom.Envelope;

/**
 * Where one plan's tiles changed: lon/lat boxes (of the old and the new geometry of each changed
 * feature or conflict), from a zoom on. A tile is touched when its envelope, widened by the buffer
 * the tile SQL reads beyond each edge ({@value #BUFFER_UNITS} of {@value #EXTENT} units, see
 * {@link TileRepository}), meets a box, edges included: the same test as the SQL's {@code &&}, so
 * exactly the tiles whose bytes may hold the feature are touched, at every zoom.
 *
 * <p>The test is made in Web Mercator metres. The projection is monotone in longitude and in
 * latitude separately, so the Mercator box of a geometry is the projection of its lon/lat box; the
 * boxes the database announces are rounded to 7 decimals (about 1 cm), so each is widened by one
 * unit of that rounding.
 *
 * @param mercatorBoxes the boxes in Web Mercator metres; null means every tile of the plan
 */
record TileArea(String settlementId, String planId, int minZoom, List<Envelope> mercatorBoxes) {
  static final int EXTENT = 4096;
  static final int BUFFER_UNITS = 64;
  /** Half the side of the Web Mercator square, as ST_TileEnvelope has it. */
  static final double HALF_WORLD = 20037508.342789244;
  private static final double EARTH_RADIUS = 6378137;
  private static final double ROUNDING = 1e-7;
  private static final double MAX_LAT = 85.0511287798066;

  /** The tiles from {@code minZoom} on that meet one of the lon/lat boxes. */
  static TileArea of(String settlementId, String planId, int minZoom, List<Envelope> lonLatBoxes) {
    return new TileArea(settlementId, planId, minZoom, lonLatBoxes.stream().map(TileArea::mercator).toList());
  }

  /** Every tile of a plan. */
  static TileArea wholePlan(String settlementId, String planId) {
    return new TileArea(settlementId, planId, 0, null);
  }

  boolean touches(TileKey key) {
    if (!key.settlementId().equals(settlementId) || !key.planId().equals(planId) || key.z() < minZoom) {
      return false;
    }
    if (mercatorBoxes == null) {
      return true;
    }
    Envelope tile = bufferedEnvelope(key.z(), key.x(), key.y());
    for (Envelope box : mercatorBoxes) {
      if (tile.intersects(box)) {
        return true;
      }
    }
    return false;
  }

  /** A tile's Web Mercator envelope widened by the tile SQL's buffer. */
  static Envelope bufferedEnvelope(int z, int x, int y) {
    double size = 2 * HALF_WORLD / (1L << z);
    double margin = size * BUFFER_UNITS / EXTENT;
    double minX = -HALF_WORLD + x * size;
    double maxY = HALF_WORLD - y * size;
    return new Envelope(minX - margin, minX + size + margin, maxY - size - margin, maxY + margin);
  }

  /** A lon/lat box (widened by the notification's rounding) as Web Mercator metres. */
  private static Envelope mercator(Envelope lonLat) {
    return new Envelope(
        x(lonLat.getMinX() - ROUNDING), x(lonLat.getMaxX() + ROUNDING),
        y(lonLat.getMinY() - ROUNDING), y(lonLat.getMaxY() + ROUNDING));
  }

  private static double x(double lon) {
    return EARTH_RADIUS * Math.toRadians(lon);
  }

  private static double y(double lat) {
    double clamped = Math.max(-MAX_LAT, Math.min(MAX_LAT, lat));
    return EARTH_RADIUS * Math.log(Math.tan(Math.PI / 4 + Math.toRadians(clamped) / 2));
  }
}
