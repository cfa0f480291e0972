package org.coplan.auth;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.coplan.http.ApiProblem;

/**
 * The problems access control answers with. 401 means "no valid account credentials came with the
 * request; signing in may help" and always carries a {@code WWW-Authenticate} challenge (RFC 9110
 * 15.5.2); 403 means "we know who you are, and you may not do this".
 */
final class AuthProblems {
  /** The challenge: API tokens are bearer tokens (RFC 6750); browsers sign in at /api/auth/login. */
  static final String CHALLENGE = "Bearer realm=\"coplan\"";

  private AuthProblems() {}

  static ApiProblem unauthenticated(String detail) {
    return new ApiProblem(401, "unauthenticated", "Authentication required", detail, List.of())
        .withHeader("WWW-Authenticate", CHALLENGE);
  }

  static ApiProblem invalidToken(String detail) {
    return new ApiProblem(401, "invalid-token", "Invalid token", detail, List.of())
        .withHeader("WWW-Authenticate", CHALLENGE + ", error=\"invalid_token\"");
  }

  static ApiProblem invalidCredentials() {
    return new ApiProblem(
            401, "invalid-credentials", "Invalid credentials", "unknown username or wrong password", List.of())
        .withHeader("WWW-Authenticate", CHALLENGE);
  }

  static ApiProblem forbidden(String detail) {
    return new ApiProblem(403, "forbidden", "Forbidden", detail, List.of());
  }

  /**
   * A 403 for want of a role, with the facts as members so that clients need not read the English
   * detail: {@code settlement}, {@code requiredRole} and {@code currentRole} (null for none).
   */
  static ApiProblem forbiddenRole(String detail, String settlement, Role required, Role current) {
    Map<String, Object> facts = new LinkedHashMap<>();
    facts.put("settlement", settlement);
    facts.put("requiredRole", required.id());
    facts.put("currentRole", current == null ? null : current.id());
    return new ApiProblem(403, "forbidden", "Forbidden", detail, List.of(), facts);
  }

  static ApiProblem csrf(String detail) {
    return new ApiProblem(403, "csrf-token-invalid", "CSRF token missing or wrong", detail, List.of());
  }

  static ApiProblem tooManyAttempts(long retryAfterSeconds) {
    return new ApiProblem(
            429,
            "too-many-login-attempts",
            "Too many login attempts",
            "too many failed sign-ins for this username or from this address; try again in "
                + retryAfterSeconds
                + " s",
            List.of())
        .withHeader("Retry-After", Long.toString(retryAfterSeconds));
  }

  static ApiProblem conflict(String slug, String detail) {
    return new ApiProblem(409, slug, "Conflict", detail, List.of());
  }
}
