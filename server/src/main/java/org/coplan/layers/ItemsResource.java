package org.coplan.layers;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import jakarta.ws.rs.core.UriInfo;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import org.coplan.http.Link;

/**
 * The features of a collection: pages of GeoJSON, and single features with an ETag.
 *
 * <p>Both answer {@code application/geo+json}; a client whose Accept admits only {@code
 * application/json} gets the same body labelled {@code application/json} (GeoJSON is JSON). Query
 * parameters other than {@code bbox}, {@code bbox-crs}, {@code crs}, {@code limit}, {@code offset}
 * and {@code f} are ignored, as the standard allows. Geometries are in CRS84 unless {@code crs}
 * asks for another supported CRS (Part 2); {@code Content-Crs} says which.
 */
@Path("/api/settlements/{sid}/plans/{pid}/collections/{layer}/items")
@Produces({Link.GEOJSON, MediaType.APPLICATION_JSON})
public final class ItemsResource {
  static final String CONTENT_CRS = "Content-Crs";

  private final FeatureService service;

  public ItemsResource(FeatureService service) {
    this.service = service;
  }

  /**
   * Everything that can fail with a problem (404, 400) is checked before the body starts; the body
   * then streams from the database, so a page of 10,000 features costs little memory.
   */
  @GET
  public Response items(
      @PathParam("sid") String sid,
      @PathParam("pid") String pid,
      @PathParam("layer") String layerId,
      @QueryParam("bbox") String bbox,
      @QueryParam("bbox-crs") String bboxCrs,
      @QueryParam("crs") String crsParam,
      @QueryParam("limit") String limit,
      @QueryParam("offset") String offset,
      @QueryParam("f") String f,
      @Context UriInfo uri) {
    PlanLayer target = service.requireCollection(sid, pid, layerId);
    FormatParameter.check(f, FormatParameter.GEOJSON);
    List<Crs> supported = service.supportedCrs(sid);
    Crs crs = Crs.parse("crs", crsParam, supported);
    Bbox box = Bbox.parse(bbox, Crs.parse("bbox-crs", bboxCrs, supported));
    FeatureQuery query = new FeatureQuery(target, box, Page.parse(limit, offset), crs);
    URI request = uri.getRequestUri();
    String timeStamp = Instant.now().truncatedTo(ChronoUnit.MILLIS).toString();
    StreamingOutput body =
        out -> {
          GeoJsonWriter writer = new GeoJsonWriter(out);
          try {
            service.page(
                query,
                matched ->
                    writer.startCollection(
                        matched, query.page().returned(matched), timeStamp, query.page().links(request, matched)),
                feature -> writer.feature(feature, List.of()));
            writer.endCollection();
          } catch (UncheckedIOException e) {
            // the client went away: let the container see the I/O failure it is
            throw e.getCause();
          }
        };
    return Response.ok(body).header(CONTENT_CRS, crs.header()).build();
  }

  /**
   * One feature. Its ETag is {@code "<id>-v<version>"}: strong, because the bytes change exactly
   * when the version does, and the tag later edits must quote to update it. {@code no-cache} makes
   * browsers revalidate instead of guessing freshness from Last-Modified.
   */
  @GET
  @Path("{id}")
  public Response item(
      @PathParam("sid") String sid,
      @PathParam("pid") String pid,
      @PathParam("layer") String layerId,
      @PathParam("id") String id,
      @QueryParam("f") String f,
      @QueryParam("crs") String crsParam,
      @Context Request request,
      @Context UriInfo uri) {
    PlanLayer target = service.requireCollection(sid, pid, layerId);
    Crs crs = Crs.parse("crs", crsParam, service.supportedCrs(sid));
    Feature feature = service.requireFeature(target, id, crs);
    FormatParameter.check(f, FormatParameter.GEOJSON);
    EntityTag tag = FeatureTag.of(feature);
    // HTTP dates have whole seconds; a fractional Last-Modified would never match If-Modified-Since
    Date modified = Date.from(feature.updatedAt().toInstant().truncatedTo(ChronoUnit.SECONDS));
    Response.ResponseBuilder notModified = request.evaluatePreconditions(modified, tag);
    if (notModified != null) {
      return notModified.tag(tag).lastModified(modified).header("Cache-Control", "no-cache").build();
    }
    byte[] body = FeatureDocument.of(uri.getBaseUri(), target, feature, List.of());
    return Response.ok(body)
        .tag(tag)
        .lastModified(modified)
        .header("Cache-Control", "no-cache")
        .header(CONTENT_CRS, crs.header())
        .build();
  }
}
