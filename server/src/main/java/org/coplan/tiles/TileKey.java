package org.coplan.tiles;

import java.math.BigInteger;
import java.util.regex.Pattern;
import org.coplan.http.ApiProblem;

/**
 * One tile of one plan: what a tile's bytes depend on, and so the key of a tile cache. Coordinates
 * are XYZ (the OSM/Google scheme: y grows southwards), checked on construction.
 */
public record TileKey(String settlementId, String planId, int z, int x, int y) {
  private static final Pattern INTEGER = Pattern.compile("-?[0-9]+");

  public TileKey {
    if (z < 0 || z > TileSchema.MAX_REQUEST_ZOOM) {
      throw new IllegalArgumentException("zoom " + z + " out of range");
    }
    long last = lastIndex(z);
    if (x < 0 || x > last || y < 0 || y > last) {
      throw new IllegalArgumentException("tile " + z + "/" + x + "/" + y + " out of range");
    }
  }

  /**
   * The key of a tile as the URL names it. Text that is not an integer names no tile (a 404
   * problem); an integer outside the tile matrix is a 400 problem that names the parameter and
   * the allowed range.
   */
  static TileKey parse(String settlementId, String planId, String z, String x, String y) {
    String where = z + "/" + x + "/" + y;
    int zoom = (int) within("z", integer("z", z, where), TileSchema.MAX_REQUEST_ZOOM, "");
    long last = lastIndex(zoom);
    String atZoom = " at zoom " + zoom;
    int column = (int) within("x", integer("x", x, where), last, atZoom);
    int row = (int) within("y", integer("y", y, where), last, atZoom);
    return new TileKey(settlementId, planId, zoom, column, row);
  }

  /** The largest x or y at a zoom: 2^z − 1. */
  static long lastIndex(int z) {
    return (1L << z) - 1;
  }

  private static BigInteger integer(String name, String text, String where) {
    if (!INTEGER.matcher(text).matches()) {
      throw ApiProblem.notFound("no tile " + where + ": " + name + " must be an integer");
    }
    return new BigInteger(text);
  }

  private static long within(String name, BigInteger value, long max, String qualifier) {
    if (value.signum() < 0 || value.compareTo(BigInteger.valueOf(max)) > 0) {
      throw ApiProblem.badParameter(name, "must be from 0 to " + max + qualifier + ", not " + value);
    }
    return value.longValueExact();
  }
}
