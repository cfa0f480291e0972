package org.coplan.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
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
import org.coplan.auth.Requires;
import org.coplan.auth.Role;
import org.coplan.http.Author;
import org.coplan.http.Change;
import org.coplan.http.JsonBody;
import org.glassfish.jersey.media.multipart.FormDataMultiPart;

/**
 * Staged imports into a plan's layer: upload (multipart) → preview → change CRS, mapping,
 * defaults → commit or discard; the problem report as CSV. Engineers and planners (the roles that
 * may write features) import.
 */
@Path("/api/settlements/{sid}/plans/{pid}/imports")
@Produces(MediaType.APPLICATION_JSON)
public final class PlanImportResource {
  private final ImportService imports;

  public PlanImportResource(ImportService imports) {
    this.imports = imports;
  }

  @POST
  @Requires(Role.ENGINEER)
  @Consumes(MediaType.MULTIPART_FORM_DATA)
  public Response upload(
      @PathParam("sid") String sid, @PathParam("pid") String pid, @Context SecurityContext security,
      @Context UriInfo uri, FormDataMultiPart form) {
    ObjectNode preview = imports.stage(sid, pid, ImportForm.read(form), Author.of(security));
    return Response.created(URI.create(uri.getAbsolutePath() + "/" + preview.get("id").asText())).entity(preview).build();
  }

  @GET
  @Requires(Role.ENGINEER)
  @Path("{importId}")
  public ObjectNode get(@PathParam("sid") String sid, @PathParam("pid") String pid, @PathParam("importId") String id) {
    return imports.preview(ImportService.parseId(id), sid, pid);
  }

  @PATCH
  @Requires(Role.ENGINEER)
  @Path("{importId}")
  @Consumes({MediaType.APPLICATION_JSON, "application/merge-patch+json"})
  public ObjectNode update(
      @PathParam("sid") String sid, @PathParam("pid") String pid, @PathParam("importId") String id,
      @Context HttpHeaders headers, InputStream body) {
    JsonNode doc = JsonBody.read(body, headers.getMediaType(), List.of(MediaType.APPLICATION_JSON_TYPE, JsonBody.MERGE_PATCH));
    return imports.update(ImportService.parseId(id), sid, pid, doc);
  }

  @GET
  @Requires(Role.ENGINEER)
  @Path("{importId}/report.csv")
  @Produces("text/csv")
  public Response report(@PathParam("sid") String sid, @PathParam("pid") String pid, @PathParam("importId") String id) {
    return ImportAnswers.report(imports.report(ImportService.parseId(id), sid, pid), id);
  }

  @POST
  @Requires(Role.ENGINEER)
  @Path("{importId}/commit")
  @Consumes(MediaType.APPLICATION_JSON)
  public ObjectNode commit(
      @PathParam("sid") String sid, @PathParam("pid") String pid, @PathParam("importId") String id,
      @Context HttpHeaders headers, @Context SecurityContext security, InputStream body) {
    JsonNode doc = ImportAnswers.optionalJson(body, headers);
    return imports.commit(ImportService.parseId(id), sid, pid, ImportForm.commit(doc), Change.of(security, headers, doc));
  }

  @DELETE
  @Requires(Role.ENGINEER)
  @Path("{importId}")
  public Response discard(@PathParam("sid") String sid, @PathParam("pid") String pid, @PathParam("importId") String id) {
    imports.discard(ImportService.parseId(id), sid, pid);
    return Response.noContent().build();
  }
}
