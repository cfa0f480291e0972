package org.coplan.review;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The changed features of a plan and the existing structures each touches, in one query. A feature
 * is changed as in {@code GET .../changes}: a plan row with no live baseline row was added, a
 * deleted row over a live baseline feature removes it, any other row modifies it unless geometry
 * and attributes are still the baseline's.
 *
 * <p>What a feature touches is decided in the settlement's metric CRS: a footpath its corridor
 * (the centre line buffered by half its width), a service a 1 m radius around it (a standpipe or a
 * toilet sits on that ground; a drain or sewer takes about 2 m), a constraint its area with its
 * setback (at least 0.5 m around a line), a structure its own footprint (after the change, or the
 * removed one). A structure is touched when it overlaps that zone by more than 0.01 m², so a
 * neighbour merely sharing a wall is not. Structures are the baseline's (existing conditions).
 */
final class ProposalRepository {
  /** One changed feature with one structure it touches (null columns when it touches none). */
  record Touch(
      String layer, UUID featureId, String action, String properties, String geometry,
      UUID structureId, Integer households, Integer people, String cellId, String cellName,
      String clusterId, String clusterName, Double overlapM2, Double areaM2, String structureGeometry) {}

  private static final String CHANGED =
      "SELECT '%1$s' AS layer, o.id, o.fid,"
          + " CASE WHEN b.id IS NULL OR b.deleted THEN 'added' WHEN o.deleted THEN 'removed' ELSE 'modified' END AS action,"
          + " coplan_feature_properties(to_jsonb(o)) AS props,"
          + " CASE WHEN o.deleted THEN b.geom ELSE o.geom END::geometry AS geom,"
          + " CASE WHEN o.deleted AND '%1$s' <> 'structures' THEN NULL ELSE %2$s END AS zone"
          + " FROM %1$s o LEFT JOIN %1$s b ON b.settlement_id = o.settlement_id AND b.plan_id = 'baseline' AND b.id = o.id, srs"
          + " WHERE o.settlement_id = ? AND o.plan_id = ? AND o.plan_id <> 'baseline'"
          + " AND NOT (o.deleted AND (b.id IS NULL OR b.deleted))"
          + " AND NOT (NOT o.deleted AND b.id IS NOT NULL AND NOT b.deleted AND ST_OrderingEquals(o.geom, b.geom)"
          + " AND coplan_feature_properties(to_jsonb(o)) = coplan_feature_properties(to_jsonb(b)))";

  private static final String SQL =
      "WITH srs AS (SELECT metric_srid AS srid FROM settlement WHERE id = ?),"
          + " changed AS MATERIALIZED ("
          + String.format(CHANGED, "footpaths", "ST_Buffer(ST_Transform(o.geom, srs.srid), o.width_m / 2.0)")
          + " UNION ALL "
          + String.format(CHANGED, "services", "ST_Buffer(ST_Transform(o.geom, srs.srid), 1.0)")
          + " UNION ALL "
          + String.format(CHANGED, "constraints",
              "CASE WHEN GeometryType(o.geom) LIKE '%POLYGON' THEN ST_Buffer(ST_Transform(o.geom, srs.srid), o.setback_m)"
                  + " ELSE ST_Buffer(ST_Transform(o.geom, srs.srid), GREATEST(o.setback_m, 0.5)) END")
          + " UNION ALL "
          + String.format(CHANGED, "structures", "ST_Transform(CASE WHEN o.deleted THEN b.geom ELSE o.geom END, srs.srid)")
          + "),"
          + " zoned AS MATERIALIZED (SELECT c.*, ST_Transform(c.zone, 4326) AS zone4326 FROM changed c)"
          + " SELECT z.layer, z.id, z.action, z.props::text, ST_AsGeoJSON(z.geom, 7),"
          + " t.id, t.households, t.people, t.cell_id, t.cell_name, t.cluster_id, t.cluster_name, t.overlap, t.area, t.g"
          + " FROM zoned z LEFT JOIN LATERAL ("
          + "   SELECT s.id, s.households, s.people, sc.cell_id, cu.name AS cell_name, cu.parent_id AS cluster_id,"
          + "   ku.name AS cluster_name, ST_Area(ST_Intersection(m.g, z.zone)) AS overlap, ST_Area(m.g) AS area,"
          + "   ST_AsGeoJSON(s.geom, 7) AS g"
          + "   FROM structures s"
          + "   CROSS JOIN LATERAL (SELECT ST_Transform(s.geom, (SELECT srid FROM srs)) AS g) m"
          + "   LEFT JOIN structure_cell sc ON sc.settlement_id = s.settlement_id AND sc.structure_id = s.id"
          + "   LEFT JOIN rep_unit cu ON cu.settlement_id = s.settlement_id AND cu.id = sc.cell_id"
          + "   LEFT JOIN rep_unit ku ON ku.settlement_id = s.settlement_id AND ku.id = cu.parent_id"
          + "   WHERE s.settlement_id = ? AND s.plan_id = 'baseline' AND NOT s.deleted"
          + "   AND z.zone IS NOT NULL AND s.geom && z.zone4326 AND ST_Intersects(m.g, z.zone)"
          + "   AND ST_Area(ST_Intersection(m.g, z.zone)) > 0.01"
          + " ) t ON true"
          + " ORDER BY z.layer, z.fid, t.id";

