package org.coplan.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;

/** Assertions on RFC 9457 problem responses, as the API serves them. */
public final class Problems {
  private Problems() {}

  /** A 404 whose detail is exactly {@code detail}. */
  public static JsonNode assertNotFound(HttpResponse<byte[]> r, String detail) {
    JsonNode p = assertProblem(r, 404, "not-found");
    assertThat(p.get("detail").asText()).isEqualTo(detail);
    return p;
  }

  /** A 400 naming {@code parameter} in its detail and its one error, with the reason given. */
  public static JsonNode assertBadParameter(HttpResponse<byte[]> r, String parameter, String reason) {
    JsonNode p = assertProblem(r, 400, "invalid-parameter");
    assertThat(p.get("detail").asText()).startsWith("parameter '" + parameter + "': ").contains(reason);
    assertThat(p.get("errors")).hasSize(1);
    assertThat(p.at("/errors/0/parameter").asText()).isEqualTo(parameter);
    return p;
  }

  public static JsonNode assertProblem(HttpResponse<byte[]> r, int status, String slug) {
    assertThat(r.statusCode()).as("status of %s", r.uri()).isEqualTo(status);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    JsonNode p = TestServer.json(r);
    assertThat(p.get("type").asText()).isEqualTo("/problems/" + slug);
    assertThat(p.get("status").asInt()).isEqualTo(status);
    assertThat(p.get("instance").asText()).isEqualTo(r.uri().getRawPath());
    return p;
  }
}
