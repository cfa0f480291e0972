package org.coplan.http;

import jakarta.ws.rs.core.SecurityContext;
import java.security.Principal;

/**
 * Who makes a change: the name of the security context's principal, which {@code
 * org.coplan.auth.Authenticator} sets to the caller's {@code Caller} (its name is the username,
 * for sessions and API tokens alike). The access filter lets no change through without an
 * account, so {@value #ANONYMOUS} only remains for code run outside an HTTP request.
 */
public final class Author {
  public static final String ANONYMOUS = "anonymous";

  private Author() {}

  public static String of(SecurityContext security) {
    Principal principal = security == null ? null : security.getUserPrincipal();
    String name = principal == null ? null : principal.getName();
    return name == null || name.isBlank() ? ANONYMOUS : name;
  }
}
