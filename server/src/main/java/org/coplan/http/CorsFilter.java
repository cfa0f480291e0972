package org.coplan.http;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Locale;

/**
 * Cross-origin requests from the configured origins only ({@code COPLAN_CORS_ORIGINS}; none by
 * default, which turns CORS off). Allowed origins may send API tokens and share tokens; they never
 * get {@code Access-Control-Allow-Credentials}, so a browser will not send them our session cookie
 * and no other site can act as a signed-in user.
 *
 * <p>A preflight ({@code OPTIONS} with {@code Access-Control-Request-Method}) from an allowed
 * origin is answered here with 204; from any other origin with a 403 problem, so the reason shows in
 * the browser's network panel. Same-origin requests carry no {@code Origin} worth checking and pass.
 */
@PreMatching
@Priority(Priorities.AUTHENTICATION - 100)
public final class CorsFilter implements ContainerRequestFilter, ContainerResponseFilter {
  static final String ALLOW_METHODS = "GET, HEAD, POST, PUT, PATCH, DELETE";
  static final String ALLOW_HEADERS =
      "Authorization, Content-Type, Accept, If-Match, If-None-Match, X-Share-Token, X-CSRF-Token";
  static final String EXPOSE_HEADERS = "ETag, Location, Link, Retry-After, WWW-Authenticate, Content-Crs";
  /** How long a browser may reuse a preflight answer, in seconds. */
  static final int MAX_AGE = 600;

  private final List<String> allowed;

  public CorsFilter(List<String> allowedOrigins) {
    this.allowed = List.copyOf(allowedOrigins);
  }

  boolean allows(String origin) {
    return origin != null && (allowed.contains("*") || allowed.contains(origin.toLowerCase(Locale.ROOT)));
  }

  @Override
  public void filter(ContainerRequestContext request) {
    String origin = request.getHeaderString("Origin");
    if (origin == null || !isPreflight(request)) {
      return;
    }
    if (!allows(origin)) {
      request.abortWith(
          ProblemBody.response(
              new ProblemBody(
                  ProblemBody.typeOf("cors-origin-not-allowed"),
                  "Origin not allowed",
                  403,
                  "cross-origin requests from " + origin + " are not allowed here (see COPLAN_CORS_ORIGINS)",
                  request.getUriInfo().getRequestUri().getRawPath(),
                  null,
                  List.of())));
      return;
    }
    request.abortWith(
        Response.noContent()
            .header("Access-Control-Allow-Methods", ALLOW_METHODS)
            .header("Access-Control-Allow-Headers", ALLOW_HEADERS)
            .header("Access-Control-Max-Age", MAX_AGE)
            .build());
  }

  @Override
  public void filter(ContainerRequestContext request, ContainerResponseContext response) {
    if (allowed.isEmpty()) {
      return;
    }
    MultivaluedMap<String, Object> headers = response.getHeaders();
    headers.add("Vary", "Origin");
    String origin = request.getHeaderString("Origin");
    if (!allows(origin)) {
      return;
    }
    headers.putSingle("Access-Control-Allow-Origin", origin);
    if (!isPreflight(request)) {
      headers.putSingle("Access-Control-Expose-Headers", EXPOSE_HEADERS);
    }
  }

  private static boolean isPreflight(ContainerRequestContext request) {
    return "OPTIONS".equals(request.getMethod()) && request.getHeaderString("Access-Control-Request-Method") != null;
  }
}
