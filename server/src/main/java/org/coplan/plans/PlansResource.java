package org.coplan.plans;

import com.fasterxml.jackson.databind.JsonNode;
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
import jakarta.ws.rs.core.UriInfo;
import java.io.InputStream;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.coplan.http.Change;
import org.coplan.http.JsonBody;

/** {@code /api/settlements/{sid}/plans}: the settlement's plans, and a new proposal. */
@Path("/api/settlements/{sid}/plans")
@Produces(MediaType.APPLICATION_JSON)
public final class PlansResource {
  private final PlanService service;

  public PlansResource(PlanService service) {
    this.service = service;
  }

  @GET
  public Map<String, List<PlanJson>> list(@PathParam("sid") String sid, @Context UriInfo uri) {
    return Map.of("plans", service.list(sid).stream().map(p -> PlanJson.of(p, uri.getBaseUri())).toList());
  }

  /** {@code {"name": ..., "description"?: ..., "id"?: ..., "copyOf"?: plan id}} → 201 + Location. */
  @POST
  public Response create(
      @PathParam("sid") String sid,
      @Context HttpHeaders headers,
      @Context SecurityContext security,
      @Context UriInfo uri,
      InputStream body) {
    JsonNode doc = JsonBody.read(body, headers.getMediaType(), List.of(MediaType.APPLICATION_JSON_TYPE));
    String id = service.create(sid, doc, Change.of(security, headers, doc));
    return Response.created(URI.create(PlanJson.url(uri.getBaseUri(), sid, id)))
        .entity(PlanJson.of(service.require(sid, id), uri.getBaseUri()))
        .build();
  }
}
