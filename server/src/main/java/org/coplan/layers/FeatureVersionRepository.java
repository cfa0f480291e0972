package org.coplan.layers;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.coplan.db.Wkb;
import org.coplan.http.JsonMapper;
import org.locationtech.jts.geom.Geometry;

/**
 * Reads a feature's recorded versions (table {@code feature_version}, written by the triggers of
 * V004). As a plan sees a feature, its history is the plan's own versions and, for a baseline
 * feature a proposal changed, the baseline's versions from before the proposal's first change:
 * the lineage its edits descend from. A feature the proposal never touched shows the baseline's.
 */
final class FeatureVersionRepository {
  /** One recorded version; its geometry in the CRS asked for. */
  record Version(
      String planId,
      int version,
      String operation,
      boolean deleted,
      Geometry geometry,
      Map<String, Object> values,
      String author,
      OffsetDateTime at,
      String reason) {}

  private static final String LINEAGE =
      "SELECT v.plan_id, v.version, v.operation, v.deleted,"
          + " ST_AsBinary(coplan_to_crs(coplan_polygons_ccw(v.geom), ?, ?)), v.properties::text, v.author,"
          + " v.changed_at, v.reason"
          + " FROM feature_version v"
          + " WHERE v.settlement_id = ? AND v.layer = ? AND v.feature_id = ?"
          + " AND (v.plan_id = ? OR (v.plan_id = 'baseline' AND v.version < coalesce("
          + "   (SELECT min(o.version) FROM feature_version o WHERE o.settlement_id = v.settlement_id"
          + "    AND o.layer = v.layer AND o.feature_id = v.feature_id AND o.plan_id = ?), 2147483647)))"
          + " ORDER BY v.seq DESC";

  /** The versions of the feature as the plan sees it, newest first; empty when it has none. */
  List<Version> lineage(Connection c, PlanLayer target, UUID id, Crs crs) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(LINEAGE)) {
      int i = FeatureColumns.bindCrs(ps, 1, crs);
      ps.setString(i++, target.settlementId());
      ps.setString(i++, target.layer().id());
      ps.setObject(i++, id);
      ps.setString(i++, target.planId());
      ps.setString(i, target.planId());
      List<Version> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(
              new Version(
                  rs.getString(1),
                  rs.getInt(2),
                  rs.getString(3),
                  rs.getBoolean(4),
                  Wkb.read(rs.getBytes(5)),
                  values(rs.getString(6), target.layer()),
                  rs.getString(7),
                  rs.getObject(8, OffsetDateTime.class),
                  rs.getString(9)));
        }
      }
      return out;
    }
  }

  /** The snapshot's attributes, typed as the catalogue says. */
  private static Map<String, Object> values(String json, Layer layer) {
    JsonNode properties;
    try {
      properties = JsonMapper.MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("feature_version.properties is not JSON", e);
    }
    Map<String, Object> values = new LinkedHashMap<>();
    for (Attribute a : layer.attributes()) {
      JsonNode v = properties.get(a.name());
      values.put(
          a.name(),
          v == null || v.isNull()
              ? null
              : switch (a.type()) {
                case STRING -> v.asText();
                case INTEGER -> v.asLong();
                case NUMBER -> v.asDouble();
                case BOOLEAN -> v.asBoolean();
              });
    }
    return values;
  }
}
