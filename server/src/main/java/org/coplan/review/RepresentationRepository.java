package org.coplan.review;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** All SQL of representation units (segments, clusters, cells) and the structures in each cell. */
final class RepresentationRepository {
  /** A unit with what it holds: its structures and their households (through its cells). */
  record Unit(String id, String level, String name, String parentId, String representative, int structures, long households) {}

  List<Unit> units(Connection c, String sid) throws SQLException {
    // households are the baseline's (existing conditions); cells count directly, clusters and
    // segments through their cells
    String sql =
        "WITH cell_totals AS ("
            + " SELECT sc.cell_id, count(*)::int AS structures, coalesce(sum(s.households), 0)::bigint AS households"
            + " FROM structure_cell sc JOIN structures s ON s.settlement_id = sc.settlement_id AND s.plan_id = 'baseline'"
            + " AND s.id = sc.structure_id AND NOT s.deleted WHERE sc.settlement_id = ? GROUP BY sc.cell_id)"
            + " SELECT u.id, u.level, u.name, u.parent_id, u.representative,"
            + " coalesce(sum(t.structures), 0)::int, coalesce(sum(t.households), 0)::bigint"
            + " FROM rep_unit u"
            + " LEFT JOIN rep_unit k ON k.settlement_id = u.settlement_id AND u.level = 'cluster' AND k.parent_id = u.id"
            + " LEFT JOIN rep_unit kk ON kk.settlement_id = u.settlement_id AND u.level = 'segment' AND kk.parent_id = u.id"
            + " LEFT JOIN rep_unit kc ON kc.settlement_id = u.settlement_id AND kc.parent_id = kk.id"
            + " LEFT JOIN cell_totals t ON t.cell_id = CASE u.level WHEN 'cell' THEN u.id WHEN 'cluster' THEN k.id ELSE kc.id END"
            + " WHERE u.settlement_id = ?"
            + " GROUP BY u.id, u.level, u.name, u.parent_id, u.representative"
            + " ORDER BY CASE u.level WHEN 'segment' THEN 0 WHEN 'cluster' THEN 1 ELSE 2 END, u.id";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, sid);
      ps.setString(2, sid);
      List<Unit> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(new Unit(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getInt(6), rs.getLong(7)));
        }
      }
      return out;
    }
  }

  Optional<String> levelOf(Connection c, String sid, String id) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT level FROM rep_unit WHERE settlement_id = ? AND id = ?")) {
      ps.setString(1, sid);
      ps.setString(2, id);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
      }
    }
  }

  /** Creates or replaces a unit; true when it was created. */
  boolean upsert(Connection c, String sid, String id, String level, String name, String parentId, String representative, String author)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO rep_unit (settlement_id, id, level, name, parent_id, representative, created_by, updated_by)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (settlement_id, id) DO UPDATE SET level = excluded.level,"
                + " name = excluded.name, parent_id = excluded.parent_id, representative = excluded.representative,"
                + " updated_at = now(), updated_by = excluded.updated_by RETURNING (xmax = 0)")) {
      ps.setString(1, sid);
      ps.setString(2, id);
      ps.setString(3, level);
      ps.setString(4, name);
      ps.setString(5, parentId);
      ps.setString(6, representative);
      ps.setString(7, author);
      ps.setString(8, author);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getBoolean(1);
      }
    }
  }

  /** How many units and structures depend on a unit (children, linked structures, reactions). */
  long dependents(Connection c, String sid, String id) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT (SELECT count(*) FROM rep_unit WHERE settlement_id = ? AND parent_id = ?)"
                + " + (SELECT count(*) FROM structure_cell WHERE settlement_id = ? AND cell_id = ?)"
                + " + (SELECT count(*) FROM reaction WHERE settlement_id = ? AND cell_id = ?)")) {
      for (int i = 0; i < 3; i++) {
        ps.setString(2 * i + 1, sid);
        ps.setString(2 * i + 2, id);
      }
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  boolean delete(Connection c, String sid, String id) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("DELETE FROM rep_unit WHERE settlement_id = ? AND id = ?")) {
      ps.setString(1, sid);
      ps.setString(2, id);
      return ps.executeUpdate() == 1;
    }
  }

  boolean structureExists(Connection c, String sid, UUID structureId) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("SELECT 1 FROM structures WHERE settlement_id = ? AND id = ? AND NOT deleted LIMIT 1")) {
      ps.setString(1, sid);
      ps.setObject(2, structureId);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    }
  }

  void assign(Connection c, String sid, UUID structureId, String cellId, String author) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO structure_cell (settlement_id, structure_id, cell_id, assigned_by) VALUES (?, ?, ?, ?)"
                + " ON CONFLICT (settlement_id, structure_id) DO UPDATE SET cell_id = excluded.cell_id,"
                + " assigned_at = now(), assigned_by = excluded.assigned_by")) {
      ps.setString(1, sid);
      ps.setObject(2, structureId);
      ps.setString(3, cellId);
      ps.setString(4, author);
      ps.executeUpdate();
    }
  }

  Optional<String> cellOf(Connection c, String sid, UUID structureId) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("SELECT cell_id FROM structure_cell WHERE settlement_id = ? AND structure_id = ?")) {
      ps.setString(1, sid);
      ps.setObject(2, structureId);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
      }
    }
  }
}
