package org.coplan.plans;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import java.io.InputStream;
import java.util.List;
import org.coplan.http.Change;
import org.coplan.http.JsonBody;

/**
 * {@code PATCH} and {@code DELETE} (archive) of one plan. Its {@code GET} is the plan's OGC API
 * landing page ({@code layers.FeaturesResource}), on the same path, which Jersey merges.
 */
@Path("/api/settlements/{sid}/plans/{pid}")
@Produces(MediaType.APPLICATION_JSON)
public final class PlanResource {
  private final PlanService service;

  public PlanResource(PlanService service) {
    this.service = service;
  }

  @PATCH
  public PlanJson patch(
      @PathParam("sid") String sid,
      @PathParam("pid") String pid,
      @Context HttpHeaders headers,
      @Context SecurityContext security,
      @Context UriInfo uri,
      InputStream body) {
    service.require(sid, pid);
    JsonNode doc = JsonBody.read(body, headers.getMediaType(), List.of(JsonBody.MERGE_PATCH));
    service.patch(sid, pid, doc, Change.of(security, headers, doc));
    return PlanJson.of(service.require(sid, pid), uri.getBaseUri());
  }

  @DELETE
  public Response archive(
      @PathParam("sid") String sid, @PathParam("pid") String pid, @Context HttpHeaders headers, @Context SecurityContext security) {
    service.archive(sid, pid, Change.of(security, headers, null));
    return Response.noContent().build();
  }
}
