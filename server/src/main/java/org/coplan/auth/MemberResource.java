package org.coplan.auth;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.util.List;
import java.util.Map;

/**
 * {@code /api/settlements/{sid}/members}: who has which role in a settlement. Planners and admins
 * only, reads included: the list names residents' representatives, which is not every viewer's
 * business.
 */
@Path("/api/settlements/{sid}/members")
@Produces(MediaType.APPLICATION_JSON)
@Requires(Role.PLANNER)
public final class MemberResource {
  private final AccountService accounts;

  MemberResource(AccountService accounts) {
    this.accounts = accounts;
  }

  @GET
  public Map<String, List<AuthJson.MemberJson>> list(@PathParam("sid") String sid) {
    return Map.of("members", accounts.members(sid).stream().map(AuthJson.MemberJson::of).toList());
  }

  @GET
  @Path("{username}")
  public AuthJson.MemberJson get(@PathParam("sid") String sid, @PathParam("username") String username) {
    return AuthJson.MemberJson.of(accounts.member(sid, username));
  }

  /** Gives the account a role here: 201 when it becomes a member, 200 when its role changes. */
  @PUT
  @Path("{username}")
  @Consumes(MediaType.APPLICATION_JSON)
  public Response put(
      @PathParam("sid") String sid,
      @PathParam("username") String username,
      AuthJson.RoleBody body,
      @Context SecurityContext security) {
    Role role =
        Role.parse(body == null ? null : body.role())
            .orElseThrow(() -> AccountService.invalid("/role", "role must be planner, engineer, community_reviewer or viewer"));
    AccountService.Put put = accounts.putMember(sid, username, role, Caller.of(security).actor());
    return Response.status(put.created() ? 201 : 200).entity(AuthJson.MemberJson.of(put.member())).build();
  }

  @DELETE
  @Path("{username}")
  public Response remove(@PathParam("sid") String sid, @PathParam("username") String username) {
    accounts.removeMember(sid, username);
    return Response.noContent().build();
  }
}
