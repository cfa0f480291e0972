package org.coplan.review;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** All SQL of comments, reactions, meetings and decisions. Rows are only ever inserted (V008). */
final class ReviewRepository {
  record Comment(UUID id, UUID parentId, String proposal, String layer, UUID featureId, double[] location, String body,
      String author, String authorRole, OffsetDateTime createdAt) {}

  record Reaction(UUID id, String proposal, String stance, String reason, String account, String resident, String cell,
      String cluster, String recordedBy, OffsetDateTime createdAt) {}

  record Decision(String proposal, String outcome, String reason) {}

  record Meeting(UUID id, LocalDate heldOn, String forumLevel, String forumUnit, int attendance, String facilitator,
      String notes, String recordedBy, OffsetDateTime createdAt, List<Decision> decisions) {}

  Comment insertComment(Connection c, String sid, String pid, Comment k) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO review_comment (settlement_id, plan_id, parent_id, proposal_id, layer, feature_id, location, body,"
                + " author, author_role) VALUES (?, ?, ?, ?, ?, ?,"
                + " CASE WHEN ?::float8 IS NULL THEN NULL ELSE ST_SetSRID(ST_MakePoint(?, ?), 4326) END, ?, ?, ?)"
                + " RETURNING id, created_at")) {
      ps.setString(1, sid);
      ps.setString(2, pid);
      ps.setObject(3, k.parentId());
      ps.setString(4, k.proposal());
      ps.setString(5, k.layer());
      ps.setObject(6, k.featureId());
      Double lon = k.location() == null ? null : k.location()[0];
      Double lat = k.location() == null ? null : k.location()[1];
      ps.setObject(7, lon, java.sql.Types.DOUBLE);
      ps.setObject(8, lon, java.sql.Types.DOUBLE);
      ps.setObject(9, lat, java.sql.Types.DOUBLE);
      ps.setString(10, k.body());
      ps.setString(11, k.author());
      ps.setString(12, k.authorRole());
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return new Comment(rs.getObject(1, UUID.class), k.parentId(), k.proposal(), k.layer(), k.featureId(), k.location(),
            k.body(), k.author(), k.authorRole(), rs.getObject(2, OffsetDateTime.class));
      }
    }
  }

  /** Whether the plan shows (or removed) this feature: its own row, or the baseline's. */
  boolean featureInPlan(Connection c, String sid, String pid, String layer, UUID id) throws SQLException {
    // layer is one of the four catalogue tables, checked by the service
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT 1 FROM " + layer + " WHERE settlement_id = ? AND plan_id IN (?, 'baseline') AND id = ? LIMIT 1")) {
      ps.setString(1, sid);
      ps.setString(2, pid);
      ps.setObject(3, id);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    }
  }

  boolean commentExists(Connection c, String sid, String pid, UUID id) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM review_comment WHERE settlement_id = ? AND plan_id = ? AND id = ?")) {
      ps.setString(1, sid);
      ps.setString(2, pid);
      ps.setObject(3, id);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    }
  }

  List<Comment> comments(Connection c, String sid, String pid) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT id, parent_id, proposal_id, layer, feature_id, ST_X(location), ST_Y(location), body, author, author_role,"
                + " created_at FROM review_comment WHERE settlement_id = ? AND plan_id = ? ORDER BY seq")) {
      ps.setString(1, sid);
      ps.setString(2, pid);
      List<Comment> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          Object x = rs.getObject(6);
          double[] at = x == null ? null : new double[] {rs.getDouble(6), rs.getDouble(7)};
          out.add(new Comment(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3), rs.getString(4),
              rs.getObject(5, UUID.class), at, rs.getString(8), rs.getString(9), rs.getString(10), rs.getObject(11, OffsetDateTime.class)));
        }
      }
      return out;
    }
  }

  Reaction insertReaction(Connection c, String sid, String pid, Reaction r) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO reaction (settlement_id, plan_id, proposal_id, stance, reason, account, resident, cell_id, recorded_by)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id, created_at,"
                + " (SELECT parent_id FROM rep_unit WHERE settlement_id = ? AND id = ?)")) {
      ps.setString(1, sid);
      ps.setString(2, pid);
      ps.setString(3, r.proposal());
      ps.setString(4, r.stance());
      ps.setString(5, r.reason());
      ps.setString(6, r.account());
      ps.setString(7, r.resident());
      ps.setString(8, r.cell());
      ps.setString(9, r.recordedBy());
      ps.setString(10, sid);
      ps.setString(11, r.cell());
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return new Reaction(rs.getObject(1, UUID.class), r.proposal(), r.stance(), r.reason(), r.account(), r.resident(), r.cell(),
            rs.getString(3), r.recordedBy(), rs.getObject(2, OffsetDateTime.class));
      }
    }
  }

  /**
   * The reactions that count: an account's latest reaction to each proposal (a changed mind
   * replaces the earlier view), and every assisted one (each is a different resident's view).
   */
  List<Reaction> currentReactions(Connection c, String sid, String pid) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT r.id, r.proposal_id, r.stance, r.reason, r.account, r.resident, r.cell_id, u.parent_id, r.recorded_by, r.created_at"
                + " FROM reaction r LEFT JOIN rep_unit u ON u.settlement_id = r.settlement_id AND u.id = r.cell_id"
                + " WHERE r.settlement_id = ? AND r.plan_id = ? AND (r.account IS NULL OR NOT EXISTS ("
                + " SELECT 1 FROM reaction later WHERE later.settlement_id = r.settlement_id AND later.plan_id = r.plan_id"
                + " AND later.proposal_id = r.proposal_id AND later.account = r.account AND later.seq > r.seq))"
                + " ORDER BY r.seq")) {
      ps.setString(1, sid);
      ps.setString(2, pid);
      List<Reaction> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(new Reaction(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
              rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9), rs.getObject(10, OffsetDateTime.class)));
        }
      }
      return out;
    }
  }

  Meeting insertMeeting(Connection c, String sid, String pid, Meeting m) throws SQLException {
    UUID id;
    OffsetDateTime at;
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO review_meeting (settlement_id, plan_id, held_on, forum_level, forum_unit, attendance, facilitator,"
                + " notes, recorded_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id, created_at")) {
      ps.setString(1, sid);
      ps.setString(2, pid);
      ps.setDate(3, Date.valueOf(m.heldOn()));
      ps.setString(4, m.forumLevel());
      ps.setString(5, m.forumUnit());
      ps.setInt(6, m.attendance());
      ps.setString(7, m.facilitator());
      ps.setString(8, m.notes());
      ps.setString(9, m.recordedBy());
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        id = rs.getObject(1, UUID.class);
        at = rs.getObject(2, OffsetDateTime.class);
      }
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO review_decision (settlement_id, plan_id, meeting_id, proposal_id, outcome, reason) VALUES (?, ?, ?, ?, ?, ?)")) {
      for (Decision d : m.decisions()) {
        ps.setString(1, sid);
        ps.setString(2, pid);
        ps.setObject(3, id);
        ps.setString(4, d.proposal());
        ps.setString(5, d.outcome());
        ps.setString(6, d.reason());
        ps.addBatch();
      }
      ps.executeBatch();
    }
    return new Meeting(id, m.heldOn(), m.forumLevel(), m.forumUnit(), m.attendance(), m.facilitator(), m.notes(), m.recordedBy(), at, m.decisions());
  }

  List<Meeting> meetings(Connection c, String sid, String pid) throws SQLException {
    List<Meeting> out = new ArrayList<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT m.id, m.held_on, m.forum_level, m.forum_unit, m.attendance, m.facilitator, m.notes, m.recorded_by, m.created_at,"
                + " d.proposal_id, d.outcome, d.reason FROM review_meeting m LEFT JOIN review_decision d"
                + " ON d.settlement_id = m.settlement_id AND d.plan_id = m.plan_id AND d.meeting_id = m.id"
                + " WHERE m.settlement_id = ? AND m.plan_id = ? ORDER BY m.held_on, m.seq, d.proposal_id")) {
      ps.setString(1, sid);
      ps.setString(2, pid);
      try (ResultSet rs = ps.executeQuery()) {
        Meeting current = null;
        while (rs.next()) {
          UUID id = rs.getObject(1, UUID.class);
          if (current == null || !current.id().equals(id)) {
            current = new Meeting(id, rs.getObject(2, LocalDate.class), rs.getString(3), rs.getString(4), rs.getInt(5), rs.getString(6),
                rs.getString(7), rs.getString(8), rs.getObject(9, OffsetDateTime.class), new ArrayList<>());
            out.add(current);
          }
          if (rs.getString(10) != null) {
            current.decisions().add(new Decision(rs.getString(10), rs.getString(11), rs.getString(12)));
          }
        }
      }
    }
    return out;
  }

  String status(Connection c, String sid, String pid, boolean lock) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("SELECT status FROM plan WHERE settlement_id = ? AND id = ? AND archived_at IS NULL" + (lock ? " FOR UPDATE" : ""))) {
      ps.setString(1, sid);
      ps.setString(2, pid);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getString(1) : null;
      }
    }
  }

  void setStatus(Connection c, String sid, String pid, String status, String author) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE plan SET status = ?, version = version + 1, updated_at = now(), updated_by = ? WHERE settlement_id = ? AND id = ?")) {
      ps.setString(1, status);
      ps.setString(2, author);
      ps.setString(3, sid);
      ps.setString(4, pid);
      ps.executeUpdate();
    }
  }
}