  List<Touch> touches(Connection c, String sid, String pid) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(SQL)) {
      int i = 1;
      ps.setString(i++, sid);
      for (int layer = 0; layer < 4; layer++) {
        ps.setString(i++, sid);
        ps.setString(i++, pid);
      }
      ps.setString(i, sid);
      List<Touch> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(new Touch(
              rs.getString(1), rs.getObject(2, UUID.class), rs.getString(3), rs.getString(4), rs.getString(5),
              rs.getObject(6, UUID.class), (Integer) rs.getObject(7), (Integer) rs.getObject(8), rs.getString(9), rs.getString(10),
              rs.getString(11), rs.getString(12), (Double) rs.getObject(13), (Double) rs.getObject(14), rs.getString(15)));
        }
      }
      return out;
    }
  }

  /** Named groups of the plan: id, name, description, and their members as layer/feature pairs. */
  record Group(String id, String name, String description, List<String[]> members) {}

  List<Group> groups(Connection c, String sid, String pid) throws SQLException {
    List<Group> out = new ArrayList<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT g.id, g.name, g.description, m.layer, m.feature_id::text FROM proposal_group g"
                + " LEFT JOIN proposal_member m ON m.settlement_id = g.settlement_id AND m.plan_id = g.plan_id AND m.group_id = g.id"
                + " WHERE g.settlement_id = ? AND g.plan_id = ? ORDER BY g.created_at, g.id, m.layer, m.feature_id")) {
      ps.setString(1, sid);
      ps.setString(2, pid);
      try (ResultSet rs = ps.executeQuery()) {
        Group current = null;
        while (rs.next()) {
          if (current == null || !current.id().equals(rs.getString(1))) {
            current = new Group(rs.getString(1), rs.getString(2), rs.getString(3), new ArrayList<>());
            out.add(current);
          }
          if (rs.getString(4) != null) {
            current.members().add(new String[] {rs.getString(4), rs.getString(5)});
          }
        }
      }
    }
    return out;
  }

  /** Inserts a group unless its id is taken: false then. */
  boolean insertGroup(Connection c, String sid, String pid, String id, String name, String description, String author) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO proposal_group (settlement_id, plan_id, id, name, description, created_by) VALUES (?, ?, ?, ?, ?, ?)"
                + " ON CONFLICT DO NOTHING")) {
      ps.setString(1, sid);
      ps.setString(2, pid);
      ps.setString(3, id);
      ps.setString(4, name);
      ps.setString(5, description);
      ps.setString(6, author);
      return ps.executeUpdate() == 1;
    }
  }

  /** Moves a feature into a group (out of any other group of the plan). */
  void addMember(Connection c, String sid, String pid, String group, String layer, UUID feature) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO proposal_member (settlement_id, plan_id, group_id, layer, feature_id) VALUES (?, ?, ?, ?, ?)"
                + " ON CONFLICT (settlement_id, plan_id, layer, feature_id) DO UPDATE SET group_id = excluded.group_id")) {
      ps.setString(1, sid);
      ps.setString(2, pid);
      ps.setString(3, group);
      ps.setString(4, layer);
      ps.setObject(5, feature);
      ps.executeUpdate();
    }
  }

  /** Whether the plan has its own row of this feature (the features a proposal can be made of). */
  boolean planHasFeature(Connection c, String sid, String pid, String layer, UUID feature) throws SQLException {
    // the layer is one of the four catalogue tables, checked by the caller
    try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM " + layer + " WHERE settlement_id = ? AND plan_id = ? AND id = ?")) {
      ps.setString(1, sid);
      ps.setString(2, pid);
      ps.setObject(3, feature);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    }
  }

  boolean groupExists(Connection c, String sid, String pid, String id) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM proposal_group WHERE settlement_id = ? AND plan_id = ? AND id = ?")) {
      ps.setString(1, sid);
      ps.setString(2, pid);
      ps.setString(3, id);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    }
  }
}
