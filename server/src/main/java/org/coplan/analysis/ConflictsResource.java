package org.coplan.analysis;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.coplan.http.ApiProblem;
import org.coplan.http.JsonMapper;
import org.coplan.http.Link;

/**
 * The read-only {@code conflicts} collection of a plan (OGC API - Features items): the stored
 * analysis results, paged in a stable order, filtered by {@code bbox} (CRS84). The first request
 * of a plan runs its analysis. The response names the analysis sequence it reflects ({@code
 * X-Analysis-Sequence}), so a client can tell whether its last edit is in. Sentences are in the
 * language of {@code lang} or {@code Accept-Language} (English or Swahili; see {@link ConflictLanguage}).
 */
@Path("/api/settlements/{sid}/plans/{pid}/collections/conflicts/items")
@Produces({Link.GEOJSON, MediaType.APPLICATION_JSON})
public final class ConflictsResource {
  private static final int DEFAULT_LIMIT = 100;
  private static final int MAX_LIMIT = 10000;
  private final AnalysisService service;

  public ConflictsResource(AnalysisService service) {
    this.service = service;
  }

  @GET
  public Response items(
      @PathParam("sid") String sid,
      @PathParam("pid") String pid,
      @QueryParam("bbox") String bbox,
      @QueryParam("limit") String limitText,
      @QueryParam("offset") String offsetText,
      @QueryParam("lang") String lang,
      @HeaderParam(HttpHeaders.ACCEPT_LANGUAGE) String acceptLanguage,
      @Context UriInfo uri) {
    var language = ConflictLanguage.of(lang, acceptLanguage);
    int limit = integer("limit", limitText, DEFAULT_LIMIT, 1, MAX_LIMIT);
    int offset = integer("offset", offsetText, 0, 0, Integer.MAX_VALUE);
    double[] box = bbox(bbox);
    AnalysisService.Status status = service.status(sid, pid);
    AnalysisRepository.ConflictPage page = service.repository().page(sid, pid, box, limit, offset);
    ObjectNode out = JsonMapper.MAPPER.createObjectNode();
    out.put("type", "FeatureCollection");
    out.put("numberMatched", page.matched());
    out.put("numberReturned", page.features().size());
    ArrayNode links = out.putArray("links");
    links.addObject().put("href", uri.getRequestUri().toString()).put("rel", "self").put("type", Link.GEOJSON);
    if (offset + page.features().size() < page.matched()) {
      links.addObject()
          .put("href", uri.getRequestUriBuilder().replaceQueryParam("offset", offset + limit).replaceQueryParam("limit", limit).build().toString())
          .put("rel", "next").put("type", Link.GEOJSON);
    }
    page.features().forEach(f -> ConflictLanguage.translate(f, language));
    out.putArray("features").addAll(page.features());
    return Response.ok(out)
        .header("X-Analysis-Sequence", status.sequence())
        .header(HttpHeaders.CONTENT_LANGUAGE, language.tag())
        .header(HttpHeaders.VARY, HttpHeaders.ACCEPT_LANGUAGE)
        .build();
  }

  private static int integer(String name, String text, int fallback, int min, int max) {
    if (text == null || text.isBlank()) {
      return fallback;
    }
    try {
      int v = Integer.parseInt(text.trim());
      if (v < min) {
        throw ApiProblem.badParameter(name, "must be at least " + min);
      }
      return Math.min(v, max);
    } catch (NumberFormatException e) {
      throw ApiProblem.badParameter(name, "must be a whole number");
    }
  }

  private static double[] bbox(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    String[] parts = text.split(",");
    if (parts.length != 4) {
      throw ApiProblem.badParameter("bbox", "must be four numbers: min lon, min lat, max lon, max lat");
    }
    double[] out = new double[4];
    try {
      for (int i = 0; i < 4; i++) {
        out[i] = Double.parseDouble(parts[i].trim());
      }
    } catch (NumberFormatException e) {
      throw ApiProblem.badParameter("bbox", "must be four numbers: min lon, min lat, max lon, max lat");
    }
    if (out[0] > out[2] || out[1] > out[3]) {
      throw ApiProblem.badParameter("bbox", "the minimum must not exceed the maximum");
    }
    return out;
  }
}
