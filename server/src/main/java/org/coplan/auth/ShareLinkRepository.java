package org.coplan.auth;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.coplan.db.Jdbc;

/** All SQL about share links. Links are found by the SHA-256 of their token. */
final class ShareLinkRepository {
  /** A share link as listed to planners (never the token itself). */
  record Listed(
      long id,
      String settlementId,
      String planId,
      String shown,
      String label,
      OffsetDateTime createdAt,
      String createdBy,
      OffsetDateTime revokedAt) {}

  private static final String LISTED =
      "SELECT id, settlement_id, plan_id, prefix, label, created_at, created_by, revoked_at FROM share_link";

  private final Jdbc jdbc;

  ShareLinkRepository(Jdbc jdbc) {
    this.jdbc = jdbc;
  }

  Listed insert(String settlementId, String planId, byte[] hash, String shown, String label, String actor) {
    return jdbc.inTransaction(
        c ->
            Sql.one(
                    c,
                    "INSERT INTO share_link (settlement_id, plan_id, token_hash, prefix, label, created_by)"
                        + " VALUES (?, ?, ?, ?, ?::text, ?)"
                        + " RETURNING id, settlement_id, plan_id, prefix, label, created_at, created_by, revoked_at",
                    ShareLinkRepository::read,
                    settlementId, planId, hash, shown, label, actor)
                .orElseThrow());
  }

  /** The settlement and plan a live (not revoked) link opens. */
  Optional<Caller.ShareGrant> findLive(byte[] hash) {
    return jdbc.read(
        c ->
            Sql.one(
                c,
                "SELECT id, settlement_id, plan_id FROM share_link WHERE token_hash = ? AND revoked_at IS NULL",
                rs -> new Caller.ShareGrant(rs.getLong("id"), rs.getString("settlement_id"), rs.getString("plan_id")),
                (Object) hash));
  }

  List<Listed> list(String settlementId, String planId) {
    return jdbc.read(
        c ->
            Sql.list(
                c,
                LISTED + " WHERE settlement_id = ? AND plan_id = ? ORDER BY created_at DESC, id DESC",
                ShareLinkRepository::read,
                settlementId, planId));
  }

  /** Revokes a link of this plan; false when there is no such live link. */
  boolean revoke(String settlementId, String planId, long id, String actor) {
    return jdbc.inTransaction(
        c ->
            Sql.update(
                    c,
                    "UPDATE share_link SET revoked_at = now(), revoked_by = ?"
                        + " WHERE id = ? AND settlement_id = ? AND plan_id = ? AND revoked_at IS NULL",
                    actor, id, settlementId, planId)
                > 0);
  }

  private static Listed read(ResultSet rs) throws SQLException {
    return new Listed(
        rs.getLong("id"),
        rs.getString("settlement_id"),
        rs.getString("plan_id"),
        rs.getString("prefix"),
        rs.getString("label"),
        rs.getObject("created_at", OffsetDateTime.class),
        rs.getString("created_by"),
        rs.getObject("revoked_at", OffsetDateTime.class));
  }
}
