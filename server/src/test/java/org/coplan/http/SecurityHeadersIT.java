package org.coplan.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.coplan.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** Security headers on every kind of response, and CORS with and without an allow-list. */
class SecurityHeadersIT {
  static final TestServer configured =
      TestServer.start(
          Map.of(
              "basemap-url", "https://{s}.tile.openstreetmap.org/{z}/{x}/{y}.png",
              "frame-ancestors", "'self' https://partner.example.org",
              "cors-origins", "https://maps.example.org, https://qgis.example.org"));
  static final TestServer plain = TestServer.start();

  @AfterAll
  static void stop() throws Exception {
    configured.close();
    plain.close();
  }

  static final String DEFAULT_CSP =
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; connect-src 'self';"
          + " font-src 'self'; worker-src 'self' blob:; child-src 'self' blob:; object-src 'none'; base-uri 'self';"
          + " form-action 'self'; frame-ancestors 'self'";

  @Test
  void everyResponseCarriesTheHeadersWithTheDefaults() throws Exception {
    for (HttpResponse<byte[]> r :
        java.util.List.of(plain.get("/api"), plain.get("/no/such/file.js"), plain.get("/api/settlements/x/y/z"), plain.get("/health"))) {
      assertThat(r.headers().firstValue("Content-Security-Policy")).as(r.uri().toString()).hasValue(DEFAULT_CSP);
      assertThat(r.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
      assertThat(r.headers().firstValue("Referrer-Policy")).hasValue("strict-origin-when-cross-origin");
    }
    // even on an error Jetty answers itself, before Jersey sees the request
    String raw = rawRequest(plain, "GET /%zz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
    assertThat(raw).startsWith("HTTP/1.1 400");
    assertThat(raw).contains("Content-Security-Policy: " + DEFAULT_CSP, "X-Content-Type-Options: nosniff");
  }

  @Test
  void bodiesBeyondTheLimitAreRefusedBeforeTheyAreRead() throws Exception {
    // Only the headers are sent: the 413 must come from the declared length alone, before the
    // server waits for a byte of the body. (A client still pushing a 6 MB body may lose the answer
    // to the connection reset that follows it, so sending one would make this test a race.)
    String raw =
        rawRequest(
            plain,
            "POST /api/auth/login HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                + "Content-Length: "
                + (6 << 20)
                + "\r\n\r\n");
    assertThat(raw).startsWith("HTTP/1.1 413");
    assertThat(raw).contains("Connection: close", "X-Content-Type-Options: nosniff", "application/problem+json");
  }

  @Test
  void theCspAdmitsTheBasemapAndTheConfiguredFramers() {
    String csp = configured.get("/api").headers().firstValue("Content-Security-Policy").orElseThrow();
    assertThat(csp).contains("img-src 'self' data: blob: https://*.tile.openstreetmap.org;");
    assertThat(csp).contains("connect-src 'self' https://*.tile.openstreetmap.org;");
    assertThat(csp).endsWith("frame-ancestors 'self' https://partner.example.org");
    assertThat(csp).doesNotContain("unsafe-inline", "unsafe-eval");
  }

  @Test
  void corsIsOffByDefault() {
    HttpResponse<byte[]> preflight = preflight(plain, "https://maps.example.org");
    assertThat(preflight.statusCode()).isEqualTo(403);
    assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    assertThat(TestServer.json(preflight).get("type").asText()).isEqualTo("/problems/cors-origin-not-allowed");
    HttpResponse<byte[]> get = plain.get("/api", "Origin", "https://maps.example.org");
    assertThat(get.statusCode()).isEqualTo(200);
    assertThat(get.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
  }

  @Test
  void anAllowedOriginGetsAPreflightAnswerAndItsResponsesButNeverCredentials() {
    HttpResponse<byte[]> preflight = preflight(configured, "https://qgis.example.org");
    assertThat(preflight.statusCode()).isEqualTo(204);
    assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).hasValue("https://qgis.example.org");
    assertThat(preflight.headers().firstValue("Access-Control-Allow-Methods")).hasValue("GET, HEAD, POST, PUT, PATCH, DELETE");
    assertThat(preflight.headers().firstValue("Access-Control-Allow-Headers").orElseThrow()).contains("Authorization", "X-Share-Token");
    assertThat(preflight.headers().firstValue("Access-Control-Max-Age")).hasValue("600");
    assertThat(preflight.headers().firstValue("Access-Control-Allow-Credentials")).isEmpty();
    assertThat(preflight.headers().allValues("Vary").toString()).contains("Origin");

    HttpResponse<byte[]> get = configured.get("/api/settlements", "Origin", "https://maps.example.org");
    assertThat(get.headers().firstValue("Access-Control-Allow-Origin")).hasValue("https://maps.example.org");
    assertThat(get.headers().firstValue("Access-Control-Expose-Headers").orElseThrow()).contains("ETag", "WWW-Authenticate");
    assertThat(get.headers().firstValue("Access-Control-Allow-Credentials")).isEmpty();

    assertThat(preflight(configured, "https://evil.example.net").statusCode()).isEqualTo(403);
    assertThat(configured.get("/api", "Origin", "https://evil.example.net").headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
  }

  private static HttpResponse<byte[]> preflight(TestServer server, String origin) {
    return server.request(
        "OPTIONS",
        "/api/settlements/tandale/plans/baseline/share-links",
        null,
        "Origin", origin,
        "Access-Control-Request-Method", "POST",
        "Access-Control-Request-Headers", "authorization, content-type");
  }

  private static String rawRequest(TestServer server, String request) throws Exception {
    try (Socket socket = new Socket(server.uri("/").getHost(), server.uri("/").getPort())) {
      OutputStream out = socket.getOutputStream();
      out.write(request.getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
    }
  }
}
