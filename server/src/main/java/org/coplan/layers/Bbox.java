package org.coplan.layers;

import java.util.regex.Pattern;
import org.coplan.http.ApiProblem;

/**
 * The {@code bbox} parameter of OGC API - Features: {@code minLon,minLat,maxLon,maxLat} in CRS84,
 * or six numbers with heights ({@code minLon,minLat,minH,maxLon,maxLat,maxH}) whose heights are
 * accepted and ignored because coplan's data is 2D. With {@code bbox-crs} (Part 2) the corners are
 * in that CRS, in its axis order: latitude first for EPSG:4326, easting first for EPSG:3857 and UTM.
 *
 * <p>A box with minLon greater than maxLon crosses the antimeridian in the standard. coplan answers
 * it with a 400 instead of splitting it in two: settlements never straddle longitude 180, so such
 * a box is far more likely a mistake (swapped corners) than a real question.
 *
 * @param minLon west edge: longitude, or easting in a projected bbox-crs
 * @param srid SRID of the corners (4326 for CRS84 and EPSG:4326, after putting longitude first)
 */
record Bbox(double minLon, double minLat, double maxLon, double maxLat, int srid) {
  static final String PARAMETER = "bbox";

  // plain decimal numbers only: Double.parseDouble would also take "NaN", "Infinity", "0x1p3", "1d"
  private static final Pattern NUMBER = Pattern.compile("[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?");

  /** A box in CRS84. */
  Bbox(double minLon, double minLat, double maxLon, double maxLat) {
    this(minLon, minLat, maxLon, maxLat, 4326);
  }

  /** The box in CRS84, or null when the parameter is absent; a 400 problem naming what is wrong. */
  static Bbox parse(String raw) {
    return parse(raw, Crs.CRS84);
  }

  /** The box with its corners in {@code crs}, or null when the parameter is absent. */
  static Bbox parse(String raw, Crs crs) {
    if (raw == null) {
      return null;
    }
    String[] parts = raw.split(",", -1);
    if (parts.length != 4 && parts.length != 6) {
      String order = crs.latFirst() ? "minLat,minLon,maxLat,maxLon" : crs.geographic() ? "minLon,minLat,maxLon,maxLat" : "minX,minY,maxX,maxY";
      throw bad(
          "must be 4 numbers (" + order + ") or 6 with heights; got "
              + (raw.isBlank() ? "none" : parts.length + " values"));
    }
    double[] values = new double[parts.length];
    for (int i = 0; i < parts.length; i++) {
      String part = parts[i].trim();
      if (!NUMBER.matcher(part).matches()) {
        throw bad("value " + (i + 1) + " ('" + part + "') is not a number");
      }
      values[i] = Double.parseDouble(part);
    }
    // with heights the upper corner starts at index 3
    int upper = parts.length == 6 ? 3 : 2;
    int x = crs.latFirst() ? 1 : 0;
    int y = 1 - x;
    Bbox box = new Bbox(values[x], values[y], values[upper + x], values[upper + y], crs.srid());
    if (crs.geographic()) {
      box.checkDegrees();
    } else {
      box.checkProjected();
    }
    return box;
  }

  private void checkDegrees() {
    checkRange("longitude", minLon, 180);
    checkRange("longitude", maxLon, 180);
    checkRange("latitude", minLat, 90);
    checkRange("latitude", maxLat, 90);
    if (minLat > maxLat) {
      throw bad("minimum latitude " + minLat + " is greater than maximum latitude " + maxLat);
    }
    if (minLon > maxLon) {
      throw bad(
          "minimum longitude " + minLon + " is greater than maximum longitude " + maxLon
              + ": boxes crossing the antimeridian are not supported");
    }
  }

  private void checkProjected() {
    if (minLon > maxLon) {
      throw bad("minimum x " + minLon + " is greater than maximum x " + maxLon);
    }
    if (minLat > maxLat) {
      throw bad("minimum y " + minLat + " is greater than maximum y " + maxLat);
    }
  }

  private static void checkRange(String what, double value, double limit) {
    if (value < -limit || value > limit) {
      throw bad(what + " " + value + " is outside -" + (int) limit + ".." + (int) limit);
    }
  }

  private static ApiProblem bad(String reason) {
    return ApiProblem.badParameter(PARAMETER, reason);
  }
}
