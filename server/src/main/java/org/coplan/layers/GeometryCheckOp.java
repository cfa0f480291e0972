package org.coplan.layers;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.coplan.http.ApiProblem.Fault;
import org.locationtech.jts.algorithm.Area;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.util.GeometryFixer;
import org.locationtech.jts.operation.valid.IsValidOp;
import org.locationtech.jts.operation.valid.TopologyValidationError;

/**
 * Whether a geometry may be stored in a layer: its type is one the layer takes, it is not empty,
 * and it is valid in the OGC Simple Features sense as JTS {@link IsValidOp} judges it (rings that
 * do not cross themselves or each other, holes inside their shell, ...). Faults are returned, not
 * thrown, each with the coordinate where the problem is.
 *
 * <p>Ring orientation is not a fault: RFC 7946 asks writers for counter-clockwise shells but tells
 * readers not to reject the other way round, and coplan normalises orientation when it serves
 * polygons. Lines may cross themselves (a loop path is a valid LineString).
 *
 * <p>With {@code repair}, an invalid geometry is replaced by what JTS {@link GeometryFixer} makes
 * of it (the same rules as PostGIS ST_MakeValid) and the change is reported as a repair instead of
 * a fault; if the repaired geometry is of a type the layer does not take (a self-crossing
 * "bow-tie" polygon becomes a MultiPolygon of two triangles), that is still a fault.
 */
final class GeometryCheckOp {
  /** @param geometry what to store (repaired where it was); null when there are faults */
  record Result(Geometry geometry, List<Fault> faults, List<Fault> repairs) {}

  private GeometryCheckOp() {}

  static Result check(Geometry g, Layer layer, boolean repair, String pointer) {
    List<Fault> faults = new ArrayList<>();
    List<Fault> repairs = new ArrayList<>();
    Geometry result = g;
    if (g.isEmpty()) {
      faults.add(Fault.pointer(pointer, "the geometry is empty"));
      return new Result(null, faults, repairs);
    }
    TopologyValidationError error = new IsValidOp(g).getValidationError();
    if (error != null) {
      double[] location = location(error.getCoordinate());
      if (repair) {
        result = GeometryFixer.fix(g);
        repairs.add(Fault.at(pointer, error.getMessage() + "; repaired: " + describeChange(g, result), location));
        if (result.isEmpty()) {
          faults.add(Fault.at(pointer, "invalid (" + error.getMessage() + ") and nothing valid is left after repair", location));
        }
      } else {
        faults.add(
            Fault.at(
                pointer, "invalid geometry: " + error.getMessage() + "; fix it, or send it with ?repair=true", location));
      }
    }
    if (!result.isEmpty() && !layer.geometryTypes().contains(result.getGeometryType())) {
      String was = result == g ? "got " : "after repair it is ";
      faults.add(
          Fault.pointer(
              pointer + (result == g ? "/type" : ""),
              "'" + layer.id() + "' takes " + String.join(" or ", layer.geometryTypes()) + "; " + was
                  + describe(result)));
    }
    return new Result(faults.isEmpty() ? result : null, faults, repairs);
  }

  /** Type, parts, vertices and (for areas) how much area the repair kept. */
  static String describeChange(Geometry before, Geometry after) {
    String change = describe(before) + " with " + before.getNumPoints() + " vertices became " + describe(after)
        + " with " + after.getNumPoints() + " vertices";
    if (before.getDimension() == 2 && after.getDimension() == 2) {
      // an invalid polygon's area is taken as its shell's minus its holes' (a bow-tie's is 0)
      double was = ringArea(before);
      if (was > 0) {
        change += String.format(Locale.ROOT, ", keeping %.1f%% of its area", 100 * after.getArea() / was);
      }
    }
    return change;
  }

  private static String describe(Geometry g) {
    int parts = g.getNumGeometries();
    return parts > 1 ? g.getGeometryType() + " of " + parts + " parts" : g.getGeometryType();
  }

  private static double ringArea(Geometry g) {
    double sum = 0;
    for (int i = 0; i < g.getNumGeometries(); i++) {
      if (g.getGeometryN(i) instanceof Polygon p) {
        sum += Area.ofRing(p.getExteriorRing().getCoordinateSequence());
        for (int h = 0; h < p.getNumInteriorRing(); h++) {
          sum -= Area.ofRing(p.getInteriorRingN(h).getCoordinateSequence());
        }
      }
    }
    return sum;
  }

  private static double[] location(Coordinate c) {
    return c == null ? null : new double[] {c.x, c.y};
  }
}
