package org.coplan.layers;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.util.EnumMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.coplan.db.Wkb;
import org.locationtech.jts.geom.Geometry;

/**
 * All SQL that writes features, built once per layer from the catalogue; every value is bound.
 * Nothing is ever deleted: a removal is a row with {@code deleted} set, and the history triggers
 * of V004 record every row written.
 *
 * <p>Concurrency: a row is locked ({@code FOR UPDATE}) before it changes, so of two editors of one
 * feature the second waits for the first to commit and then sees the new version; its edit, made
 * against the old one, loses. A proposal's first edit of a baseline feature has no row of its own
 * to lock: the primary key decides that race, {@code ON CONFLICT DO NOTHING} making the loser's
 * insert return nothing. Updates also name the version they expect, as a second guard.
 */
final class FeatureWriteRepository {
  private record Statements(String own, String baseline, String insert, String update) {
    static Statements of(Layer layer) {
      String table = layer.table();
      String returning = " RETURNING " + FeatureColumns.stored(layer, "f");
      String attributes = layer.attributes().stream().map(Attribute::column).collect(Collectors.joining(", "));
      String placeholders = layer.attributes().stream().map(a -> "?").collect(Collectors.joining(", "));
      String assignments = layer.attributes().stream().map(a -> a.column() + " = ?").collect(Collectors.joining(", "));
      String select = "SELECT " + FeatureColumns.stored(layer, "f") + " FROM " + table + " f";
      return new Statements(
          select + " WHERE f.settlement_id = ? AND f.plan_id = ? AND f.id = ? FOR UPDATE",
          select + " WHERE f.settlement_id = ? AND f.plan_id = 'baseline' AND f.id = ?",
          "INSERT INTO " + table + " AS f (settlement_id, plan_id, id, version, deleted, geom, " + attributes
              + ", created_at, created_by, updated_by)"
              + " VALUES (?, ?, ?, ?, ?, ST_GeomFromWKB(?, 4326), " + placeholders + ", coalesce(?, now()), ?, ?)"
              + " ON CONFLICT (settlement_id, plan_id, id) DO NOTHING" + returning,
          "UPDATE " + table + " AS f SET version = f.version + 1, deleted = ?, geom = ST_GeomFromWKB(?, 4326), "
              + assignments + ", updated_at = now(), updated_by = ?"
              + " WHERE f.settlement_id = ? AND f.plan_id = ? AND f.id = ? AND f.version = ?" + returning);
    }
  }

  /**
   * What a write stores: geometry in storage CRS, attributes by catalogue name.
   *
   * @param deleted whether it is a removal marker
   */
  record Row(Geometry geometry, Map<String, Object> values, boolean deleted) {
    static Row of(Feature f, boolean deleted) {
      return new Row(f.geometry(), f.values(), deleted);
    }
  }

  private final Map<Layer, Statements> statements = new EnumMap<>(Layer.class);

  FeatureWriteRepository() {
    for (Layer layer : Layer.values()) {
      statements.put(layer, Statements.of(layer));
    }
  }

  /** The plan's own row of the feature, deleted or not, locked until commit; null when none. */
  Feature lockOwn(Connection c, PlanLayer target, UUID id) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(statements.get(target.layer()).own())) {
      ps.setString(1, target.settlementId());
      ps.setString(2, target.planId());
      ps.setObject(3, id);
      return one(ps, target.layer());
    }
  }

  /** The baseline's row of the feature, deleted or not; null when none. */
  Feature baseline(Connection c, PlanLayer target, UUID id) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(statements.get(target.layer()).baseline())) {
      ps.setString(1, target.settlementId());
      ps.setObject(2, id);
      return one(ps, target.layer());
    }
  }

  /**
   * Inserts the plan's row of a feature: a new feature (version 1), or a proposal's override of a
   * baseline feature (the baseline's next version, keeping its creation). Null when a concurrent
   * writer inserted it first.
   *
   * @param createdAt the feature's creation time, or null for now
   */
  Feature insert(
      Connection c, PlanLayer target, UUID id, int version, Row row, OffsetDateTime createdAt, String createdBy, String author)
      throws SQLException {
    Layer layer = target.layer();
    try (PreparedStatement ps = c.prepareStatement(statements.get(layer).insert())) {
      int i = 1;
      ps.setString(i++, target.settlementId());
      ps.setString(i++, target.planId());
      ps.setObject(i++, id);
      ps.setInt(i++, version);
      ps.setBoolean(i++, row.deleted());
      ps.setBytes(i++, Wkb.write(row.geometry()));
      i = bindValues(ps, i, layer, row.values());
      ps.setObject(i++, createdAt);
      ps.setString(i++, createdBy);
      ps.setString(i, author);
      return one(ps, layer);
    }
  }

  /** Writes the plan's row as the next version of {@code expectedVersion}; null if it moved on. */
  Feature update(Connection c, PlanLayer target, UUID id, int expectedVersion, Row row, String author)
      throws SQLException {
    Layer layer = target.layer();
    try (PreparedStatement ps = c.prepareStatement(statements.get(layer).update())) {
      int i = 1;
      ps.setBoolean(i++, row.deleted());
      ps.setBytes(i++, Wkb.write(row.geometry()));
      i = bindValues(ps, i, layer, row.values());
      ps.setString(i++, author);
      ps.setString(i++, target.settlementId());
      ps.setString(i++, target.planId());
      ps.setObject(i++, id);
      ps.setInt(i, expectedVersion);
      return one(ps, layer);
    }
  }

  private static int bindValues(PreparedStatement ps, int index, Layer layer, Map<String, Object> values)
      throws SQLException {
    int i = index;
    for (Attribute a : layer.attributes()) {
      Object v = values.get(a.name());
      switch (a.type()) {
        case STRING -> ps.setString(i, (String) v);
        case INTEGER -> {
          if (v == null) {
            ps.setNull(i, Types.BIGINT);
          } else {
            ps.setLong(i, ((Number) v).longValue());
          }
        }
        // the shortest decimal of the double, so 2.675 is stored as 2.675 (then rounded by the column)
        case NUMBER -> ps.setBigDecimal(i, v == null ? null : BigDecimal.valueOf(((Number) v).doubleValue()));
        case BOOLEAN -> ps.setBoolean(i, Boolean.TRUE.equals(v));
      }
      i++;
    }
    return i;
  }

  private static Feature one(PreparedStatement ps, Layer layer) throws SQLException {
    try (ResultSet rs = ps.executeQuery()) {
      return rs.next() ? FeatureColumns.read(rs, layer, 1) : null;
    }
  }
}
