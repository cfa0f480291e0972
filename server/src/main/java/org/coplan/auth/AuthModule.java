package org.coplan.auth;

import java.time.Clock;
import java.util.List;
import org.coplan.config.CoplanConfig;
import org.coplan.db.Jdbc;
import org.coplan.settlements.SettlementService;

/**
 * The wiring of this feature, for the composition root: the two filters that enforce access on
 * every endpoint and the resources of accounts, tokens, members, share links and plan access.
 */
public final class AuthModule {
  private AuthModule() {}

  /** Everything to register with Jersey. */
  public static List<Object> components(CoplanConfig.Security config, Jdbc jdbc, SettlementService settlements) {
    PasswordHasher hasher = new PasswordHasher(PasswordHasher.Params.DEFAULT);
    AccountRepository accountRepository = new AccountRepository(jdbc);
    SessionRepository sessions = new SessionRepository(jdbc);
    TokenRepository tokenRepository = new TokenRepository(jdbc);
    ShareLinkRepository shareLinks = new ShareLinkRepository(jdbc);
    AuthService auth =
        new AuthService(
            accountRepository, sessions, tokenRepository, shareLinks, new LoginAttemptRepository(jdbc), hasher, config, Clock.systemUTC());
    AccountService accounts = new AccountService(accountRepository, sessions, hasher, settlements);
    return List.of(
        new Authenticator(auth),
        new AccessFilter(settlements),
        new AuthResource(auth, tokenRepository),
        new TokenResource(new TokenService(tokenRepository, accounts, settlements)),
        new UserResource(accounts),
        new MemberResource(accounts),
        new ShareLinkResource(new ShareLinkService(shareLinks, settlements)),
        new PlanAccessResource(settlements));
  }
}
