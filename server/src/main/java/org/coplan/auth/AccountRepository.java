package org.coplan.auth;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.coplan.db.Jdbc;

/** All SQL about accounts and their settlement memberships. */
final class AccountRepository {
  static final String COLUMNS = "a.id, a.username, a.display_name, a.is_admin, a.disabled, a.created_at";
  /**
   * The account's memberships as {@code settlement:role} texts, so that a credential lookup loads
   * the account and its roles in one round trip (settlement ids cannot contain ':').
   */
  static final String MEMBERSHIPS =
      "ARRAY(SELECT m.settlement_id || ':' || m.role FROM membership m WHERE m.account_id = a.id) AS memberships";

  /** An account with its password hash, for sign-in only. */
  record WithHash(Account account, String passwordHash) {}

  /** A member of a settlement. */
  record Member(Account account, Role role, OffsetDateTime since, String addedBy) {}

  private final Jdbc jdbc;

  AccountRepository(Jdbc jdbc) {
    this.jdbc = jdbc;
  }

  static Account read(ResultSet rs) throws SQLException {
    return new Account(
        rs.getLong("id"),
        rs.getString("username"),
        rs.getString("display_name"),
        rs.getBoolean("is_admin"),
        rs.getBoolean("disabled"),
        rs.getObject("created_at", OffsetDateTime.class));
  }

  Optional<Account> find(String username) {
    return jdbc.read(
        c -> Sql.one(c, "SELECT " + COLUMNS + " FROM account a WHERE lower(a.username) = lower(?)", AccountRepository::read, username));
  }

  Optional<WithHash> findWithHash(String username) {
    return jdbc.read(
        c ->
            Sql.one(
                c,
                "SELECT " + COLUMNS + ", a.password_hash FROM account a WHERE lower(a.username) = lower(?)",
                rs -> new WithHash(read(rs), rs.getString("password_hash")),
                username));
  }

  List<Account> list() {
    return jdbc.read(c -> Sql.list(c, "SELECT " + COLUMNS + " FROM account a ORDER BY lower(a.username)", AccountRepository::read));
  }

  /** Inserts; a taken username surfaces as a unique violation (SQLSTATE 23505). */
  Account insert(String username, String displayName, String passwordHash, boolean admin, String actor) {
    return jdbc.inTransaction(
        c ->
            Sql.one(
                    c,
                    "INSERT INTO account AS a (username, display_name, password_hash, is_admin, created_by, updated_by)"
                        + " VALUES (?, ?, ?, ?, ?, ?) RETURNING " + COLUMNS,
                    AccountRepository::read,
                    username, displayName, passwordHash, admin, actor, actor)
                .orElseThrow());
  }

  /** Changes what is given (nulls stay as they are). */
  Account update(long id, String displayName, Boolean admin, Boolean disabled, String passwordHash, String actor) {
    return jdbc.inTransaction(
        c ->
            Sql.one(
                    c,
                    "UPDATE account AS a SET display_name = coalesce(?::text, display_name),"
                        + " is_admin = coalesce(?::boolean, is_admin), disabled = coalesce(?::boolean, disabled),"
                        + " password_hash = coalesce(?::text, password_hash), updated_at = now(), updated_by = ?"
                        + " WHERE id = ? RETURNING " + COLUMNS,
                    AccountRepository::read,
                    displayName, admin, disabled, passwordHash, actor, id)
                .orElseThrow());
  }

  /** Accounts that are admins and not disabled. */
  long activeAdmins() {
    return jdbc.read(
        c -> Sql.one(c, "SELECT count(*) FROM account WHERE is_admin AND NOT disabled", rs -> rs.getLong(1)).orElse(0L));
  }

  Map<String, Role> memberships(long accountId) {
    return jdbc.read(
            c -> Sql.one(c, "SELECT " + MEMBERSHIPS + " FROM account a WHERE a.id = ?", AccountRepository::readMemberships, accountId))
        .orElse(Map.of());
  }

  /** Reads the {@link #MEMBERSHIPS} column. */
  static Map<String, Role> readMemberships(ResultSet rs) throws SQLException {
    Map<String, Role> out = new HashMap<>();
    for (String entry : (String[]) rs.getArray("memberships").getArray()) {
      int colon = entry.indexOf(':');
      out.put(entry.substring(0, colon), Role.parse(entry.substring(colon + 1)).orElseThrow());
    }
    return out;
  }

  List<Member> members(String settlementId) {
    return jdbc.read(
        c ->
            Sql.list(
                c,
                "SELECT " + COLUMNS + ", m.role, m.updated_at AS since, m.updated_by AS added_by"
                    + " FROM membership m JOIN account a ON a.id = m.account_id"
                    + " WHERE m.settlement_id = ? ORDER BY lower(a.username)",
                AccountRepository::readMember,
                settlementId));
  }

  Optional<Member> member(String settlementId, long accountId) {
    return jdbc.read(
        c ->
            Sql.one(
                c,
                "SELECT " + COLUMNS + ", m.role, m.updated_at AS since, m.updated_by AS added_by"
                    + " FROM membership m JOIN account a ON a.id = m.account_id"
                    + " WHERE m.settlement_id = ? AND m.account_id = ?",
                AccountRepository::readMember,
                settlementId,
                accountId));
  }

  /** Sets the role; returns true when the account was not a member before. */
  boolean putMembership(String settlementId, long accountId, Role role, String actor) {
    return jdbc.inTransaction(
        c ->
            Sql.one(
                    c,
                    "INSERT INTO membership (settlement_id, account_id, role, created_by, updated_by) VALUES (?, ?, ?, ?, ?)"
                        + " ON CONFLICT (settlement_id, account_id) DO UPDATE"
                        + " SET role = excluded.role, updated_at = now(), updated_by = excluded.updated_by"
                        // xmax = 0 only for a freshly inserted row
                        + " RETURNING (xmax = 0) AS inserted",
                    rs -> rs.getBoolean("inserted"),
                    settlementId, accountId, role.id(), actor, actor)
                .orElseThrow());
  }

  boolean deleteMembership(String settlementId, long accountId) {
    return jdbc.inTransaction(
        c -> Sql.update(c, "DELETE FROM membership WHERE settlement_id = ? AND account_id = ?", settlementId, accountId) > 0);
  }

  private static Member readMember(ResultSet rs) throws SQLException {
    return new Member(
        read(rs), Role.parse(rs.getString("role")).orElseThrow(), rs.getObject("since", OffsetDateTime.class), rs.getString("added_by"));
  }
}
