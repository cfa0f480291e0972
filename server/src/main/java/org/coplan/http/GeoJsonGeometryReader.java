package org.coplan.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.coplan.http.ApiProblem.Fault;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;

/**
 * Reads a GeoJSON geometry object (RFC 7946 section 3.1) into JTS, reporting every structural
 * fault with the JSON pointer of the offending member instead of throwing at the first: an unknown
 * type, a position that is not two or three numbers, a line with fewer than two positions, a ring
 * with fewer than four or not closed. Heights (a third number) are accepted and dropped, because
 * coplan's layers are 2D. Geometry collections are refused: no layer takes them.
 *
 * <p>Coordinates are taken as they come, in the request's CRS and axis order; what they mean is
 * for the caller to judge. {@link GeometryJson} writes what this reads.
 */
public final class GeoJsonGeometryReader {
  /** The geometry, or null when there were faults. */
  public record Result(Geometry geometry, List<Fault> faults) {}

  private final GeometryFactory factory;
  private final List<Fault> faults = new ArrayList<>();

  private GeoJsonGeometryReader(GeometryFactory factory) {
    this.factory = factory;
  }

  public static Result read(JsonNode geometry, String pointer, GeometryFactory factory) {
    GeoJsonGeometryReader reader = new GeoJsonGeometryReader(factory);
    Geometry g = reader.geometry(geometry, pointer);
    return new Result(reader.faults.isEmpty() ? g : null, List.copyOf(reader.faults));
  }

  private Geometry geometry(JsonNode node, String pointer) {
    if (node == null || node.isNull()) {
      return fault(pointer, "a geometry is required");
    }
    if (!node.isObject()) {
      return fault(pointer, "must be a GeoJSON geometry object");
    }
    JsonNode type = node.get("type");
    JsonNode coordinates = node.get("coordinates");
    String t = type == null ? null : type.asText();
    if (type == null || !type.isTextual()) {
      return fault(pointer + "/type", "must be a GeoJSON geometry type such as \"Polygon\"");
    }
    if (t.equals("GeometryCollection")) {
      return fault(pointer + "/type", "GeometryCollection is not accepted: send each geometry as its own feature");
    }
    String at = pointer + "/coordinates";
    if (coordinates == null || !coordinates.isArray()) {
      return fault(at, "must be an array of positions");
    }
    return switch (t) {
      case "Point" -> point(coordinates, at);
      case "LineString" -> line(coordinates, at);
      case "Polygon" -> polygon(coordinates, at);
      case "MultiPoint" -> factory.createMultiPoint(each(coordinates, at, this::point).toArray(Point[]::new));
      case "MultiLineString" ->
          factory.createMultiLineString(each(coordinates, at, this::line).toArray(LineString[]::new));
      case "MultiPolygon" -> factory.createMultiPolygon(each(coordinates, at, this::polygon).toArray(Polygon[]::new));
      default -> fault(pointer + "/type", "unknown geometry type '" + t + "'");
    };
  }

  private interface Part<T extends Geometry> {
    T read(JsonNode node, String pointer);
  }

  private <T extends Geometry> List<T> each(JsonNode array, String pointer, Part<T> part) {
    List<T> parts = new ArrayList<>();
    if (array.isEmpty()) {
      fault(pointer, "must not be empty");
    }
    for (int i = 0; i < array.size(); i++) {
      String at = pointer + "/" + i;
      if (!array.get(i).isArray()) {
        fault(at, "must be an array");
        continue;
      }
      T p = part.read(array.get(i), at);
      if (p != null) {
        parts.add(p);
      }
    }
    return parts;
  }

  private Point point(JsonNode position, String pointer) {
    Coordinate c = position(position, pointer);
    return c == null ? null : factory.createPoint(c);
  }

  private LineString line(JsonNode positions, String pointer) {
    Coordinate[] cs = positions(positions, pointer);
    if (cs == null) {
      return null;
    }
    if (cs.length < 2) {
      return fault(pointer, "a line needs at least 2 positions; got " + cs.length);
    }
    return factory.createLineString(cs);
  }

  private Polygon polygon(JsonNode rings, String pointer) {
    List<LinearRing> read = each(rings, pointer, this::ring);
    if (read.size() != rings.size() || read.isEmpty()) {
      return null;
    }
    return factory.createPolygon(read.get(0), read.subList(1, read.size()).toArray(LinearRing[]::new));
  }

  private LinearRing ring(JsonNode positions, String pointer) {
    Coordinate[] cs = positions(positions, pointer);
    if (cs == null) {
      return null;
    }
    if (cs.length < 4) {
      return fault(pointer, "a polygon ring needs at least 4 positions (the last repeating the first); got " + cs.length);
    }
    if (!cs[0].equals2D(cs[cs.length - 1])) {
      faults.add(
          Fault.at(
              pointer, "the ring is not closed: its last position must repeat its first", new double[] {cs[0].x, cs[0].y}));
      return null;
    }
    return factory.createLinearRing(cs);
  }

  private Coordinate[] positions(JsonNode array, String pointer) {
    List<Coordinate> cs = new ArrayList<>();
    boolean ok = true;
    for (int i = 0; i < array.size(); i++) {
      Coordinate c = position(array.get(i), pointer + "/" + i);
      ok &= c != null;
      cs.add(c);
    }
    return ok ? cs.toArray(Coordinate[]::new) : null;
  }

  private Coordinate position(JsonNode position, String pointer) {
    if (!position.isArray() || position.size() < 2) {
      return fault(pointer, "a position must be [x, y] (or [x, y, height])");
    }
    for (int i = 0; i < Math.min(3, position.size()); i++) {
      if (!position.get(i).isNumber()) {
        return fault(pointer + "/" + i, "must be a number; got " + position.get(i));
      }
    }
    return new Coordinate(position.get(0).asDouble(), position.get(1).asDouble());
  }

  private <T> T fault(String pointer, String detail) {
    faults.add(Fault.pointer(pointer, detail));
    return null;
  }
}
