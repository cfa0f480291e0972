package org.coplan.http;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;

/**
 * The RFC 9457 document as served; {@code type} is a relative reference to the slug's docs.
 * Extension members, where a problem has any, stand beside the standard members.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ProblemBody(
    String type,
    String title,
    int status,
    String detail,
    String instance,
    String traceId,
    List<ApiProblem.Fault> errors,
    @JsonAnyGetter Map<String, Object> extensions) {

  public static final MediaType MEDIA_TYPE = new MediaType("application", "problem+json");

  public ProblemBody(
      String type, String title, int status, String detail, String instance, String traceId, List<ApiProblem.Fault> errors) {
    this(type, title, status, detail, instance, traceId, errors, Map.of());
  }

  static Response response(ProblemBody body) {
    return Response.status(body.status()).type(MEDIA_TYPE).entity(body).build();
  }

  static String typeOf(String slug) {
    return "/problems/" + slug;
  }
}
