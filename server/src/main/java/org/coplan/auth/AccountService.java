package org.coplan.auth;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.coplan.db.DataAccessException;
import org.coplan.http.ApiProblem;
import org.coplan.settlements.SettlementService;

/**
 * Rules about accounts and memberships: what a username and a password must be, that the last
 * admin cannot be removed, that disabling an account or changing its password ends its sessions.
 * Used by the HTTP resources, the CLI and first-run set-up alike.
 */
final class AccountService {
  static final int MIN_PASSWORD = 12;
  static final int MAX_PASSWORD = 1024;

  /** What may change on an account; null = unchanged. */
  record Patch(String displayName, Boolean admin, Boolean disabled, String password) {}

  /** A member after a change, and whether the membership is new. */
  record Put(AccountRepository.Member member, boolean created) {}

  private final AccountRepository accounts;
  private final SessionRepository sessions;
  private final PasswordHasher hasher;
  private final SettlementService settlements;

  AccountService(
      AccountRepository accounts, SessionRepository sessions, PasswordHasher hasher, SettlementService settlements) {
    this.accounts = accounts;
    this.sessions = sessions;
    this.hasher = hasher;
    this.settlements = settlements;
  }

  List<Account> list() {
    return accounts.list();
  }

  Optional<Account> find(String username) {
    return accounts.find(username);
  }

  Account require(String username) {
    return accounts.find(username).orElseThrow(() -> ApiProblem.notFound("no user '" + username + "'"));
  }

  boolean anyAdmin() {
    return accounts.activeAdmins() > 0;
  }

  Map<String, Role> memberships(long accountId) {
    return accounts.memberships(accountId);
  }

  Account create(String username, String displayName, String password, boolean admin, String actor) {
    checkUsername(username);
    String name = displayName == null || displayName.isBlank() ? username : displayName.strip();
    checkDisplayName(name);
    checkPassword(password, "/password");
    try {
      return accounts.insert(username, name, hasher.hash(password), admin, actor);
    } catch (DataAccessException e) {
      if ("23505".equals(e.sqlState())) {
        throw AuthProblems.conflict("username-taken", "the username '" + username + "' is taken");
      }
      throw e;
    }
  }

  Account update(String username, Patch patch, String actor) {
    Account account = require(username);
    if (patch.displayName() != null) {
      checkDisplayName(patch.displayName().strip());
    }
    if (patch.password() != null) {
      checkPassword(patch.password(), "/password");
    }
    boolean losesAdmin =
        account.admin() && !account.disabled()
            && (Boolean.FALSE.equals(patch.admin()) || Boolean.TRUE.equals(patch.disabled()));
    if (losesAdmin && accounts.activeAdmins() <= 1) {
      throw AuthProblems.conflict("last-admin", "'" + account.username() + "' is the last active admin; make another admin first");
    }
    Account updated =
        accounts.update(
            account.id(),
            patch.displayName() == null ? null : patch.displayName().strip(),
            patch.admin(),
            patch.disabled(),
            patch.password() == null ? null : hasher.hash(patch.password()),
            actor);
    if (patch.password() != null || Boolean.TRUE.equals(patch.disabled())) {
      sessions.deleteAll(account.id());
    }
    return updated;
  }

  List<AccountRepository.Member> members(String settlementId) {
    settlements.require(settlementId);
    return accounts.members(settlementId);
  }

  AccountRepository.Member member(String settlementId, String username) {
    settlements.require(settlementId);
    Account account = require(username);
    return accounts
        .member(settlementId, account.id())
        .orElseThrow(() -> ApiProblem.notFound("'" + username + "' is not a member of settlement '" + settlementId + "'"));
  }

  Put putMember(String settlementId, String username, Role role, String actor) {
    settlements.require(settlementId);
    Account account = require(username);
    boolean created = accounts.putMembership(settlementId, account.id(), role, actor);
    return new Put(accounts.member(settlementId, account.id()).orElseThrow(), created);
  }

  void removeMember(String settlementId, String username) {
    settlements.require(settlementId);
    Account account = require(username);
    if (!accounts.deleteMembership(settlementId, account.id())) {
      throw ApiProblem.notFound("'" + username + "' is not a member of settlement '" + settlementId + "'");
    }
  }

  /**
   * Usernames are free text stored verbatim, except what cannot be one URL path segment or one
   * line: control characters, slashes, surrounding blanks, "." and "..". The database checks the
   * same; checking here gives a 400 that names the field instead of a failed insert.
   */
  static void checkUsername(String username) {
    String problem = null;
    if (username == null || username.isEmpty()) {
      problem = "must not be empty";
    } else if (username.codePointCount(0, username.length()) > 64) {
      problem = "must be at most 64 characters";
    } else if (!username.equals(username.strip())) {
      problem = "must not begin or end with a blank";
    } else if (username.chars().anyMatch(ch -> Character.isISOControl(ch) || ch == '/' || ch == '\\')) {
      problem = "must not contain control characters, '/' or '\\'";
    } else if (username.equals(".") || username.equals("..")) {
      problem = "must not be '.' or '..'";
    }
    if (problem != null) {
      throw invalid("/username", "username " + problem);
    }
  }

  static void checkDisplayName(String name) {
    if (name.isEmpty() || name.codePointCount(0, name.length()) > 200) {
      throw invalid("/displayName", "display name must be 1 to 200 characters");
    }
  }

  /**
   * Length is what makes a password strong (NIST SP 800-63B): at least 12 characters, any
   * characters, no composition rules; at most 1024 so that hashing stays bounded.
   */
  static void checkPassword(String password, String pointer) {
    if (password == null) {
      throw invalid(pointer, "a password is required");
    }
    int length = password.codePointCount(0, password.length());
    if (length < MIN_PASSWORD || length > MAX_PASSWORD) {
      throw invalid(pointer, "password must be " + MIN_PASSWORD + " to " + MAX_PASSWORD + " characters");
    }
  }

  static ApiProblem invalid(String pointer, String detail) {
    return new ApiProblem(400, "invalid-body", "Invalid request body", detail, List.of(ApiProblem.Fault.pointer(pointer, detail)));
  }
}
