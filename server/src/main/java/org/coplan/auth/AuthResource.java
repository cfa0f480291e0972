package org.coplan.auth;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;

/**
 * {@code /api/auth}: sign in with a username and password (a session cookie plus the CSRF token
 * the app must echo in {@code X-CSRF-Token} on every change), sign out, and who am I.
 */
@Path("/api/auth")
@Produces(MediaType.APPLICATION_JSON)
public final class AuthResource {
  private final AuthService auth;
  private final TokenRepository tokens;

  AuthResource(AuthService auth, TokenRepository tokens) {
    this.auth = auth;
    this.tokens = tokens;
  }

  @POST
  @Path("login")
  @PublicEndpoint
  @Consumes(MediaType.APPLICATION_JSON)
  public Response login(
      AuthJson.LoginRequest body,
      @CookieParam(SessionCookie.NAME) String previousSession,
      @Context HttpServletRequest http,
      @Context ContainerRequestContext request) {
    if (body == null || body.username() == null || body.password() == null) {
      throw AccountService.invalid(body == null || body.username() == null ? "/username" : "/password", "username and password are required");
    }
    AuthService.SignIn signIn = auth.login(body.username(), body.password(), http.getRemoteAddr());
    // a new id on every sign-in: a session id planted before sign-in is worth nothing after it
    auth.logout(previousSession);
    return Response.ok(AuthJson.Me.of(signIn.caller(), null))
        .header("Set-Cookie", SessionCookie.set(signIn.sessionId(), Authenticator.isSecure(request)))
        .header("Cache-Control", "no-store")
        .build();
  }

  @POST
  @Path("logout")
  @SignedIn
  public Response logout(
      @CookieParam(SessionCookie.NAME) String session, @Context SecurityContext security, @Context ContainerRequestContext request) {
    if (Caller.of(security).credential() == Caller.Credential.SESSION) {
      auth.logout(session);
    }
    return Response.noContent().header("Set-Cookie", SessionCookie.clear(Authenticator.isSecure(request))).build();
  }

  @GET
  @Path("me")
  @SignedIn
  public Response me(@Context SecurityContext security) {
    Caller caller = Caller.of(security);
    AuthJson.TokenJson token =
        caller.token() == null ? null : tokens.find(caller.token().id()).map(t -> AuthJson.TokenJson.of(t, null)).orElse(null);
    return Response.ok(AuthJson.Me.of(caller, token)).header("Cache-Control", "no-store").build();
  }
}
