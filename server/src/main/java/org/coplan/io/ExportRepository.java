package org.coplan.io;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.stream.Collectors;
import org.coplan.http.JsonMapper;
import org.coplan.layers.Attribute;
import org.coplan.layers.Layer;

/**
 * Reads a plan's view of a layer ({@code plan_<layer>(sid, pid)}, the same function every read path
 * uses) and writes it as a GeoJSON FeatureCollection for GDAL to convert: in CRS84 at full
 * precision, or for DXF in the settlement's metric CRS with areas as their outlines, one DXF layer
 * per coplan layer ({@code Layer} field) and a label point per named feature ({@code OGR_STYLE}
 * LABEL, which GDAL writes as MTEXT).
 */
final class ExportRepository {
  /** Which geometries of a layer to write: all, or those of one dimension (Shapefiles hold one). */
  enum Part {
    ALL(null, ""),
    POINTS(0, "_points"),
    LINES(1, "_lines"),
    AREAS(2, "_areas");

    final Integer dimension;
    final String suffix;

    Part(Integer dimension, String suffix) {
      this.dimension = dimension;
      this.suffix = suffix;
    }
  }

  /** Writes the features; returns how many. */
  int writeGeoJson(Connection c, String sid, String pid, Layer layer, Part part, OutputStream out)
      throws SQLException, IOException {
    String attributes = layer.attributes().stream().map(a -> "f." + a.column()).collect(Collectors.joining(", "));
    String sql =
        "SELECT f.id::text, " + attributes + ", ST_AsGeoJSON(f.geom, 15) FROM " + layer.planViewFunction() + "(?, ?) f"
            + (part.dimension == null ? "" : " WHERE ST_Dimension(f.geom) = " + part.dimension)
            + " ORDER BY f.fid";
    int n = 0;
    try (PreparedStatement ps = c.prepareStatement(sql);
        JsonGenerator g = JsonMapper.MAPPER.getFactory().createGenerator(out)) {
      ps.setString(1, sid);
      ps.setString(2, pid);
      ps.setFetchSize(2000);
      g.writeStartObject();
      g.writeStringField("type", "FeatureCollection");
      g.writeArrayFieldStart("features");
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          n++;
          g.writeStartObject();
          g.writeStringField("type", "Feature");
          g.writeObjectFieldStart("properties");
          g.writeStringField("id", rs.getString(1));
          int i = 2;
          for (Attribute a : layer.attributes()) {
            Object v = rs.getObject(i++);
            g.writeFieldName(a.name());
            if (v == null) {
              g.writeNull();
            } else if (v instanceof BigDecimal d) {
              g.writeNumber(d);
            } else if (v instanceof Number num) {
              g.writeNumber(num.longValue());
            } else if (v instanceof Boolean b) {
              g.writeBoolean(b);
            } else {
              g.writeString(v.toString());
            }
          }
          g.writeEndObject();
          g.writeFieldName("geometry");
          g.writeRawValue(rs.getString(i));
          g.writeEndObject();
        }
      }
      g.writeEndArray();
      g.writeEndObject();
    }
    return n;
  }

  /** The DXF drawing's features of one layer: outlines and lines, and labels, in the metric CRS. */
  int writeDxfFeatures(Connection c, String sid, String pid, Layer layer, int metricSrid, JsonGenerator g)
      throws SQLException, IOException {
    String sql =
        "SELECT ST_AsGeoJSON(ST_Transform(CASE WHEN ST_Dimension(f.geom) = 2 THEN ST_Boundary(f.geom) ELSE f.geom END, ?), 4),"
            + " f.name, ST_AsGeoJSON(ST_Transform(ST_PointOnSurface(f.geom), ?), 4)"
            + " FROM " + layer.planViewFunction() + "(?, ?) f ORDER BY f.fid";
    int n = 0;
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setInt(1, metricSrid);
      ps.setInt(2, metricSrid);
      ps.setString(3, sid);
      ps.setString(4, pid);
      ps.setFetchSize(2000);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          n++;
          g.writeStartObject();
          g.writeStringField("type", "Feature");
          g.writeObjectFieldStart("properties");
          g.writeStringField("Layer", layer.id());
          g.writeEndObject();
          g.writeFieldName("geometry");
          g.writeRawValue(rs.getString(1));
          g.writeEndObject();
          String name = rs.getString(2);
          if (name != null && !name.isBlank()) {
            g.writeStartObject();
            g.writeStringField("type", "Feature");
            g.writeObjectFieldStart("properties");
            g.writeStringField("Layer", layer.id());
            g.writeStringField("Text", name);
            // OGR feature style: the DXF writer makes an MTEXT entity of a LABEL
            g.writeStringField("OGR_STYLE", "LABEL(f:\"Arial\",t:\"" + name.replace("\"", "'").replace("\\", "/") + "\",s:1.5g)");
            g.writeEndObject();
            g.writeFieldName("geometry");
            g.writeRawValue(rs.getString(3));
            g.writeEndObject();
          }
        }
      }
    }
    return n;
  }
}
