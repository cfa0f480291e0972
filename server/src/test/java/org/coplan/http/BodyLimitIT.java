package org.coplan.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.coplan.testing.Problems.assertProblem;
import static org.coplan.testing.Requests.count;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.coplan.testing.Requests;
import org.coplan.testing.SignedIn;
import org.coplan.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The request body limit, set low (2 KB) so that a batch of a few features passes it. */
class BodyLimitIT {
  static final int LIMIT = 2048;
  static final TestServer server = TestServer.start(Map.of("max-body-bytes", String.valueOf(LIMIT)));
  static final String ITEMS = "/api/settlements/tandale/plans/baseline/collections/footpaths/items";

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  /** A FeatureCollection of {@code n} small footpaths, about 170 bytes each. */
  static String batch(int n) {
    StringBuilder b = new StringBuilder("{\"type\":\"FeatureCollection\",\"features\":[");
    for (int i = 0; i < n; i++) {
      double lon = 39.24 + i * 1e-5;
      b.append(i == 0 ? "" : ",")
          .append(Requests.feature(Requests.line(lon, -6.8, lon, -6.7999), Requests.footpath("footpath", 1)));
    }
    return b.append("]}").toString();
  }

  @Test
  void aBodyWithinTheLimitIsStored() {
    assertThat(batch(5).length()).isLessThan(LIMIT);
    assertThat(Requests.post(server, ITEMS, batch(5)).statusCode()).isEqualTo(201);
  }

  @Test
  void aDeclaredLengthOverTheLimitIs413BeforeAnythingIsRead() {
    long rows = count(server, "SELECT count(*) FROM footpaths");
    String body = batch(20);
    assertThat(body.length()).isGreaterThan(LIMIT);
    JsonNode p = assertProblem(Requests.post(server, ITEMS, body), 413, "content-too-large");
    assertThat(p.get("detail").asText())
        .isEqualTo("the request body is larger than this server accepts (2048 bytes); split a large batch into several requests");
    assertThat(p.get("limit").asLong()).isEqualTo(LIMIT);
    assertThat(count(server, "SELECT count(*) FROM footpaths")).isEqualTo(rows);
  }

  @Test
  void aChunkedBodyIsCutOffAtTheLimit() {
    byte[] body = batch(200).getBytes(StandardCharsets.UTF_8);
    // a stream of unknown length: the client sends it chunked, without Content-Length
    HttpRequest request =
        HttpRequest.newBuilder(server.uri(ITEMS))
            .header("Content-Type", "application/geo+json")
            .header("Cookie", server.admin().cookie())
            .header("X-CSRF-Token", server.admin().csrfToken())
            .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
            .build();
    HttpResponse<byte[]> r = server.send(request);
    JsonNode p = assertProblem(r, 413, "content-too-large");
    assertThat(p.get("limit").asLong()).isEqualTo(LIMIT);
  }

  @Test
  void aChunkedBodyThatNeverEndsIsAnsweredWithoutWaitingForItsEnd() throws Exception {
    SignedIn admin = server.admin();
    try (Socket socket = new Socket("127.0.0.1", server.uri("/").getPort())) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      String chunk = " ".repeat(LIMIT + 500);
      out.write(
          ("POST " + ITEMS + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/geo+json\r\n"
                  + "Cookie: " + admin.cookie() + "\r\nX-CSRF-Token: " + admin.csrfToken() + "\r\n"
                  + "Transfer-Encoding: chunked\r\n\r\n" + Integer.toHexString(chunk.length()) + "\r\n" + chunk + "\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      // no last chunk is ever sent: the answer must come anyway
      InputStream in = socket.getInputStream();
      String head = new String(in.readNBytes(12), StandardCharsets.US_ASCII);
      assertThat(head).isEqualTo("HTTP/1.1 413");
    }
  }

  @Test
  void aRequestAnsweredBeforeItsBodyWasReadClosesItsConnectionSoTheNextRequestIsNotLost() {
    for (int i = 0; i < 20; i++) {
      HttpResponse<byte[]> refused = Requests.send(server, "POST", ITEMS, "text/plain", batch(1));
      assertThat(refused.statusCode()).isEqualTo(415);
      assertThat(refused.headers().firstValue("Connection")).hasValue("close");
      HttpResponse<byte[]> unknown = Requests.post(server, "/api/settlements/tandale/plans/nope/collections/footpaths/items", batch(1));
      assertThat(unknown.statusCode()).isEqualTo(404);
      // the same client's next request goes through, on a new connection
      assertThat(Requests.post(server, ITEMS, batch(1), "Prefer", "return=minimal").statusCode()).isEqualTo(201);
    }
    HttpResponse<byte[]> read = Requests.post(server, ITEMS, batch(1));
    assertThat(read.headers().firstValue("Connection")).as("a body read to its end keeps the connection").isEmpty();
  }
}
