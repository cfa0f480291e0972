package org.coplan.review;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import org.coplan.auth.Caller;
import org.coplan.auth.Requires;
import org.coplan.auth.Role;
import org.coplan.http.Change;
import org.coplan.http.JsonBody;

/**
 * {@code /api/settlements/{sid}/plans/{pid}/...}: a plan's proposals, comments, reactions,
 * meetings and review status. Everyone who may read the plan (share links too) reads all of it;
 * community reviewers and up comment and react (also on behalf of residents); planners group
 * proposals, record meetings and move the plan's status.
 */
@Path("/api/settlements/{sid}/plans/{pid}")
@Produces(MediaType.APPLICATION_JSON)
public final class ReviewResource {
  private final ProposalService proposals;
  private final ReviewService review;

  ReviewResource(ProposalService proposals, ReviewService review) {
    this.proposals = proposals;
    this.review = review;
  }

  @GET
  @Path("proposals")
  public Map<String, ArrayNode> proposals(@PathParam("sid") String sid, @PathParam("pid") String pid) {
    return Map.of("proposals", proposals.proposals(sid, pid));
  }

  @POST
  @Path("proposals")
  public Response group(@PathParam("sid") String sid, @PathParam("pid") String pid, @Context HttpHeaders headers,
      @Context SecurityContext security, InputStream body) {
    String id = proposals.group(sid, pid, json(body, headers), Caller.of(security).actor());
    return Response.status(201).entity(Map.of("id", id)).build();
  }

  @GET
  @Path("comments")
  public Map<String, List<ReviewRepository.Comment>> comments(@PathParam("sid") String sid, @PathParam("pid") String pid) {
    return Map.of("comments", review.comments(sid, pid));
  }

  @POST
  @Path("comments")
  @Requires(Role.COMMUNITY_REVIEWER)
  public Response comment(@PathParam("sid") String sid, @PathParam("pid") String pid, @Context HttpHeaders headers,
      @Context SecurityContext security, InputStream body) {
    Caller caller = Caller.of(security);
    String role = caller.roleIn(sid).map(Role::id).orElse(caller.admin() ? "admin" : "member");
    return Response.status(201).entity(review.comment(sid, pid, json(body, headers), caller.actor(), role)).build();
  }

  @GET
  @Path("reactions")
  public ObjectNode reactions(@PathParam("sid") String sid, @PathParam("pid") String pid) {
    return review.reactions(sid, pid);
  }

  @POST
  @Path("reactions")
  @Requires(Role.COMMUNITY_REVIEWER)
  public Response react(@PathParam("sid") String sid, @PathParam("pid") String pid, @Context HttpHeaders headers,
      @Context SecurityContext security, InputStream body) {
    return Response.status(201).entity(review.react(sid, pid, json(body, headers), Caller.of(security).actor())).build();
  }

  @GET
  @Path("meetings")
  public Map<String, List<ReviewRepository.Meeting>> meetings(@PathParam("sid") String sid, @PathParam("pid") String pid) {
    return Map.of("meetings", review.meetings(sid, pid));
  }

  @POST
  @Path("meetings")
  public Response meeting(@PathParam("sid") String sid, @PathParam("pid") String pid, @Context HttpHeaders headers,
      @Context SecurityContext security, InputStream body) {
    return Response.status(201).entity(review.meeting(sid, pid, json(body, headers), Caller.of(security).actor())).build();
  }

  @POST
  @Path("review-status")
  public Map<String, String> status(@PathParam("sid") String sid, @PathParam("pid") String pid, @Context HttpHeaders headers,
      @Context SecurityContext security, InputStream body) {
    JsonNode doc = json(body, headers);
    String status = review.setStatus(sid, pid, doc, Caller.of(security).actor(), Change.of(security, headers, doc).reason());
    return Map.of("status", status);
  }

  private static JsonNode json(InputStream body, HttpHeaders headers) {
    return JsonBody.read(body, headers.getMediaType(), List.of(MediaType.APPLICATION_JSON_TYPE));
  }
}
