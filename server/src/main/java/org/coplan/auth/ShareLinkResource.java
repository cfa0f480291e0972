package org.coplan.auth;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriBuilder;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.Map;

/**
 * {@code /api/settlements/{sid}/plans/{pid}/share-links}: read-only links to one plan, for meeting
 * screens and notice boards. Planners only: a share link must not be able to list or make share
 * links, although it may read the rest of its plan.
 */
@Path("/api/settlements/{sid}/plans/{pid}/share-links")
@Produces(MediaType.APPLICATION_JSON)
@Requires(Role.PLANNER)
public final class ShareLinkResource {
  private final ShareLinkService links;

  ShareLinkResource(ShareLinkService links) {
    this.links = links;
  }

  @GET
  public Map<String, List<AuthJson.ShareLinkJson>> list(@PathParam("sid") String sid, @PathParam("pid") String pid) {
    return Map.of("shareLinks", links.list(sid, pid).stream().map(AuthJson.ShareLinkJson::of).toList());
  }

  /**
   * The answer carries the token (once), the app link ({@code /?share=...&settlement=...&plan=...})
   * and the plan's API link with the token as a query parameter.
   */
  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  public Response create(
      @PathParam("sid") String sid,
      @PathParam("pid") String pid,
      AuthJson.NewShareLink body,
      @Context SecurityContext security,
      @Context UriInfo uri) {
    ShareLinkService.Created created = links.create(sid, pid, body == null ? null : body.label(), Caller.of(security));
    String secret = created.secret();
    String app =
        UriBuilder.fromUri(uri.getBaseUri())
            .queryParam(Authenticator.SHARE_PARAMETER, secret)
            .queryParam("settlement", sid)
            .queryParam("plan", pid)
            .build()
            .toString();
    String api =
        UriBuilder.fromUri(uri.getBaseUri())
            .path("api/settlements/{sid}/plans/{pid}")
            .queryParam(Authenticator.SHARE_PARAMETER, secret)
            .build(sid, pid)
            .toString();
    return Response.created(uri.getAbsolutePathBuilder().path(Long.toString(created.link().id())).build())
        .entity(AuthJson.ShareLinkJson.of(created.link()).withToken(secret, app, api))
        .header("Cache-Control", "no-store")
        .build();
  }

  @DELETE
  @Path("{id}")
  public Response revoke(
      @PathParam("sid") String sid, @PathParam("pid") String pid, @PathParam("id") String id, @Context SecurityContext security) {
    links.revoke(sid, pid, TokenResource.parseId(id), Caller.of(security));
    return Response.noContent().build();
  }
}
