package org.coplan.auth;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.Map;

/** {@code /api/users}: accounts, for admins: create, disable, make admin, reset a password. */
@Path("/api/users")
@Produces(MediaType.APPLICATION_JSON)
@AdminOnly
public final class UserResource {
  static final String MERGE_PATCH = "application/merge-patch+json";

  private final AccountService accounts;

  UserResource(AccountService accounts) {
    this.accounts = accounts;
  }

  @GET
  public Map<String, List<AuthJson.UserJson>> list() {
    return Map.of("users", accounts.list().stream().map(AuthJson.UserJson::of).toList());
  }

  /** Without a password the server chooses one and answers it, once. */
  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  public Response create(AuthJson.NewUser body, @Context SecurityContext security, @Context UriInfo uri) {
    if (body == null) {
      throw AccountService.invalid("", "a JSON body with at least a username is required");
    }
    String password = body.password() == null ? Secrets.randomPassword(20) : body.password();
    Account created =
        accounts.create(body.username(), body.displayName(), password, Boolean.TRUE.equals(body.admin()), Caller.of(security).actor());
    return Response.created(uri.getAbsolutePathBuilder().path("{username}").build(created.username()))
        .entity(new AuthJson.CreatedUser(AuthJson.UserJson.of(created), body.password() == null ? password : null))
        .header("Cache-Control", "no-store")
        .build();
  }

  @PATCH
  @Path("{username}")
  @Consumes({MediaType.APPLICATION_JSON, MERGE_PATCH})
  public AuthJson.UserJson update(
      @PathParam("username") String username, AuthJson.UserPatch body, @Context SecurityContext security) {
    if (body == null) {
      throw AccountService.invalid("", "a JSON body is required");
    }
    AccountService.Patch patch = new AccountService.Patch(body.displayName(), body.admin(), body.disabled(), body.password());
    return AuthJson.UserJson.of(accounts.update(username, patch, Caller.of(security).actor()));
  }
}
