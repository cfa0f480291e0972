package org.coplan.review;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The SQL of moving many structures into (or out of) a cell at once, and of listing the structures
 * of a unit. Ids travel as one {@code uuid[]} so a box of hundreds of footprints is a handful of
 * statements, not hundreds.
 */
final class CellMembershipRepository {
  /** Which of {@code ids} are structures of the settlement (in any plan, not deleted). */
  Set<UUID> existing(Connection c, String sid, List<UUID> ids) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("SELECT DISTINCT id FROM structures WHERE settlement_id = ? AND id = ANY(?) AND NOT deleted")) {
      ps.setString(1, sid);
      ps.setArray(2, uuids(c, ids));
      Set<UUID> out = new HashSet<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(rs.getObject(1, UUID.class));
        }
      }
      return out;
    }
  }

  /** How many of {@code ids} are in a cell now other than {@code cell} (any cell when it is null). */
  int inOtherCells(Connection c, String sid, List<UUID> ids, String cell) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT count(*) FROM structure_cell WHERE settlement_id = ? AND structure_id = ANY(?)"
                + " AND cell_id IS DISTINCT FROM ?")) {
      ps.setString(1, sid);
      ps.setArray(2, uuids(c, ids));
      ps.setString(3, cell);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getInt(1);
      }
    }
  }

  void assign(Connection c, String sid, List<UUID> ids, String cell, String author) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO structure_cell (settlement_id, structure_id, cell_id, assigned_by)"
                + " SELECT ?, s, ?, ? FROM unnest(?::uuid[]) AS s"
                + " ON CONFLICT (settlement_id, structure_id) DO UPDATE SET cell_id = excluded.cell_id,"
                + " assigned_at = now(), assigned_by = excluded.assigned_by"
                + " WHERE structure_cell.cell_id <> excluded.cell_id")) {
      ps.setString(1, sid);
      ps.setString(2, cell);
      ps.setString(3, author);
      ps.setArray(4, uuids(c, ids));
      ps.executeUpdate();
    }
  }

  void unassign(Connection c, String sid, List<UUID> ids) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("DELETE FROM structure_cell WHERE settlement_id = ? AND structure_id = ANY(?)")) {
      ps.setString(1, sid);
      ps.setArray(2, uuids(c, ids));
      ps.executeUpdate();
    }
  }

  /** The structures of a cell, or of a cluster or segment through its cells, in id order. */
  List<UUID> structuresOf(Connection c, String sid, String unit) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT sc.structure_id FROM structure_cell sc JOIN rep_unit cell ON cell.settlement_id = sc.settlement_id AND cell.id = sc.cell_id"
                + " LEFT JOIN rep_unit cluster ON cluster.settlement_id = cell.settlement_id AND cluster.id = cell.parent_id"
                + " WHERE sc.settlement_id = ? AND ? IN (cell.id, cluster.id, cluster.parent_id) ORDER BY sc.structure_id")) {
      ps.setString(1, sid);
      ps.setString(2, unit);
      List<UUID> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(rs.getObject(1, UUID.class));
        }
      }
      return out;
    }
  }

  private static Array uuids(Connection c, List<UUID> ids) throws SQLException {
    return c.createArrayOf("uuid", ids.toArray());
  }
}
