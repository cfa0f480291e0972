package org.coplan.auth;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.SecurityContext;
import java.security.Principal;

/**
 * Establishes the {@link Caller} of every request, before access is decided:
 *
 * <ul>
 *   <li>{@code Authorization: Bearer cpl_...}: an API token. Any other Authorization header, or a
 *       token that is unknown, revoked or whose account is disabled, is a 401 at once, even on
 *       public endpoints, so that a script learns its credential is bad rather than silently getting
 *       anonymous answers.
 *   <li>otherwise the {@code coplan_session} cookie. An ended session makes the request anonymous
 *       (public pages keep working) and the response tells the browser to drop the cookie.
 *   <li>and, with either or none, a share token in {@code X-Share-Token} or {@code ?share=}. An
 *       unknown or revoked one is ignored, so the app's own page still loads, but a 401 then says why.
 * </ul>
 */
@Priority(Priorities.AUTHENTICATION)
public final class Authenticator implements ContainerRequestFilter, ContainerResponseFilter {
  static final String SHARE_HEADER = "X-Share-Token";
  static final String SHARE_PARAMETER = "share";

  private final AuthService auth;

  Authenticator(AuthService auth) {
    this.auth = auth;
  }

  @Override
  public void filter(ContainerRequestContext request) {
    Caller caller = Caller.ANONYMOUS;
    String authorization = request.getHeaderString(HttpHeaders.AUTHORIZATION);
    if (authorization != null) {
      if (!authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
        throw AuthProblems.invalidToken("only Bearer API tokens are accepted in the Authorization header");
      }
      caller =
          auth.fromToken(authorization.substring(7).trim())
              .orElseThrow(() -> AuthProblems.invalidToken("the API token is unknown or revoked, or its account is disabled"));
    } else {
      Cookie cookie = request.getCookies().get(SessionCookie.NAME);
      if (cookie != null && !cookie.getValue().isEmpty()) {
        caller = auth.fromSession(cookie.getValue()).orElse(Caller.ANONYMOUS.withIgnored(Caller.Ignored.EXPIRED_SESSION));
      }
    }
    String share = request.getHeaderString(SHARE_HEADER);
    if (share == null) {
      share = request.getUriInfo().getQueryParameters().getFirst(SHARE_PARAMETER);
    }
    if (share != null) {
      Caller withoutShare = caller;
      caller = auth.fromShareToken(share).map(caller::withShare).orElseGet(() -> withoutShare.withIgnored(Caller.Ignored.INVALID_SHARE_LINK));
    }
    request.setSecurityContext(new CallerContext(caller, isSecure(request)));
  }

  @Override
  public void filter(ContainerRequestContext request, ContainerResponseContext response) {
    Caller caller = Caller.of(request.getSecurityContext());
    if (caller.ignored() == Caller.Ignored.EXPIRED_SESSION && !response.getHeaders().containsKey("Set-Cookie")) {
      response.getHeaders().add("Set-Cookie", SessionCookie.clear(isSecure(request)));
    }
  }

  /** HTTPS directly, or behind a proxy that said so (Jetty's ForwardedRequestCustomizer applies it). */
  static boolean isSecure(ContainerRequestContext request) {
    return "https".equalsIgnoreCase(request.getUriInfo().getRequestUri().getScheme());
  }

  private record CallerContext(Caller caller, boolean secure) implements SecurityContext {
    @Override
    public Principal getUserPrincipal() {
      // JAX-RS says null for anonymous; Caller.of() maps that back to Caller.ANONYMOUS
      return caller.equals(Caller.ANONYMOUS) ? null : caller;
    }

    @Override
    public boolean isUserInRole(String role) {
      return false;
    }

    @Override
    public boolean isSecure() {
      return secure;
    }

    @Override
    public String getAuthenticationScheme() {
      return switch (caller.credential()) {
        case SESSION -> "COOKIE";
        case TOKEN -> "BEARER";
        case NONE -> null;
      };
    }
  }
}
