package org.coplan.layers;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.coplan.db.Wkb;

/**
 * The select list every feature query shares, and its reader: the bookkeeping columns by position,
 * then the layer's catalogue attributes. RFC 7946 wants exterior rings counter-clockwise, hence
 * {@code coplan_polygons_ccw} (V004), which leaves lines as they are (ST_ForcePolygonCCW of
 * PostGIS 3.3 reverses them).
 */
final class FeatureColumns {
  /** How many columns come before the attributes. */
  private static final int FIXED = 8;

  private FeatureColumns() {}

  /** The columns of table alias {@code a}, geometry in storage CRS (CRS84 axis order). */
  static String stored(Layer layer, String a) {
    return list(layer, a, "coplan_polygons_ccw(" + a + ".geom)");
  }

  /**
   * The columns of table alias {@code a}, geometry in a requested CRS: the list takes two
   * parameters, the SRID and whether latitude comes first ({@link #bindCrs}).
   */
  static String inCrs(Layer layer, String a) {
    return list(layer, a, "coplan_to_crs(coplan_polygons_ccw(" + a + ".geom), ?, ?)");
  }

  private static String list(Layer layer, String a, String geometry) {
    String fixed =
        a + ".id, " + a + ".version, " + a + ".deleted, " + a + ".created_at, " + a + ".created_by, "
            + a + ".updated_at, " + a + ".updated_by, ST_AsBinary(" + geometry + ")";
    return Stream.concat(Stream.of(fixed), layer.attributes().stream().map(attr -> a + "." + attr.column()))
        .collect(Collectors.joining(", "));
  }

  /** Binds the two parameters of {@link #inCrs} from {@code index}; returns the next index. */
  static int bindCrs(PreparedStatement ps, int index, Crs crs) throws SQLException {
    ps.setInt(index, crs.srid());
    ps.setBoolean(index + 1, crs.latFirst());
    return index + 2;
  }

  /** How many columns one feature takes. */
  static int width(Layer layer) {
    return FIXED + layer.attributes().size();
  }

  /** Reads a feature whose columns start at position {@code first}. */
  static Feature read(ResultSet rs, Layer layer, int first) throws SQLException {
    Map<String, Object> values = new LinkedHashMap<>();
    int i = first + FIXED;
    for (Attribute a : layer.attributes()) {
      values.put(a.name(), value(rs, i++, a.type()));
    }
    return new Feature(
        rs.getObject(first, UUID.class),
        rs.getInt(first + 1),
        rs.getBoolean(first + 2),
        Wkb.read(rs.getBytes(first + 7)),
        values,
        rs.getObject(first + 3, OffsetDateTime.class),
        rs.getString(first + 4),
        rs.getObject(first + 5, OffsetDateTime.class),
        rs.getString(first + 6));
  }

  private static Object value(ResultSet rs, int column, Attribute.Type type) throws SQLException {
    Object value =
        switch (type) {
          case STRING -> rs.getString(column);
          case INTEGER -> rs.getLong(column);
          case NUMBER -> rs.getDouble(column);
          case BOOLEAN -> rs.getBoolean(column);
        };
    return rs.wasNull() ? null : value;
  }
}
