package org.coplan.auth;

import java.util.List;
import java.util.Optional;
import org.coplan.db.Jdbc;
import org.coplan.settlements.SettlementRepository;
import org.coplan.settlements.SettlementService;

/**
 * Account administration without HTTP, for the command line ({@code coplan user ...}), first-run
 * set-up and tests. The same rules apply as through the API; failures are {@link
 * org.coplan.http.ApiProblem}s whose detail reads well on a terminal.
 */
public final class UserAdmin {
  private final AccountService accounts;
  private final TokenService tokens;
  private final String actor;

  private UserAdmin(AccountService accounts, TokenService tokens, String actor) {
    this.accounts = accounts;
    this.tokens = tokens;
    this.actor = actor;
  }

  /** @param actor who changes are attributed to, e.g. {@code cli:root} */
  public static UserAdmin open(Jdbc jdbc, String actor) {
    return open(jdbc, actor, PasswordHasher.Params.DEFAULT);
  }

  static UserAdmin open(Jdbc jdbc, String actor, PasswordHasher.Params params) {
    SettlementService settlements = new SettlementService(new SettlementRepository(jdbc));
    AccountService accounts =
        new AccountService(new AccountRepository(jdbc), new SessionRepository(jdbc), new PasswordHasher(params), settlements);
    return new UserAdmin(accounts, new TokenService(new TokenRepository(jdbc), accounts, settlements), actor);
  }

  public Account add(String username, String displayName, String password, boolean admin) {
    return accounts.create(username, displayName, password, admin, actor);
  }

  public Optional<Account> find(String username) {
    return accounts.find(username);
  }

  public List<Account> list() {
    return accounts.list();
  }

  /** Sets a new password; the account's sessions end. */
  public void setPassword(String username, String password) {
    accounts.update(username, new AccountService.Patch(null, null, null, password), actor);
  }

  /** Gives the account a role in the settlement; a null role removes the membership. */
  public void setRole(String username, String settlementId, Role role) {
    if (role == null) {
      accounts.removeMember(settlementId, username);
    } else {
      accounts.putMember(settlementId, username, role, actor);
    }
  }

  /** Creates an API token for the account and returns its text, which is not kept. */
  public String createToken(String username, String name, TokenScope scope, String settlementId) {
    Account owner = accounts.require(username);
    Caller asOwner =
        new Caller(Caller.Credential.NONE, owner, accounts.memberships(owner.id()), null, null, null, Caller.Ignored.NOTHING);
    return tokens.create(asOwner, null, name, scope, settlementId).secret();
  }

  public boolean anyAdmin() {
    return accounts.anyAdmin();
  }

  /** A password the server chose: 20 characters from an alphabet without look-alikes. */
  public static String randomPassword() {
    return Secrets.randomPassword(20);
  }
}
