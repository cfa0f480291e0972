package org.coplan.http;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryCollection;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;

/**
 * Writes JTS geometries as RFC 7946 GeoJSON geometry objects, streaming into the response.
 * Coordinates are rounded to 7 decimals (about 1 cm in degrees), which RFC 7946 recommends over
 * spurious precision and which Terra Draw requires. Polygon rings are written as stored; PostGIS
 * normalises their orientation on the way out (ST_ForcePolygonCCW) where it matters.
 */
public final class GeometryJson extends JsonSerializer<Geometry> {
  public static final int DECIMALS = 7;

  public static SimpleModule module() {
    return new SimpleModule("coplan-geometry").addSerializer(Geometry.class, new GeometryJson());
  }

  @Override
  public void serialize(Geometry g, JsonGenerator out, SerializerProvider provider) throws IOException {
    write(g, out);
  }

  /** Writes one geometry object; for streaming writers that drive a generator themselves. */
  public static void write(Geometry g, JsonGenerator out) throws IOException {
    out.writeStartObject();
    out.writeStringField("type", g.getGeometryType());
    if (g instanceof GeometryCollection gc && g.getClass() == GeometryCollection.class) {
      out.writeArrayFieldStart("geometries");
      for (int i = 0; i < gc.getNumGeometries(); i++) {
        write(gc.getGeometryN(i), out);
      }
      out.writeEndArray();
    } else {
      out.writeFieldName("coordinates");
      writeCoordinates(g, out);
    }
    out.writeEndObject();
  }

  private static void writeCoordinates(Geometry g, JsonGenerator out) throws IOException {
    if (g instanceof Point p) {
      if (p.isEmpty()) {
        out.writeStartArray();
        out.writeEndArray();
      } else {
        writePosition(p.getCoordinate(), out);
      }
    } else if (g instanceof LineString line) {
      writePositions(line.getCoordinates(), out);
    } else if (g instanceof Polygon polygon) {
      out.writeStartArray();
      if (!polygon.isEmpty()) {
        writePositions(polygon.getExteriorRing().getCoordinates(), out);
        for (int i = 0; i < polygon.getNumInteriorRing(); i++) {
          writePositions(polygon.getInteriorRingN(i).getCoordinates(), out);
        }
      }
      out.writeEndArray();
    } else if (g instanceof GeometryCollection multi) {
      out.writeStartArray();
      for (int i = 0; i < multi.getNumGeometries(); i++) {
        writeCoordinates(multi.getGeometryN(i), out);
      }
      out.writeEndArray();
    } else {
      throw new IllegalArgumentException("unsupported geometry " + g.getGeometryType());
    }
  }

  private static void writePositions(Coordinate[] coordinates, JsonGenerator out) throws IOException {
    out.writeStartArray();
    for (Coordinate c : coordinates) {
      writePosition(c, out);
    }
    out.writeEndArray();
  }

  private static void writePosition(Coordinate c, JsonGenerator out) throws IOException {
    out.writeStartArray();
    out.writeNumber(round(c.x));
    out.writeNumber(round(c.y));
    out.writeEndArray();
  }

  static BigDecimal round(double value) {
    return BigDecimal.valueOf(value).setScale(DECIMALS, RoundingMode.HALF_EVEN).stripTrailingZeros();
  }
}
