package org.coplan.settlements;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Optional;
import org.coplan.db.Wkb;

/**
 * All SQL that writes settlements. Every statement raises the row's version, which the history
 * triggers of V004 record with the author, the operation and the reason of the transaction.
 */
final class SettlementWriteRepository {
  /**
   * Inserts the settlement unless its id is taken (by a live or an archived one): false then. The
   * metric CRS defaults to the UTM zone of the boundary's centroid.
   */
  boolean insert(Connection c, String id, SettlementInput.New s, String author) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO settlement (id, name, boundary, metric_srid, category, category_reason, notes, attribution,"
                + " created_by, updated_by)"
                + " SELECT ?, ?, ST_Multi(g), coalesce(?, coplan_utm_srid(g)), ?, ?, ?, ?, ?, ?"
                + " FROM (SELECT ST_GeomFromWKB(?, 4326) AS g) AS boundary"
                + " ON CONFLICT (id) DO NOTHING")) {
      SettlementInput.Editable f = s.fields();
      int i = 1;
      ps.setString(i++, id);
      ps.setString(i++, f.name());
      if (s.metricSrid() == null) {
        ps.setNull(i++, Types.INTEGER);
      } else {
        ps.setInt(i++, s.metricSrid());
      }
      ps.setString(i++, f.category());
      ps.setString(i++, f.categoryReason());
      ps.setString(i++, f.notes());
      ps.setString(i++, f.attribution());
      ps.setString(i++, author);
      ps.setString(i++, author);
      ps.setBytes(i, Wkb.write(s.boundary()));
      return ps.executeUpdate() == 1;
    }
  }

  /** Every settlement starts with its baseline: the existing conditions, empty until mapped. */
  void insertBaseline(Connection c, String id, String author) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO plan (settlement_id, id, name, description, status, created_by, updated_by)"
                + " VALUES (?, 'baseline', 'Existing conditions', 'What is on the ground today', 'baseline', ?, ?)")) {
      ps.setString(1, id);
      ps.setString(2, author);
      ps.setString(3, author);
      ps.executeUpdate();
    }
  }

  /** Whether PostGIS knows the SRID as a projected CRS in metres (what analysis measures in). */
  boolean isMetric(Connection c, int srid) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT 1 FROM spatial_ref_sys WHERE srid = ? AND srtext LIKE 'PROJCS%' AND proj4text LIKE '%+units=m %'")) {
      ps.setInt(1, srid);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    }
  }

  /** The live settlement's editable fields, locked until commit. */
  Optional<SettlementInput.Editable> lock(Connection c, String id) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT name, notes, category, category_reason, attribution FROM settlement"
                + " WHERE id = ? AND archived_at IS NULL FOR UPDATE")) {
      ps.setString(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next()
            ? Optional.of(
                new SettlementInput.Editable(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)))
            : Optional.empty();
      }
    }
  }

  void update(Connection c, String id, SettlementInput.Editable f, String author) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE settlement SET name = ?, notes = ?, category = ?, category_reason = ?, attribution = ?,"
                + " version = version + 1, updated_at = now(), updated_by = ? WHERE id = ?")) {
      ps.setString(1, f.name());
      ps.setString(2, f.notes());
      ps.setString(3, f.category());
      ps.setString(4, f.categoryReason());
      ps.setString(5, f.attribution());
      ps.setString(6, author);
      ps.setString(7, id);
      ps.executeUpdate();
    }
  }

  /** Archives a live settlement: it leaves the API, its data and history stay. False if none. */
  boolean archive(Connection c, String id, String author) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE settlement SET archived_at = now(), version = version + 1, updated_at = now(), updated_by = ?"
                + " WHERE id = ? AND archived_at IS NULL")) {
      ps.setString(1, author);
      ps.setString(2, id);
      return ps.executeUpdate() == 1;
    }
  }
}
