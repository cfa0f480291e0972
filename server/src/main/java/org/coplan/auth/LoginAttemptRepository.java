package org.coplan.auth;

import java.time.OffsetDateTime;
import org.coplan.db.Jdbc;

/** All SQL about login attempts, the memory of {@link LoginThrottle}. */
final class LoginAttemptRepository {
  private final Jdbc jdbc;

  LoginAttemptRepository(Jdbc jdbc) {
    this.jdbc = jdbc;
  }

  void record(String usernameKey, String clientIp, boolean succeeded, OffsetDateTime at) {
    jdbc.inTransaction(
        c ->
            Sql.update(
                c,
                "INSERT INTO login_attempt (username_key, client_ip, succeeded, attempted_at) VALUES (?, ?, ?, ?)",
                usernameKey, clientIp, succeeded, at));
  }

  /** The last successful sign-in with this username since {@code since}, or null. */
  OffsetDateTime lastSuccess(String usernameKey, OffsetDateTime since) {
    return jdbc.read(
        c ->
            Sql.one(
                    c,
                    "SELECT max(attempted_at) FROM login_attempt WHERE username_key = ? AND succeeded AND attempted_at > ?",
                    rs -> rs.getObject(1, OffsetDateTime.class),
                    usernameKey, since)
                .orElse(null));
  }

  LoginThrottle.Failures failuresOfUsername(String usernameKey, OffsetDateTime since) {
    return failures("username_key", usernameKey, since);
  }

  LoginThrottle.Failures failuresFromAddress(String clientIp, OffsetDateTime since) {
    return failures("client_ip", clientIp, since);
  }

  /** Forgets attempts older than {@code before}. */
  void deleteOlderThan(OffsetDateTime before) {
    jdbc.inTransaction(c -> Sql.update(c, "DELETE FROM login_attempt WHERE attempted_at < ?", before));
  }

  /** @param column one of the two fixed column names above, never input */
  private LoginThrottle.Failures failures(String column, String key, OffsetDateTime since) {
    return jdbc.read(
        c ->
            Sql.one(
                    c,
                    "SELECT count(*), max(attempted_at) FROM login_attempt"
                        + " WHERE " + column + " = ? AND NOT succeeded AND attempted_at > ?",
                    rs -> {
                      OffsetDateTime last = rs.getObject(2, OffsetDateTime.class);
                      return new LoginThrottle.Failures(rs.getInt(1), last == null ? null : last.toInstant());
                    },
                    key, since)
                .orElse(LoginThrottle.Failures.NONE));
  }
}
