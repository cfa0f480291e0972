package org.coplan.plans;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.stream.Collectors;
import org.coplan.layers.Attribute;
import org.coplan.layers.Layer;

/**
 * All SQL that writes plans. Every statement raises the plan's version, which the history triggers
 * of V004 record; copying a plan's rows records each copied feature version too.
 */
final class PlanRepository {
  /** What a PATCH may change. */
  record Editable(String name, String description, String status) {}

  /** Inserts a draft unless the id is taken (also by an archived plan): false then. */
  boolean insert(Connection c, String settlementId, String id, Editable p, String basedOn, String author)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO plan (settlement_id, id, name, description, status, based_on, created_by, updated_by)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (settlement_id, id) DO NOTHING")) {
      ps.setString(1, settlementId);
      ps.setString(2, id);
      ps.setString(3, p.name());
      ps.setString(4, p.description());
      ps.setString(5, p.status());
      ps.setString(6, basedOn);
      ps.setString(7, author);
      ps.setString(8, author);
      return ps.executeUpdate() == 1;
    }
  }

  /**
   * Copies a plan's own rows (its added features, its overrides and removals of baseline features)
   * into another plan, versions kept, so the copy starts as the same change set.
   */
  void copyRows(Connection c, String settlementId, String from, String to, String author) throws SQLException {
    for (Layer layer : Layer.values()) {
      String attributes = layer.attributes().stream().map(Attribute::column).collect(Collectors.joining(", "));
      // identifiers from the catalogue only; every value bound
      String sql =
          "INSERT INTO " + layer.table() + " (settlement_id, plan_id, id, version, deleted, geom, " + attributes
              + ", created_at, created_by, updated_by)"
              + " SELECT settlement_id, ?, id, version, deleted, geom, " + attributes + ", created_at, created_by, ?"
              + " FROM " + layer.table() + " WHERE settlement_id = ? AND plan_id = ? ORDER BY fid";
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        ps.setString(1, to);
        ps.setString(2, author);
        ps.setString(3, settlementId);
        ps.setString(4, from);
        ps.executeUpdate();
      }
    }
  }

  /** The live plan's editable fields, locked until commit. */
  Optional<Editable> lock(Connection c, String settlementId, String id) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT name, description, status FROM plan WHERE settlement_id = ? AND id = ? AND archived_at IS NULL"
                + " FOR UPDATE")) {
      ps.setString(1, settlementId);
      ps.setString(2, id);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(new Editable(rs.getString(1), rs.getString(2), rs.getString(3))) : Optional.empty();
      }
    }
  }

  void update(Connection c, String settlementId, String id, Editable p, String author) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE plan SET name = ?, description = ?, status = ?, version = version + 1, updated_at = now(),"
                + " updated_by = ? WHERE settlement_id = ? AND id = ?")) {
      ps.setString(1, p.name());
      ps.setString(2, p.description());
      ps.setString(3, p.status());
      ps.setString(4, author);
      ps.setString(5, settlementId);
      ps.setString(6, id);
      ps.executeUpdate();
    }
  }

  /** Archives a live plan; false when there is none. */
  boolean archive(Connection c, String settlementId, String id, String author) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE plan SET archived_at = now(), version = version + 1, updated_at = now(), updated_by = ?"
                + " WHERE settlement_id = ? AND id = ? AND archived_at IS NULL")) {
      ps.setString(1, author);
      ps.setString(2, settlementId);
      ps.setString(3, id);
      return ps.executeUpdate() == 1;
    }
  }
}
