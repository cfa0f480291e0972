package org.coplan.settlements;

import com.fasterxml.jackson.databind.JsonNode;
import org.coplan.auth.AdminOnly;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.PATCH;
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
import org.coplan.http.Change;
import org.coplan.http.JsonBody;

/**
 * {@code POST /api/settlements} (name, boundary as a GeoJSON polygon in CRS84, optional id and
 * metric SRID), {@code PATCH /api/settlements/{sid}} (JSON Merge Patch of name, notes, category
 * with its reason, attribution) and {@code DELETE /api/settlements/{sid}}, which archives. Shares
 * its path with {@link SettlementResource}.
 */
@Path("/api/settlements")
@Produces(MediaType.APPLICATION_JSON)
public final class SettlementEditResource {
  private final SettlementService settlements;
  private final SettlementEditService edits;

  public SettlementEditResource(SettlementService settlements, SettlementEditService edits) {
    this.settlements = settlements;
    this.edits = edits;
  }

  /** Admins only: a new settlement has no members yet, so nobody else could reach it. */
  @POST
  @AdminOnly
  public Response create(
      @Context HttpHeaders headers, @Context SecurityContext security, @Context UriInfo uri, InputStream body) {
    JsonNode doc = JsonBody.read(body, headers.getMediaType(), List.of(MediaType.APPLICATION_JSON_TYPE));
    String id = edits.create(doc, Change.of(security, headers, doc));
    return Response.created(URI.create(uri.getBaseUri() + "api/settlements/" + id)).entity(detail(id, uri)).build();
  }

  @PATCH
  @Path("{sid}")
  public SettlementJson.Detail patch(
      @PathParam("sid") String sid,
      @Context HttpHeaders headers,
      @Context SecurityContext security,
      @Context UriInfo uri,
      InputStream body) {
    settlements.require(sid);
    JsonNode doc = JsonBody.read(body, headers.getMediaType(), List.of(JsonBody.MERGE_PATCH));
    edits.patch(sid, doc, Change.of(security, headers, doc));
    return detail(sid, uri);
  }

  @DELETE
  @Path("{sid}")
  public Response archive(@PathParam("sid") String sid, @Context HttpHeaders headers, @Context SecurityContext security) {
    edits.archive(sid, Change.of(security, headers, null));
    return Response.noContent().build();
  }

  private SettlementJson.Detail detail(String id, UriInfo uri) {
    return SettlementJson.detail(settlements.require(id), settlements.plans(id), uri.getBaseUri(), null);
  }
}
