package org.coplan.auth;

import java.time.OffsetDateTime;
import java.util.Map;
import java.util.Optional;
import org.coplan.db.Jdbc;

/** All SQL about browser sessions. Sessions are found by the SHA-256 of their id. */
final class SessionRepository {
  /** A live session with its (enabled) account. */
  record Live(Account account, Map<String, Role> memberships, String csrfToken, OffsetDateTime lastSeen) {}

  private final Jdbc jdbc;

  SessionRepository(Jdbc jdbc) {
    this.jdbc = jdbc;
  }

  void insert(byte[] idHash, long accountId, String csrfToken, OffsetDateTime expires, OffsetDateTime maxExpires) {
    jdbc.inTransaction(
        c ->
            Sql.update(
                c,
                "INSERT INTO user_session (id_hash, account_id, csrf_token, expires_at, max_expires_at) VALUES (?, ?, ?, ?, ?)",
                idHash, accountId, csrfToken, expires, maxExpires));
  }

  /** The session if it has not ended and its account is not disabled. */
  Optional<Live> findLive(byte[] idHash, OffsetDateTime now) {
    return jdbc.read(
        c ->
            Sql.one(
                c,
                "SELECT " + AccountRepository.COLUMNS + ", " + AccountRepository.MEMBERSHIPS + ", s.csrf_token, s.last_seen_at"
                    + " FROM user_session s JOIN account a ON a.id = s.account_id"
                    + " WHERE s.id_hash = ? AND s.expires_at > ? AND s.max_expires_at > ? AND NOT a.disabled",
                rs ->
                    new Live(
                        AccountRepository.read(rs),
                        AccountRepository.readMemberships(rs),
                        rs.getString("csrf_token"),
                        rs.getObject("last_seen_at", OffsetDateTime.class)),
                idHash, now, now));
  }

  /** Records use: pushes the idle expiry forward, never past the session's fixed end. */
  void touch(byte[] idHash, OffsetDateTime now, OffsetDateTime expires) {
    jdbc.inTransaction(
        c ->
            Sql.update(
                c,
                "UPDATE user_session SET last_seen_at = ?, expires_at = least(?, max_expires_at) WHERE id_hash = ?",
                now, expires, idHash));
  }

  void delete(byte[] idHash) {
    jdbc.inTransaction(c -> Sql.update(c, "DELETE FROM user_session WHERE id_hash = ?", idHash));
  }

  /** Ends every session of an account (password changed, account disabled). */
  void deleteAll(long accountId) {
    jdbc.inTransaction(c -> Sql.update(c, "DELETE FROM user_session WHERE account_id = ?", accountId));
  }

  void deleteEnded(OffsetDateTime now) {
    jdbc.inTransaction(
        c -> Sql.update(c, "DELETE FROM user_session WHERE expires_at <= ? OR max_expires_at <= ?", now, now));
  }
}
