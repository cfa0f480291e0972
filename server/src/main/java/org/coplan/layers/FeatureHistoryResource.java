package org.coplan.layers;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import org.coplan.auth.Requires;
import org.coplan.auth.Role;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.coplan.http.ApiProblem;
import org.coplan.http.Link;
import org.coplan.layers.FeatureEditService.Written;
import org.coplan.layers.FeatureVersionRepository.Version;
import org.locationtech.jts.geom.Geometry;

/**
 * A feature's history: {@code GET .../items/{id}/versions} (deleted features included, so they can
 * be brought back), {@code POST .../items/{id}/restore} with {@code {"version": n}} and {@code POST
 * .../items/{id}/undelete}. Both write a new version; neither rewrites history. Both need the
 * current version's ETag in {@code If-Match}, like every other change.
 */
@Path("/api/settlements/{sid}/plans/{pid}/collections/{layer}/items")
@Produces({Link.GEOJSON, MediaType.APPLICATION_JSON})
public final class FeatureHistoryResource {
  /**
   * One recorded version as served: who, when, what operation, why, and the feature as it was.
   * The newest carries the ETag that restore and undelete must quote.
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record VersionJson(
      int version,
      String plan,
      String operation,
      boolean deleted,
      String author,
      OffsetDateTime at,
      String reason,
      String etag,
      FeatureJson feature) {}

  record FeatureJson(String type, String id, Geometry geometry, Map<String, Object> properties) {}

  record Versions(String id, String collection, String plan, List<VersionJson> versions, List<Link> links) {}

  private final FeatureService features;
  private final FeatureEditService edits;

  public FeatureHistoryResource(FeatureService features, FeatureEditService edits) {
    this.features = features;
    this.edits = edits;
  }

  @GET
  @Path("{id}/versions")
  @Produces(MediaType.APPLICATION_JSON)
  public Response versions(@BeanParam EditRequest request, @PathParam("id") String id) {
    PlanLayer target = request.collection(features);
    Crs crs = request.responseCrs(features);
    List<Version> all = edits.versions(target, id, crs);
    int current = all.get(0).version();
    List<VersionJson> out =
        all.stream()
            .map(
                v ->
                    new VersionJson(
                        v.version(),
                        v.planId(),
                        v.operation(),
                        v.deleted(),
                        v.author(),
                        v.at(),
                        v.reason(),
                        v == all.get(0) ? FeatureTag.text(UUID.fromString(id), current) : null,
                        new FeatureJson("Feature", id, v.geometry(), v.values())))
            .toList();
    String item = FeatureDocument.itemUrl(request.uri.getBaseUri(), target, UUID.fromString(id));
    return Response.ok(
            new Versions(
                id,
                target.layer().id(),
                target.planId(),
                out,
                List.of(
                    new Link(item + "/versions", "self", Link.JSON, "This history"),
                    new Link(item, "item", Link.GEOJSON, "The feature"))))
        .header(ItemsResource.CONTENT_CRS, crs.header())
        .build();
  }

  /** The body names the version: {@code {"version": 2, "reason"?: "..."}}. */
  @POST
  @Requires(Role.ENGINEER)
  @Path("{id}/restore")
  public Response restore(@BeanParam EditRequest request, @PathParam("id") String id, InputStream body) {
    PlanLayer target = request.collection(features);
    String ifMatch = request.ifMatch(target, id);
    Crs crs = request.responseCrs(features);
    JsonNode doc = request.body(body, EditRequest.JSON_TYPES);
    JsonNode version = doc.get("version");
    if (version == null || !version.isIntegralNumber() || !version.canConvertToInt() || version.asInt() < 1) {
      throw ApiProblem.invalidContent(
          "say which version to restore",
          List.of(ApiProblem.Fault.pointer("/version", "must be a version number (1 or more); got " + version)));
    }
    Written w = edits.restore(target, id, ifMatch, version.asInt(), request.change(doc), crs);
    return FeatureEditResource.changed(w, target, crs, request);
  }

  /** The body is optional: a {@code reason}, if not given in the header. */
  @POST
  @Requires(Role.ENGINEER)
  @Path("{id}/undelete")
  public Response undelete(@BeanParam EditRequest request, @PathParam("id") String id, InputStream body) {
    PlanLayer target = request.collection(features);
    String ifMatch = request.ifMatch(target, id);
    Crs crs = request.responseCrs(features);
    JsonNode doc = request.headers.getMediaType() == null ? null : request.body(body, EditRequest.JSON_TYPES);
    Written w = edits.undelete(target, id, ifMatch, request.change(doc), crs);
    return FeatureEditResource.changed(w, target, crs, request);
  }
}
