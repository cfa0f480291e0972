package org.coplan.history;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.coplan.db.Jdbc;
import org.coplan.http.JsonMapper;

/**
 * The SQL of the change log: the three version tables of V004 and the decision log (meetings and
 * their decisions, V008) in one list, newest first, every
 * filter bound (a null filter matches everything). Each table's index on (settlement_id, seq)
 * serves the order and the page.
 */
final class HistoryRepository {
  /** One entry; {@code state} is what the settlement, plan or feature's attributes were after it. */
  record Entry(
      long seq,
      OffsetDateTime at,
      String author,
      String operation,
      String reason,
      String subject,
      String plan,
      String layer,
      String featureId,
      int version,
      boolean deleted,
      JsonNode state) {}

  private static final String SQL =
      "SELECT * FROM ("
          + " SELECT seq, changed_at, author, operation, reason, 'feature' AS subject, plan_id, layer,"
          + "   feature_id::text AS feature_id, version, deleted, properties AS state"
          + " FROM feature_version WHERE settlement_id = ?"
          + " UNION ALL"
          + " SELECT seq, changed_at, author, operation, reason, 'plan', plan_id, NULL, NULL, version, archived,"
          + "   jsonb_build_object('name', name, 'description', description, 'status', status, 'basedOn', based_on)"
          + " FROM plan_version WHERE settlement_id = ?"
          + " UNION ALL"
          + " SELECT seq, changed_at, author, operation, reason, 'settlement', NULL, NULL, NULL, version, archived,"
          + "   jsonb_build_object('name', name, 'notes', notes, 'category', category, 'categoryReason', category_reason,"
          + "                      'metricSrid', metric_srid)"
          + " FROM settlement_version WHERE settlement_id = ?"
          + " UNION ALL"
          // the decision log: a meeting record with its decisions (V009_1 gives it a place in the order)
          + " SELECT m.log_seq, m.created_at, m.recorded_by, 'record', NULL, 'meeting', m.plan_id, NULL, NULL, 1, false,"
          + "   jsonb_build_object('id', m.id, 'heldOn', m.held_on, 'forumLevel', m.forum_level, 'forumUnit', m.forum_unit,"
          + "     'attendance', m.attendance, 'facilitator', m.facilitator, 'notes', m.notes, 'decisions',"
          + "     coalesce((SELECT jsonb_agg(jsonb_build_object('proposal', d.proposal_id, 'outcome', d.outcome, 'reason', d.reason)"
          + "       ORDER BY d.proposal_id) FROM review_decision d"
          + "       WHERE d.settlement_id = m.settlement_id AND d.plan_id = m.plan_id AND d.meeting_id = m.id), '[]'::jsonb))"
          + " FROM review_meeting m WHERE m.settlement_id = ?"
          + ") h"
          + " WHERE (?::text IS NULL OR h.author = ?)"
          + " AND (?::timestamptz IS NULL OR h.changed_at >= ?)"
          + " AND (?::timestamptz IS NULL OR h.changed_at < ?)"
          + " AND (?::text IS NULL OR h.layer = ?)"
          + " AND (?::text IS NULL OR h.plan_id = ?)"
          + " AND (?::bigint IS NULL OR h.seq < ?)"
          + " ORDER BY h.seq DESC LIMIT ?";

  private final Jdbc jdbc;

  HistoryRepository(Jdbc jdbc) {
    this.jdbc = jdbc;
  }

  List<Entry> entries(HistoryQuery q) {
    return jdbc.read(
        c -> {
          try (PreparedStatement ps = c.prepareStatement(SQL)) {
            int i = 1;
            for (int copy = 0; copy < 4; copy++) {
              ps.setString(i++, q.settlementId());
            }
            i = both(ps, i, q.author(), Types.VARCHAR);
            i = both(ps, i, q.from(), Types.TIMESTAMP_WITH_TIMEZONE);
            i = both(ps, i, q.to(), Types.TIMESTAMP_WITH_TIMEZONE);
            i = both(ps, i, q.layer(), Types.VARCHAR);
            i = both(ps, i, q.plan(), Types.VARCHAR);
            i = both(ps, i, q.before(), Types.BIGINT);
            ps.setInt(i, q.limit());
            List<Entry> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                out.add(
                    new Entry(
                        rs.getLong("seq"),
                        rs.getObject("changed_at", OffsetDateTime.class),
                        rs.getString("author"),
                        rs.getString("operation"),
                        rs.getString("reason"),
                        rs.getString("subject"),
                        rs.getString("plan_id"),
                        rs.getString("layer"),
                        rs.getString("feature_id"),
                        rs.getInt("version"),
                        rs.getBoolean("deleted"),
                        json(rs.getString("state"))));
              }
            }
            return out;
          }
        });
  }

  /** Binds a filter value twice: once for the IS NULL test, once for the comparison. */
  private static int both(PreparedStatement ps, int i, Object value, int sqlType) throws SQLException {
    ps.setObject(i, value, sqlType);
    ps.setObject(i + 1, value, sqlType);
    return i + 2;
  }

  private static JsonNode json(String text) {
    try {
      return JsonMapper.MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a history snapshot is not JSON", e);
    }
  }
}
