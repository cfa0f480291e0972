package org.coplan.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.coplan.config.CoplanConfig;

/**
 * Signing in and out, and turning a presented credential (session cookie, API token, share token)
 * into a {@link Caller}. Every lookup is by the SHA-256 of the credential, so what is stored cannot
 * be replayed.
 */
final class AuthService {
  /** A new session: the id that goes into the cookie (never stored) and who signed in. */
  record SignIn(String sessionId, Caller caller) {}

  /** How often a session's idle expiry or a token's last-used time is written, at most. */
  static final Duration TOUCH_EVERY = Duration.ofMinutes(1);

  private static final Pattern RANDOM_TOKEN = Pattern.compile("[A-Za-z0-9_-]{43}");
  /** One lock per stripe of usernames: attempts on one username are checked and counted in turn. */
  private final Object[] usernameLocks = new Object[64];

  private final AccountRepository accounts;
  private final SessionRepository sessions;
  private final TokenRepository tokens;
  private final ShareLinkRepository shareLinks;
  private final LoginAttemptRepository attempts;
  private final PasswordHasher hasher;
  private final Duration idle;
  private final Duration maxAge;
  private final Clock clock;

  AuthService(
      AccountRepository accounts,
      SessionRepository sessions,
      TokenRepository tokens,
      ShareLinkRepository shareLinks,
      LoginAttemptRepository attempts,
      PasswordHasher hasher,
      CoplanConfig.Security config,
      Clock clock) {
    this.accounts = accounts;
    this.sessions = sessions;
    this.tokens = tokens;
    this.shareLinks = shareLinks;
    this.attempts = attempts;
    this.hasher = hasher;
    this.idle = Duration.ofHours(config.sessionIdleHours());
    this.maxAge = Duration.ofDays(config.sessionMaxDays());
    this.clock = clock;
    for (int i = 0; i < usernameLocks.length; i++) {
      usernameLocks[i] = new Object();
    }
  }

  /**
   * Checks the password and opens a session. Throttled per username and per client address (429);
   * an unknown username costs as much time as a wrong password and gets the same answer (401).
   */
  SignIn login(String username, String password, String clientIp) {
    String key = usernameKey(username);
    synchronized (usernameLocks[Math.floorMod(key.hashCode(), usernameLocks.length)]) {
      Instant now = clock.instant();
      refuseWhileThrottled(key, clientIp, now);
      Optional<AccountRepository.WithHash> found = accounts.findWithHash(username);
      boolean ok;
      if (password.length() > AccountService.MAX_PASSWORD) {
        // no stored password is this long; do not spend a hash on a megabyte of input
        ok = false;
      } else if (found.isPresent()) {
        ok = hasher.verify(password, found.get().passwordHash());
      } else {
        hasher.verifyDecoy(password);
        ok = false;
      }
      // the attempt counts from its answer, not its arrival: a slow hash must not eat the delay
      // that the next attempt has to wait
      attempts.record(key, clientIp, ok, at(clock.instant()));
      if (!ok) {
        throw AuthProblems.invalidCredentials();
      }
      Account account = found.get().account();
      if (account.disabled()) {
        throw AuthProblems.forbidden("this account is disabled; ask an admin");
      }
      if (hasher.needsRehash(found.get().passwordHash())) {
        accounts.update(account.id(), null, null, null, hasher.hash(password), account.username());
      }
      sessions.deleteEnded(at(now));
      attempts.deleteOlderThan(at(now.minus(Duration.ofDays(1))));
      String sessionId = Secrets.randomToken();
      String csrf = Secrets.randomToken();
      sessions.insert(Secrets.sha256(sessionId), account.id(), csrf, at(now.plus(idle)), at(now.plus(maxAge)));
      return new SignIn(
          sessionId,
          new Caller(Caller.Credential.SESSION, account, accounts.memberships(account.id()), null, null, csrf, Caller.Ignored.NOTHING));
    }
  }

