package org.coplan.review;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.coplan.auth.Caller;
import org.coplan.http.ApiProblem;
import org.coplan.http.JsonBody;

/**
 * {@code /api/settlements/{sid}/representation}: segments, clusters and cells, and which cell each
 * structure belongs to. Everyone who may read the settlement reads it; planners change it (the
 * default rule under a settlement).
 */
@Path("/api/settlements/{sid}/representation")
@Produces(MediaType.APPLICATION_JSON)
public final class RepresentationResource {
  private final RepresentationService service;
  private final CellMembershipService members;

  RepresentationResource(RepresentationService service, CellMembershipService members) {
    this.service = service;
    this.members = members;
  }

  @GET
  public Map<String, List<RepresentationRepository.Unit>> units(@PathParam("sid") String sid) {
    return service.units(sid);
  }

  @PUT
  @Path("units/{unitId}")
  public Response put(
      @PathParam("sid") String sid, @PathParam("unitId") String unitId, @Context HttpHeaders headers,
      @Context SecurityContext security, InputStream body) {
    boolean created = service.put(sid, unitId, JsonBody.read(body, headers.getMediaType(), List.of(MediaType.APPLICATION_JSON_TYPE)),
        Caller.of(security).actor());
    RepresentationRepository.Unit unit = service.units(sid).values().stream().flatMap(List::stream)
        .filter(u -> u.id().equals(unitId)).findFirst().orElseThrow();
    return Response.status(created ? 201 : 200).entity(unit).build();
  }

  @DELETE
  @Path("units/{unitId}")
  public Response delete(@PathParam("sid") String sid, @PathParam("unitId") String unitId) {
    service.delete(sid, unitId);
    return Response.noContent().build();
  }

  @PUT
  @Path("structures/{structureId}")
  public Response assign(
      @PathParam("sid") String sid, @PathParam("structureId") String structureId, @Context HttpHeaders headers,
      @Context SecurityContext security, InputStream body) {
    service.assign(sid, structureId, JsonBody.read(body, headers.getMediaType(), List.of(MediaType.APPLICATION_JSON_TYPE)),
        Caller.of(security).actor());
    return Response.noContent().build();
  }

  /** Many structures into one cell (or, with {@code "cell": null}, out of their cells), all or none. */
  @PUT
  @Path("structures")
  public CellMembershipService.Assignment assignMany(
      @PathParam("sid") String sid, @Context HttpHeaders headers, @Context SecurityContext security, InputStream body) {
    return members.assign(sid, JsonBody.read(body, headers.getMediaType(), List.of(MediaType.APPLICATION_JSON_TYPE)),
        Caller.of(security).actor());
  }

  @GET
  @Path("units/{unitId}/structures")
  public CellMembershipService.Members structures(@PathParam("sid") String sid, @PathParam("unitId") String unitId) {
    return members.members(sid, unitId);
  }

  /** CSV of cell, cluster, segment, structure: rows that can be applied are; the report names the rest. */
  @POST
  @Path("import")
  @Consumes({"text/csv", MediaType.TEXT_PLAIN})
  public RepresentationService.ImportReport importCsv(
      @PathParam("sid") String sid, @Context SecurityContext security, InputStream body) {
    String text;
    try {
      text = new String(body.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw ApiProblem.malformedJson("the CSV could not be read");
    }
    return service.importCsv(sid, text, Caller.of(security).actor());
  }
}
