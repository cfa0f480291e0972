package org.coplan.layers;

import java.util.Locale;
import java.util.Optional;
import org.coplan.http.ApiProblem.Fault;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.util.AffineTransformation;
import org.locationtech.jts.operation.distance.DistanceOp;

/**
 * Whether a feature's coordinates can mean what they claim: in range for degrees, and near the
 * settlement. A feature tens of kilometres from its settlement is almost always a CRS mistake —
 * projected metres sent as degrees, latitude and longitude swapped, or a CRS other than the one
 * declared — so the fault says which of those it looks like.
 *
 * <p>Distances are measured on a local plane scaled at the settlement's latitude (metres per
 * degree of longitude shrink with its cosine). That is exact enough to tell 50 m from 50 km, which
 * is all this check needs.
 */
final class PlacementCheckOp {
  /** How far from the settlement's boundary a feature may lie; relocation sites are nearby. */
  static final double MAX_DISTANCE_M = 10_000;

  private static final double METRES_PER_DEGREE = 111_320;

  private PlacementCheckOp() {}

  /**
   * The fault of coordinates that cannot be degrees, checked on the geometry as sent in a
   * geographic CRS (before any transformation); empty when they are in range.
   */
  static Optional<Fault> checkDegrees(Geometry sent, Crs crs, String pointer) {
    for (Coordinate c : sent.getCoordinates()) {
      double lon = crs.latFirst() ? c.y : c.x;
      double lat = crs.latFirst() ? c.x : c.y;
      if (Math.abs(lon) <= 180 && Math.abs(lat) <= 90) {
        continue;
      }
      double[] at = {c.x, c.y};
      if (Math.abs(c.x) > 1000 || Math.abs(c.y) > 1000) {
        return Optional.of(
            Fault.at(
                pointer,
                "coordinates such as " + position(c) + " are not degrees: they look like metres of a projected CRS"
                    + " (UTM? Web Mercator?). Say which CRS they are in with the Content-Crs header",
                at));
      }
      String what = Math.abs(lat) > 90 ? "latitude " + lat + " is outside -90..90" : "longitude " + lon + " is outside -180..180";
      return Optional.of(Fault.at(pointer, what + " (" + order(crs) + ")", at));
    }
    return Optional.empty();
  }

  /**
   * The fault of a geometry (in CRS84) too far from the settlement, else empty.
   *
   * @param sent the geometry as sent, for the location the fault names
   */
  static Optional<Fault> checkNear(
      Geometry crs84, Geometry sent, Crs crs, Geometry boundary, String settlementName, String pointer) {
    double distance = metres(crs84, boundary);
    if (distance <= MAX_DISTANCE_M) {
      return Optional.empty();
    }
    Coordinate first = sent.getCoordinate();
    double[] at = {first.x, first.y};
    String far =
        String.format(Locale.ROOT, "%,.1f km", distance / 1000) + " from settlement '" + settlementName + "'";
    if (crs.geographic() && metres(swapped(crs84), boundary) <= MAX_DISTANCE_M) {
      String hint =
          crs.latFirst()
              ? "EPSG:4326 positions are latitude, longitude, as EPSG defines it; these look like longitude,"
                  + " latitude: send them as CRS84 (no Content-Crs header) or swap them"
              : "GeoJSON positions are longitude, latitude; these look like latitude, longitude: swap them,"
                  + " or declare Content-Crs: " + Crs.EPSG_4326.header();
      return Optional.of(Fault.at(pointer, "the feature lies " + far + ": the axes look swapped. " + hint, at));
    }
    return Optional.of(
        Fault.at(
            pointer,
            "the feature lies " + far + " (more than " + (int) (MAX_DISTANCE_M / 1000) + " km): that is almost"
                + " always a CRS mistake. The coordinates were read as " + crs.uri() + " (" + order(crs)
                + "); if they are in another CRS, say so with the Content-Crs header",
            at));
  }

  /** Approximate distance in metres between two CRS84 geometries near each other's latitude. */
  static double metres(Geometry a, Geometry b) {
    double lat = b.getEnvelopeInternal().centre().y;
    AffineTransformation toMetres =
        AffineTransformation.scaleInstance(METRES_PER_DEGREE * Math.cos(Math.toRadians(lat)), METRES_PER_DEGREE);
    return DistanceOp.distance(toMetres.transform(a), toMetres.transform(b));
  }

  private static Geometry swapped(Geometry g) {
    Geometry copy = g.copy();
    copy.apply(
        (Coordinate c) -> {
          double x = c.x;
          c.x = c.y;
          c.y = x;
        });
    copy.geometryChanged();
    return copy;
  }

  private static String order(Crs crs) {
    return crs.latFirst() ? "latitude, longitude" : crs.geographic() ? "longitude, latitude" : "easting, northing";
  }

  private static String position(Coordinate c) {
    return "[" + c.x + ", " + c.y + "]";
  }
}
