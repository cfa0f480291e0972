package org.coplan.auth;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.Map;
import org.coplan.http.ApiProblem;

/**
 * {@code /api/auth/tokens}: the caller's API tokens (an admin's: anyone's, with {@code ?user=}).
 * The token text is in the creation answer only.
 */
@Path("/api/auth/tokens")
@Produces(MediaType.APPLICATION_JSON)
@SignedIn
public final class TokenResource {
  private final TokenService tokens;

  TokenResource(TokenService tokens) {
    this.tokens = tokens;
  }

  @GET
  public Map<String, List<AuthJson.TokenJson>> list(@QueryParam("user") String user, @Context SecurityContext security) {
    return Map.of(
        "tokens", tokens.list(Caller.of(security), user).stream().map(t -> AuthJson.TokenJson.of(t, null)).toList());
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  public Response create(AuthJson.NewToken body, @Context SecurityContext security, @Context UriInfo uri) {
    if (body == null) {
      throw AccountService.invalid("", "a JSON body with at least a name is required");
    }
    TokenScope scope =
        body.scope() == null
            ? TokenScope.READ
            : TokenScope.parse(body.scope()).orElseThrow(() -> AccountService.invalid("/scope", "scope must be read or read_write"));
    TokenService.Created created = tokens.create(Caller.of(security), body.user(), body.name(), scope, body.settlement());
    return Response.created(uri.getAbsolutePathBuilder().path(Long.toString(created.token().id())).build())
        .entity(AuthJson.TokenJson.of(created.token(), created.secret()))
        .header("Cache-Control", "no-store")
        .build();
  }

  @DELETE
  @Path("{id}")
  public Response revoke(@PathParam("id") String id, @Context SecurityContext security) {
    tokens.revoke(Caller.of(security), parseId(id));
    return Response.noContent().build();
  }

  static long parseId(String id) {
    try {
      return Long.parseLong(id);
    } catch (NumberFormatException e) {
      throw ApiProblem.badParameter("id", "must be a whole number");
    }
  }
}
