package org.coplan.review;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Groups structures along the representation: which cells and clusters a set of structures (those
 * a proposal touches, those an analysis finds) belongs to, with the structures and baseline
 * households of each. For other features (the impact analysis) to say "which cells and clusters
 * this touches": call {@link #of} inside their own transaction or read.
 */
public final class RepresentationGrouping {
  /** Structures and households of one cell (or cluster); id null for structures in no cell. */
  public record Share(String id, String name, String clusterId, int structures, long households) {}

  public record Grouping(List<Share> cells, List<Share> clusters) {}

  /** The cell and cluster (ids and names) a structure belongs to. */
  public record Membership(String cellId, String cellName, String clusterId, String clusterName) {}

  private RepresentationGrouping() {}

  public static Grouping of(Connection c, String settlementId, Collection<UUID> structureIds) throws SQLException {
    Array ids = c.createArrayOf("uuid", structureIds.toArray());
    List<Share> cells = new ArrayList<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT sc.cell_id, cu.name, cu.parent_id, count(*)::int, coalesce(sum(s.households), 0)::bigint"
                + " FROM structures s"
                + " LEFT JOIN structure_cell sc ON sc.settlement_id = s.settlement_id AND sc.structure_id = s.id"
                + " LEFT JOIN rep_unit cu ON cu.settlement_id = sc.settlement_id AND cu.id = sc.cell_id"
                + " WHERE s.settlement_id = ? AND s.plan_id = 'baseline' AND s.id = ANY(?)"
                + " GROUP BY 1, 2, 3 ORDER BY 1 NULLS LAST")) {
      ps.setString(1, settlementId);
      ps.setArray(2, ids);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          cells.add(new Share(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4), rs.getLong(5)));
        }
      }
    }
    return new Grouping(cells, clusters(c, settlementId, cells));
  }

  /**
   * The cell and cluster of each of these structures that is in a cell; structures in none (new
   * ones a plan adds, or a settlement without a representation) are not in the answer. For
   * features that count their own figures per cell (the impact analysis counts the plan's
   * households and people of each relocated or trimmed structure).
   */
  public static Map<UUID, Membership> memberships(Connection c, String settlementId, Collection<UUID> structureIds)
      throws SQLException {
    Map<UUID, Membership> out = new java.util.HashMap<>();
    if (structureIds.isEmpty()) {
      return out;
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT sc.structure_id, sc.cell_id, cu.name, cu.parent_id, ku.name FROM structure_cell sc"
                + " JOIN rep_unit cu ON cu.settlement_id = sc.settlement_id AND cu.id = sc.cell_id"
                + " LEFT JOIN rep_unit ku ON ku.settlement_id = cu.settlement_id AND ku.id = cu.parent_id"
                + " WHERE sc.settlement_id = ? AND sc.structure_id = ANY(?)")) {
      ps.setString(1, settlementId);
      ps.setArray(2, c.createArrayOf("uuid", structureIds.toArray()));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.put((UUID) rs.getObject(1), new Membership(rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)));
        }
      }
    }
    return out;
  }

  /** Sums cell shares into their clusters (named from the database). */
  static List<Share> clusters(Connection c, String settlementId, List<Share> cells) throws SQLException {
    Map<String, long[]> totals = new LinkedHashMap<>();
    for (Share cell : cells) {
      long[] t = totals.computeIfAbsent(cell.clusterId(), k -> new long[2]);
      t[0] += cell.structures();
      t[1] += cell.households();
    }
    Map<String, String> names = new java.util.HashMap<>();
    try (PreparedStatement ps = c.prepareStatement("SELECT id, name FROM rep_unit WHERE settlement_id = ? AND id = ANY(?)")) {
      ps.setString(1, settlementId);
      ps.setArray(2, c.createArrayOf("text", totals.keySet().stream().filter(java.util.Objects::nonNull).toArray()));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          names.put(rs.getString(1), rs.getString(2));
        }
      }
    }
    List<Share> out = new ArrayList<>();
    totals.forEach((id, t) -> out.add(new Share(id, names.get(id), null, (int) t[0], t[1])));
    out.sort(java.util.Comparator.comparing(Share::id, java.util.Comparator.nullsLast(java.util.Comparator.naturalOrder())));
    return out;
  }
}
