package org.coplan.layers;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import java.io.InputStream;
import java.util.List;
import org.coplan.http.ApiProblem;
import org.coplan.http.Change;
import org.coplan.http.JsonBody;

/**
 * What every feature write takes from its request (a JAX-RS bean parameter), read in the order
 * the answers are documented: the collection (404), {@code If-Match} where required (428), {@code
 * Content-Crs}, {@code crs} and {@code repair} (400), then the body (415, 413, 400).
 */
public final class EditRequest {
  static final List<MediaType> FEATURE_TYPES = List.of(JsonBody.GEOJSON, MediaType.APPLICATION_JSON_TYPE);
  static final List<MediaType> PATCH_TYPES = List.of(JsonBody.MERGE_PATCH);
  static final List<MediaType> JSON_TYPES = List.of(MediaType.APPLICATION_JSON_TYPE);

  @PathParam("sid")
  String sid;

  @PathParam("pid")
  String pid;

  @PathParam("layer")
  String layer;

  @QueryParam("repair")
  String repair;

  @QueryParam("crs")
  String crs;

  @Context HttpHeaders headers;
  @Context SecurityContext security;
  @Context UriInfo uri;

  /** The collection written to, or a 404. */
  PlanLayer collection(FeatureService features) {
    return features.requireCollection(sid, pid, layer);
  }

  /** The {@code If-Match} header, or a 428 saying where to get it. */
  String ifMatch(PlanLayer target, String id) {
    String ifMatch = headers.getHeaderString(HttpHeaders.IF_MATCH);
    if (ifMatch == null || ifMatch.isBlank()) {
      throw ApiProblem.preconditionRequired(
          "changing feature '" + id + "' of " + target.describe() + " needs an If-Match header with the ETag of the"
              + " version you changed (GET the feature: its ETag is \"" + id + "-v<version>\"), so that nobody's edit"
              + " is silently overwritten");
    }
    return ifMatch;
  }

  /** Where the features go and how they were sent: Content-Crs (default CRS84) and ?repair. */
  FeatureInputs.Target target(FeatureService features, PlanLayer target) {
    Crs sentIn =
        Crs.parse(
            ItemsResource.CONTENT_CRS, headers.getHeaderString(ItemsResource.CONTENT_CRS), features.supportedCrs(sid));
    return new FeatureInputs.Target(target.layer(), features.requireSettlement(sid), sentIn, repair());
  }

  /** The CRS the answer is wanted in ({@code ?crs}, default CRS84). */
  Crs responseCrs(FeatureService features) {
    return Crs.parse("crs", crs, features.supportedCrs(sid));
  }

  private boolean repair() {
    if (repair == null || repair.equals("false")) {
      return false;
    }
    if (repair.equals("true") || repair.isEmpty()) {
      return true;
    }
    throw ApiProblem.badParameter("repair", "must be true or false; got '" + repair + "'");
  }

  JsonNode body(InputStream body, List<MediaType> accepted) {
    return JsonBody.read(body, headers.getMediaType(), accepted);
  }

  /** Who makes the change and why; {@code body} null for a request without one. */
  Change change(JsonNode body) {
    return Change.of(security, headers, body);
  }
}