  private void refuseWhileThrottled(String key, String clientIp, Instant now) {
    OffsetDateTime windowStart = at(now.minus(LoginThrottle.WINDOW));
    OffsetDateTime lastSuccess = attempts.lastSuccess(key, windowStart);
    Instant from = LoginThrottle.countFrom(now, lastSuccess == null ? null : lastSuccess.toInstant());
    Optional<Duration> byName =
        LoginThrottle.waitFor(LoginThrottle.PER_USERNAME, attempts.failuresOfUsername(key, at(from)), now);
    Optional<Duration> byAddress =
        LoginThrottle.waitFor(LoginThrottle.PER_ADDRESS, attempts.failuresFromAddress(clientIp, windowStart), now);
    Duration wait =
        byName.orElse(Duration.ZERO).compareTo(byAddress.orElse(Duration.ZERO)) >= 0
            ? byName.orElse(Duration.ZERO)
            : byAddress.orElse(Duration.ZERO);
    if (!wait.isZero()) {
      throw AuthProblems.tooManyAttempts(LoginThrottle.retryAfterSeconds(wait));
    }
  }

  void logout(String sessionId) {
    if (sessionId != null && RANDOM_TOKEN.matcher(sessionId).matches()) {
      sessions.delete(Secrets.sha256(sessionId));
    }
  }

  /** The caller of a live session; empty when the session has ended or never existed. */
  Optional<Caller> fromSession(String sessionId) {
    if (sessionId == null || !RANDOM_TOKEN.matcher(sessionId).matches()) {
      return Optional.empty();
    }
    byte[] hash = Secrets.sha256(sessionId);
    Instant now = clock.instant();
    return sessions
        .findLive(hash, at(now))
        .map(
            live -> {
              if (live.lastSeen().toInstant().plus(TOUCH_EVERY).isBefore(now)) {
                sessions.touch(hash, at(now), at(now.plus(idle)));
              }
              return new Caller(
                  Caller.Credential.SESSION,
                  live.account(),
                  live.memberships(),
                  null,
                  null,
                  live.csrfToken(),
                  Caller.Ignored.NOTHING);
            });
  }

  /** The caller of a live API token; empty when unknown, revoked, or its account disabled. */
  Optional<Caller> fromToken(String token) {
    if (token == null
        || !token.startsWith(Secrets.API_TOKEN_PREFIX)
        || !RANDOM_TOKEN.matcher(token.substring(Secrets.API_TOKEN_PREFIX.length())).matches()) {
      return Optional.empty();
    }
    Instant now = clock.instant();
    return tokens
        .findLive(Secrets.sha256(token))
        .map(
            live -> {
              if (live.lastUsedAt() == null || live.lastUsedAt().toInstant().plus(TOUCH_EVERY).isBefore(now)) {
                tokens.touch(live.grant().id(), at(now));
              }
              return new Caller(
                  Caller.Credential.TOKEN,
                  live.account(),
                  live.memberships(),
                  live.grant(),
                  null,
                  null,
                  Caller.Ignored.NOTHING);
            });
  }

  /** The plan a live share token opens. */
  Optional<Caller.ShareGrant> fromShareToken(String token) {
    if (token == null
        || !token.startsWith(Secrets.SHARE_TOKEN_PREFIX)
        || !RANDOM_TOKEN.matcher(token.substring(Secrets.SHARE_TOKEN_PREFIX.length())).matches()) {
      return Optional.empty();
    }
    return shareLinks.findLive(Secrets.sha256(token));
  }

  /** The throttling key of a username as typed: lower case, at most 64 characters. */
  static String usernameKey(String username) {
    String lower = username == null ? "" : username.trim().toLowerCase(Locale.ROOT);
    return lower.length() <= 64 ? lower : lower.substring(0, 64);
  }

  private static OffsetDateTime at(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }
}
