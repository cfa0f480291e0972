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
import org.coplan.auth.AdminOnly;
import org.coplan.http.Author;
import org.coplan.http.Change;
import org.coplan.http.JsonBody;
import org.glassfish.jersey.media.multipart.FormDataMultiPart;

/**
 * Imports that create their settlement ({@code ./coplan import --create-settlement NAME}): the
 * same staging as {@link PlanImportResource}, without a settlement until the commit creates it
 * (boundary from the data, or the one given; metric CRS its UTM zone) together with the features,
 * in one transaction. Admins only, as creating a settlement is.
 */
@Path("/api/imports")
@Produces(MediaType.APPLICATION_JSON)
@AdminOnly
public final class NewSettlementImportResource {
  private final ImportService imports;

  public NewSettlementImportResource(ImportService imports) {
    this.imports = imports;
  }

  @POST
  @Consumes(MediaType.MULTIPART_FORM_DATA)
  public Response upload(@Context SecurityContext security, @Context UriInfo uri, FormDataMultiPart form) {
    ObjectNode preview = imports.stage(null, null, ImportForm.read(form), Author.of(security));
    return Response.created(URI.create(uri.getAbsolutePath() + "/" + preview.get("id").asText())).entity(preview).build();
  }

  @GET
  @Path("{importId}")
  public ObjectNode get(@PathParam("importId") String id) {
    return imports.preview(ImportService.parseId(id), null, null);
  }

  @PATCH
  @Path("{importId}")
  @Consumes({MediaType.APPLICATION_JSON, "application/merge-patch+json"})
  public ObjectNode update(@PathParam("importId") String id, @Context HttpHeaders headers, InputStream body) {
    JsonNode doc = JsonBody.read(body, headers.getMediaType(), List.of(MediaType.APPLICATION_JSON_TYPE, JsonBody.MERGE_PATCH));
    return imports.update(ImportService.parseId(id), null, null, doc);
  }

  @GET
  @Path("{importId}/report.csv")
  @Produces("text/csv")
  public Response report(@PathParam("importId") String id) {
    return ImportAnswers.report(imports.report(ImportService.parseId(id), null, null), id);
  }

  @POST
  @Path("{importId}/commit")
  @Consumes(MediaType.APPLICATION_JSON)
  public ObjectNode commit(
      @PathParam("importId") String id, @Context HttpHeaders headers, @Context SecurityContext security, InputStream body) {
    JsonNode doc = ImportAnswers.optionalJson(body, headers);
    return imports.commit(ImportService.parseId(id), null, null, ImportForm.commit(doc), Change.of(security, headers, doc));
  }

  @DELETE
  @Path("{importId}")
  public Response discard(@PathParam("importId") String id) {
    imports.discard(ImportService.parseId(id), null, null);
    return Response.noContent().build();
  }
}
