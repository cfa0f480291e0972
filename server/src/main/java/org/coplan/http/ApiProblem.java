package org.coplan.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one error type of the API: thrown anywhere below a resource and served by {@link
 * ProblemMappers} as RFC 9457 {@code application/problem+json}. The slug is stable and documented;
 * the title names the class of problem; the detail says what exactly was wrong, for a person.
 */
public final class ApiProblem extends RuntimeException {

  /**
   * One fault inside a request: a JSON pointer (RFC 6901) into the body, or a parameter name, and
   * for geometry faults the offending coordinate.
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Fault(String pointer, String parameter, String detail, double[] location) {
    public static Fault parameter(String name, String detail) {
      return new Fault(null, name, detail, null);
    }

    public static Fault pointer(String pointer, String detail) {
      return new Fault(pointer, null, detail, null);
    }

    /** A fault in a geometry of the body, at a coordinate (as the client sent it). */
    public static Fault at(String pointer, String detail, double[] location) {
      return new Fault(pointer, null, detail, location);
    }
  }

  private final int status;
  private final String slug;
  private final String title;
  private final List<Fault> errors;
  private final Map<String, Object> extensions;
  private final Map<String, String> headers;

  public ApiProblem(int status, String slug, String title, String detail, List<Fault> errors) {
    this(status, slug, title, detail, errors, Map.of());
  }

  /**
   * @param extensions extension members of the problem document (RFC 9457 section 3.2), written
   *     beside the standard ones, e.g. the current version of a feature a stale edit lost to
   */
  public ApiProblem(
      int status, String slug, String title, String detail, List<Fault> errors, Map<String, Object> extensions) {
    this(status, slug, title, detail, errors, extensions, Map.of());
  }

  private ApiProblem(
      int status,
      String slug,
      String title,
      String detail,
      List<Fault> errors,
      Map<String, Object> extensions,
      Map<String, String> headers) {
    super(detail);
    this.status = status;
    this.slug = slug;
    this.title = title;
    this.errors = List.copyOf(errors);
    this.extensions = new LinkedHashMap<>(extensions);
    this.headers = Map.copyOf(headers);
  }

  /**
   * The same problem with a response header that HTTP requires beside it, such as {@code
   * WWW-Authenticate} on a 401 or {@code Retry-After} on a 429.
   */
  public ApiProblem withHeader(String name, String value) {
    Map<String, String> more = new LinkedHashMap<>(headers);
    more.put(name, value);
    return new ApiProblem(status, slug, title, getMessage(), errors, extensions, more);
  }

  public static ApiProblem notFound(String detail) {
    return new ApiProblem(404, "not-found", "Not found", detail, List.of());
  }

  public static ApiProblem badParameter(String parameter, String reason) {
    return new ApiProblem(
        400,
        "invalid-parameter",
        "Invalid parameter",
        "parameter '" + parameter + "': " + reason,
        List.of(Fault.parameter(parameter, reason)));
  }

  /** 422: the body is well-formed JSON but not acceptable; {@code errors} names every fault. */
  public static ApiProblem invalidContent(String detail, List<Fault> errors) {
    return new ApiProblem(422, "invalid-content", "Invalid content", detail, errors);
  }

  public static ApiProblem malformedJson(String detail) {
    return new ApiProblem(400, "malformed-json", "Malformed JSON", detail, List.of());
  }

  public static ApiProblem unsupportedMediaType(String detail) {
    return new ApiProblem(415, "unsupported-media-type", "Unsupported media type", detail, List.of());
  }

  public static ApiProblem contentTooLarge(long limit) {
    return new ApiProblem(
        413,
        "content-too-large",
        "Content too large",
        "the request body is larger than this server accepts (" + limit + " bytes); split a large"
            + " batch into several requests",
        List.of(),
        Map.of("limit", limit));
  }

  public static ApiProblem preconditionRequired(String detail) {
    return new ApiProblem(428, "precondition-required", "Precondition required", detail, List.of());
  }

  public static ApiProblem preconditionFailed(String detail, Map<String, Object> current) {
    return new ApiProblem(412, "precondition-failed", "Precondition failed", detail, List.of(), current);
  }

  public static ApiProblem conflict(String detail) {
    return new ApiProblem(409, "conflict", "Conflict", detail, List.of());
  }

  public int status() {
    return status;
  }

  public String slug() {
    return slug;
  }

  public String title() {
    return title;
  }

  public String detail() {
    return getMessage();
  }

  public List<Fault> errors() {
    return errors;
  }

  public Map<String, Object> extensions() {
    return extensions;
  }

  public Map<String, String> headers() {
    return headers;
  }
}
