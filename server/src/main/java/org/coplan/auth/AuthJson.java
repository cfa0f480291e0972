package org.coplan.auth;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.OffsetDateTime;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The JSON shapes of the account endpoints. Every string a user typed (usernames, display names,
 * token names, labels) goes out as a JSON string exactly as stored; rendering it safely is the
 * client's job (the web app sets textContent, never innerHTML).
 */
final class AuthJson {
  private AuthJson() {}

  record LoginRequest(String username, String password) {}

  record UserJson(String username, String displayName, boolean admin, boolean disabled, OffsetDateTime createdAt) {
    static UserJson of(Account a) {
      return new UserJson(a.username(), a.displayName(), a.admin(), a.disabled(), a.createdAt());
    }
  }

  record MembershipJson(String settlement, String role) {
    static List<MembershipJson> of(Map<String, Role> memberships) {
      return memberships.entrySet().stream()
          .sorted(Map.Entry.comparingByKey(Comparator.naturalOrder()))
          .map(e -> new MembershipJson(e.getKey(), e.getValue().id()))
          .toList();
    }
  }

  /** Who is signed in: the answer of sign-in and of {@code GET /api/auth/me}. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Me(UserJson user, List<MembershipJson> memberships, String credential, String csrfToken, TokenJson token) {
    static Me of(Caller c, TokenJson token) {
      return new Me(
          UserJson.of(c.account()),
          MembershipJson.of(c.memberships()),
          c.credential().name().toLowerCase(Locale.ROOT),
          c.csrfToken(),
          token);
    }
  }

  record NewUser(String username, String displayName, String password, Boolean admin) {}

  /** A new account; {@code password} only when the server chose it. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record CreatedUser(UserJson user, String password) {}

  record UserPatch(String displayName, Boolean admin, Boolean disabled, String password) {}

  record MemberJson(String username, String displayName, String role, OffsetDateTime since, String addedBy) {
    static MemberJson of(AccountRepository.Member m) {
      return new MemberJson(m.account().username(), m.account().displayName(), m.role().id(), m.since(), m.addedBy());
    }
  }

  record RoleBody(String role) {}

  record NewToken(String name, String scope, String settlement, String user) {}

  /** A token as listed; {@code token} is only in the answer that created it. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record TokenJson(
      long id,
      String owner,
      String name,
      String shown,
      String scope,
      String settlement,
      OffsetDateTime createdAt,
      OffsetDateTime lastUsedAt,
      OffsetDateTime revokedAt,
      String token) {
    static TokenJson of(TokenRepository.Listed t, String secret) {
      return new TokenJson(
          t.id(), t.owner(), t.name(), t.shown(), t.scope().id(), t.settlementId(), t.createdAt(), t.lastUsedAt(), t.revokedAt(), secret);
    }
  }

  record NewShareLink(String label) {}

  /** A share link as listed; {@code token} and {@code url} only in the answer that created it. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record ShareLinkJson(
      long id,
      String settlement,
      String plan,
      String shown,
      String label,
      OffsetDateTime createdAt,
      String createdBy,
      OffsetDateTime revokedAt,
      String token,
      String url,
      String apiUrl) {
    static ShareLinkJson of(ShareLinkRepository.Listed l) {
      return new ShareLinkJson(
          l.id(), l.settlementId(), l.planId(), l.shown(), l.label(), l.createdAt(), l.createdBy(), l.revokedAt(), null, null, null);
    }

    ShareLinkJson withToken(String secret, String url, String apiUrl) {
      return new ShareLinkJson(id, settlement, plan, shown, label, createdAt, createdBy, revokedAt, secret, url, apiUrl);
    }
  }
}
