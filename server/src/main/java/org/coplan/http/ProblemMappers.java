package org.coplan.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.security.SecureRandom;
import org.coplan.db.DataAccessException;
import java.util.HexFormat;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The single funnel for every error: whatever is thrown leaves as problem+json. Unexpected failures
 * are logged with a trace id and answered with that id only, so nothing internal (SQL, class names,
 * stack traces) reaches a client.
 */
public final class ProblemMappers {
  private static final Logger LOG = LoggerFactory.getLogger(ProblemMappers.class);
  private static final SecureRandom RANDOM = new SecureRandom();

  private ProblemMappers() {}

  /** All mappers, for registration with Jersey. */
  public static List<Object> all() {
    return List.of(new ForApiProblem(), new ForWebApplication(), new ForJson(), new ForAnything());
  }

  static String newTraceId() {
    byte[] bytes = new byte[8];
    RANDOM.nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }

  static String instance(UriInfo uri) {
    return uri == null ? null : uri.getRequestUri().getRawPath();
  }

  public static final class ForApiProblem implements ExceptionMapper<ApiProblem> {
    @Context UriInfo uri;

    @Override
    public Response toResponse(ApiProblem p) {
      Response.ResponseBuilder response =
          Response.status(p.status())
              .type(ProblemBody.MEDIA_TYPE)
              .entity(
                  new ProblemBody(
                      ProblemBody.typeOf(p.slug()),
                      p.title(),
                      p.status(),
                      p.detail(),
                      instance(uri),
                      null,
                      p.errors(),
                      p.extensions()));
      p.headers().forEach(response::header);
      return response.build();
    }
  }

  /** Jersey's own errors: unknown paths, wrong methods, unacceptable or unsupported media types. */
  public static final class ForWebApplication implements ExceptionMapper<WebApplicationException> {
    @Context UriInfo uri;

    @Override
    public Response toResponse(WebApplicationException e) {
      int status = e.getResponse().getStatus();
      if (status >= 500) {
        return new ForAnything().toResponse(e);
      }
      String slug;
      String title;
      String detail;
      switch (status) {
        case 404 -> {
          slug = "not-found";
          title = "Not found";
          detail = "no resource at " + instance(uri);
        }
        case 405 -> {
          slug = "method-not-allowed";
          title = "Method not allowed";
          detail = "this resource does not support that method; allowed: " + e.getResponse().getAllowedMethods();
        }
        case 406 -> {
          slug = "not-acceptable";
          title = "Not acceptable";
          detail = "none of the media types in Accept can be produced here";
        }
        case 415 -> {
          slug = "unsupported-media-type";
          title = "Unsupported media type";
          detail = "the request body's Content-Type is not accepted here";
        }
        default -> {
          slug = "bad-request";
          title = Response.Status.fromStatusCode(status) == null
              ? "Client error"
              : Response.Status.fromStatusCode(status).getReasonPhrase();
          detail = "the request could not be processed";
        }
      }
      Response.ResponseBuilder builder =
          Response.status(status)
              .type(ProblemBody.MEDIA_TYPE)
              .entity(new ProblemBody(ProblemBody.typeOf(slug), title, status, detail, instance(uri), null, List.of()));
      if (status == 405) {
        builder.allow(e.getResponse().getAllowedMethods());
      }
      return builder.build();
    }
  }

  public static final class ForJson implements ExceptionMapper<JsonProcessingException> {
    @Context UriInfo uri;

    @Override
    public Response toResponse(JsonProcessingException e) {
      var loc = e.getLocation();
      String where = loc == null ? "" : " at line " + loc.getLineNr() + ", column " + loc.getColumnNr();
      return ProblemBody.response(
          new ProblemBody(
              ProblemBody.typeOf("malformed-json"),
              "Malformed JSON",
              400,
              "the request body is not valid JSON" + where + ": " + e.getOriginalMessage(),
              instance(uri),
              null,
              List.of()));
    }
  }

  public static final class ForAnything implements ExceptionMapper<Throwable> {
    @Context UriInfo uri;

    @Override
    public Response toResponse(Throwable e) {
      // the database's own refusals (V008: a frozen plan, a disallowed status change) are answers
      if (e instanceof DataAccessException d && d.refusal() != null) {
        ApiProblem p = d.sqlState().equals("CP409")
            ? new ApiProblem(409, "conflict", "Conflict", d.refusal(), List.of())
            : ApiProblem.invalidContent(d.refusal(), List.of());
        ForApiProblem mapper = new ForApiProblem();
        mapper.uri = uri;
        return mapper.toResponse(p);
      }
      String traceId = newTraceId();
      LOG.error("Unexpected failure, trace id {} ({})", traceId, instance(uri), e);
      return ProblemBody.response(
          new ProblemBody(
              ProblemBody.typeOf("internal-error"),
              "Internal error",
              500,
              "the server failed to answer; quote trace id " + traceId + " when reporting this",
              instance(uri),
              traceId,
              List.of()));
    }
  }
}
