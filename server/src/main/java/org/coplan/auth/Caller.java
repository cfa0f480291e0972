package org.coplan.auth;

import jakarta.ws.rs.core.SecurityContext;
import java.security.Principal;
import java.util.Map;
import java.util.Optional;

/**
 * Who is calling, as established once per request by {@link Authenticator}: the account (if any),
 * its settlement roles, how it proved itself, and any share link that came along. Resources get it
 * with {@code Caller.of(securityContext)} and pass it to services, which attribute changes with
 * {@link #actor()} ({@code created_by}, {@code updated_by}).
 *
 * @param account the signed-in account; null for anonymous and share-link-only callers
 * @param memberships the account's role per settlement id
 * @param token set when the credential is an API token: its scope and settlement limit
 * @param share set when a valid share link came with the request
 * @param csrfToken the session's CSRF token (sessions only)
 * @param ignored a credential that came with the request but was not valid, to explain a 401
 */
public record Caller(
    Credential credential,
    Account account,
    Map<String, Role> memberships,
    TokenGrant token,
    ShareGrant share,
    String csrfToken,
    Ignored ignored)
    implements Principal {

  /** How the account proved itself. */
  public enum Credential {
    NONE,
    SESSION,
    TOKEN
  }

  /** A presented credential that was not honoured. */
  public enum Ignored {
    NOTHING,
    EXPIRED_SESSION,
    INVALID_SHARE_LINK
  }

  public record TokenGrant(long id, TokenScope scope, String settlementId) {}

  public record ShareGrant(long id, String settlementId, String planId) {}

  public static final Caller ANONYMOUS =
      new Caller(Credential.NONE, null, Map.of(), null, null, null, Ignored.NOTHING);

  public Caller {
    memberships = Map.copyOf(memberships);
  }

  /** The caller of the current request (anonymous when no account signed in). */
  public static Caller of(SecurityContext context) {
    return context != null && context.getUserPrincipal() instanceof Caller c ? c : ANONYMOUS;
  }

  public Caller withShare(ShareGrant grant) {
    return new Caller(credential, account, memberships, token, grant, csrfToken, ignored);
  }

  public Caller withIgnored(Ignored what) {
    return new Caller(credential, account, memberships, token, share, csrfToken, what);
  }

  public boolean signedIn() {
    return account != null;
  }

  /** The name that changes are attributed to. */
  public String actor() {
    return account == null ? "anonymous" : account.username();
  }

  @Override
  public String getName() {
    return actor();
  }

  /** Whether the credential reaches settlement {@code sid} at all (tokens may be limited to one). */
  private boolean reaches(String sid) {
    return token == null || token.settlementId() == null || token.settlementId().equals(sid);
  }

  public boolean adminIn(String sid) {
    return account != null && account.admin() && reaches(sid);
  }

  /** Whether the caller is a server-wide admin with a credential not limited to one settlement. */
  public boolean admin() {
    return account != null && account.admin() && (token == null || token.settlementId() == null);
  }

  /** The caller's role in {@code sid}, as far as the credential reaches. */
  public Optional<Role> roleIn(String sid) {
    return reaches(sid) ? Optional.ofNullable(memberships.get(sid)) : Optional.empty();
  }

  /** May see settlement {@code sid} as a whole (lists, detail), with its public flag. */
  public boolean canSee(String sid, boolean isPublic) {
    return isPublic || adminIn(sid) || roleIn(sid).isPresent();
  }

  /** Whether the request's share link opens plan {@code pid} of {@code sid}. */
  public boolean sharesPlan(String sid, String pid) {
    return share != null && pid != null && share.settlementId().equals(sid) && share.planId().equals(pid);
  }

  /** A read-only token: no change, wherever. */
  public boolean readOnly() {
    return token != null && token.scope() == TokenScope.READ;
  }

  /** A token limited to reading or to one settlement: it may not act on the account as a whole. */
  public boolean narrowed() {
    return token != null && (token.scope() == TokenScope.READ || token.settlementId() != null);
  }
}
