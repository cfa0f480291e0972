package org.coplan.auth;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.coplan.db.Jdbc;

/** All SQL about API tokens. Tokens are found by the SHA-256 of their text. */
final class TokenRepository {
  /** A token as listed to its owner (never the token itself). */
  record Listed(
      long id,
      String owner,
      String name,
      String shown,
      TokenScope scope,
      String settlementId,
      OffsetDateTime createdAt,
      OffsetDateTime lastUsedAt,
      OffsetDateTime revokedAt) {}

  /** A usable token with its (enabled) account. */
  record Live(Account account, Map<String, Role> memberships, Caller.TokenGrant grant, OffsetDateTime lastUsedAt) {}

  private static final String LISTED =
      "SELECT t.id, a.username, t.name, t.prefix, t.scope, t.settlement_id, t.created_at, t.last_used_at, t.revoked_at"
          + " FROM api_token t JOIN account a ON a.id = t.account_id";

  private final Jdbc jdbc;

  TokenRepository(Jdbc jdbc) {
    this.jdbc = jdbc;
  }

  Listed insert(long accountId, String name, byte[] hash, String shown, TokenScope scope, String settlementId, String actor) {
    return jdbc.inTransaction(
        c -> {
          long id =
              Sql.one(
                      c,
                      "INSERT INTO api_token (account_id, name, token_hash, prefix, scope, settlement_id, created_by)"
                          + " VALUES (?, ?, ?, ?, ?, ?::text, ?) RETURNING id",
                      rs -> rs.getLong(1),
                      accountId, name, hash, shown, scope.id(), settlementId, actor)
                  .orElseThrow();
          return Sql.one(c, LISTED + " WHERE t.id = ?", TokenRepository::readListed, id).orElseThrow();
        });
  }

  Optional<Live> findLive(byte[] hash) {
    return jdbc.read(
        c ->
            Sql.one(
                c,
                "SELECT " + AccountRepository.COLUMNS + ", " + AccountRepository.MEMBERSHIPS
                    + ", t.id AS token_id, t.scope, t.settlement_id, t.last_used_at"
                    + " FROM api_token t JOIN account a ON a.id = t.account_id"
                    + " WHERE t.token_hash = ? AND t.revoked_at IS NULL AND NOT a.disabled",
                rs ->
                    new Live(
                        AccountRepository.read(rs),
                        AccountRepository.readMemberships(rs),
                        new Caller.TokenGrant(
                            rs.getLong("token_id"), TokenScope.parse(rs.getString("scope")).orElseThrow(), rs.getString("settlement_id")),
                        rs.getObject("last_used_at", OffsetDateTime.class)),
                (Object) hash));
  }

  void touch(long id, OffsetDateTime now) {
    jdbc.inTransaction(c -> Sql.update(c, "UPDATE api_token SET last_used_at = ? WHERE id = ?", now, id));
  }

  /** The tokens of one account (or of every account when null), newest first. */
  List<Listed> list(Long accountId) {
    return jdbc.read(
        c ->
            Sql.list(
                c,
                LISTED + " WHERE (?::bigint IS NULL OR t.account_id = ?::bigint) ORDER BY t.created_at DESC, t.id DESC",
                TokenRepository::readListed,
                accountId, accountId));
  }

  Optional<Listed> find(long id) {
    return jdbc.read(c -> Sql.one(c, LISTED + " WHERE t.id = ?", TokenRepository::readListed, id));
  }

  /** Revokes at once; returns false when it was revoked already or does not exist. */
  boolean revoke(long id, String actor) {
    return jdbc.inTransaction(
        c ->
            Sql.update(
                    c, "UPDATE api_token SET revoked_at = now(), revoked_by = ? WHERE id = ? AND revoked_at IS NULL", actor, id)
                > 0);
  }

  private static Listed readListed(ResultSet rs) throws SQLException {
    return new Listed(
        rs.getLong("id"),
        rs.getString("username"),
        rs.getString("name"),
        rs.getString("prefix"),
        TokenScope.parse(rs.getString("scope")).orElseThrow(),
        rs.getString("settlement_id"),
        rs.getObject("created_at", OffsetDateTime.class),
        rs.getObject("last_used_at", OffsetDateTime.class),
        rs.getObject("revoked_at", OffsetDateTime.class));
  }
}
