package org.coplan.layers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.coplan.testing.Problems.assertProblem;
import static org.coplan.testing.Requests.count;
import static org.coplan.testing.Requests.delete;
import static org.coplan.testing.Requests.etag;
import static org.coplan.testing.Requests.patch;
import static org.coplan.testing.Requests.put;
import static org.coplan.testing.Requests.scalar;
import static org.coplan.testing.Requests.send;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import org.coplan.testing.Requests;
import org.coplan.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * If-Match on every change: 428 without it, 412 with a stale one (naming the version that won, its
 * author and time), and of two editors racing with the same tag exactly one wins — on a baseline
 * feature (row lock) and on a proposal's first change of a baseline feature (primary key).
 */
class OptimisticLockingIT {
  static final TestServer server = TestServer.start();
  static final String BASELINE = "/api/settlements/tandale/plans/baseline/collections/structures/items";
  static final String PROPOSAL_PLAN = "/api/settlements/tandale/plans/race";
  static final String PROPOSAL = PROPOSAL_PLAN + "/collections/structures/items";
  static final ExecutorService POOL = Executors.newFixedThreadPool(2);

  @AfterAll
  static void stop() throws Exception {
    POOL.shutdownNow();
    server.close();
  }

  static String structure(int offset) {
    return server.getJson(BASELINE + "?limit=1&offset=" + offset).at("/features/0/id").asText();
  }

  @Test
  void everyChangeWithoutIfMatchIs428AndChangesNothing() {
    String id = structure(0);
    String path = BASELINE + "/" + id;
    String body = new String(server.get(path).body());
    List<HttpResponse<byte[]>> answers =
        List.of(
            send(server, "PUT", path, Requests.GEOJSON, body),
            send(server, "PATCH", path, Requests.MERGE_PATCH, "{\"properties\":{\"storeys\":2}}"),
            send(server, "DELETE", path, null, null),
            send(server, "POST", path + "/restore", Requests.JSON, "{\"version\":1}"),
            send(server, "POST", path + "/undelete", null, null));
    for (HttpResponse<byte[]> r : answers) {
      JsonNode p = assertProblem(r, 428, "precondition-required");
      assertThat(p.get("detail").asText())
          .startsWith("changing feature '" + id + "' of collection 'structures' of plan 'baseline' of settlement 'tandale'"
              + " needs an If-Match header with the ETag of the version you changed");
    }
    assertThat(etag(server, path)).isEqualTo("\"" + id + "-v1\"");
  }

  @Test
  void theTagOfACompressedReadChangesThatVersionAndNoOther() {
    // what a browser does: it always reads compressed, so Jetty's GzipHandler marks the tag
    String id = structure(2);
    String path = BASELINE + "/" + id;
    HttpResponse<byte[]> read = send(server, "GET", path, null, null, "Accept-Encoding", "gzip");
    assertThat(read.headers().firstValue("Content-Encoding")).hasValue("gzip");
    String gzipped = etag(read);
    assertThat(gzipped).isEqualTo("\"" + id + "-v1--gzip\"");

    HttpResponse<byte[]> won = patch(server, path, gzipped, "{\"properties\":{\"storeys\":2}}");
    assertThat(won.statusCode()).isEqualTo(200);
    assertThat(etag(won)).isEqualTo("\"" + id + "-v2\"");
    assertProblem(patch(server, path, gzipped, "{\"properties\":{\"storeys\":3}}"), 412, "precondition-failed");
    assertThat(server.getJson(path).at("/properties/storeys").asInt()).isEqualTo(2);
  }

  @Test
  void aStaleIfMatchIs412NamingTheVersionThatWonWhoAndWhen() {
    String id = structure(1);
    String path = BASELINE + "/" + id;
    String v1 = etag(server, path);
    assertThat(patch(server, path, v1, "{\"properties\":{\"storeys\":2}}").statusCode()).isEqualTo(200);

    HttpResponse<byte[]> stale = patch(server, path, v1, "{\"properties\":{\"storeys\":3}}");
    JsonNode p = assertProblem(stale, 412, "precondition-failed");
    Timestamp updatedAt = (Timestamp) scalar(server, "SELECT updated_at FROM structures WHERE id = ?::uuid", id);
    assertThat(p.get("currentVersion").asInt()).isEqualTo(2);
    assertThat(p.get("currentETag").asText()).isEqualTo("\"" + id + "-v2\"");
    assertThat(p.get("updatedBy").asText()).isEqualTo("test-admin");
    assertThat(OffsetDateTime.parse(p.get("updatedAt").asText()).toInstant()).isEqualTo(updatedAt.toInstant());
    assertThat(p.get("deleted").asBoolean()).isFalse();
    assertThat(p.get("detail").asText())
        .startsWith("feature '" + id + "' of collection 'structures' of plan 'baseline' of settlement 'tandale' has"
            + " changed since you read it: it is at version 2 (ETag \"" + id + "-v2\"), changed by test-admin at ")
        .endsWith("your If-Match was " + v1 + ". Read it again, make your change to that version and send it with its ETag.");
    assertThat(scalar(server, "SELECT storeys FROM structures WHERE id = ?::uuid", id)).isEqualTo(2);

    // a weak tag never matches, nor does another feature's
    assertProblem(patch(server, path, "W/\"" + id + "-v2\"", "{}"), 412, "precondition-failed");
    assertProblem(delete(server, path, "\"" + structure(2) + "-v2\""), 412, "precondition-failed");
    // but * does
    assertThat(patch(server, path, "*", "{\"properties\":{\"storeys\":4}}").statusCode()).isEqualTo(200);
  }

  @Test
  void ofTwoConcurrentPutsWithTheSameTagExactlyOneWins() throws Exception {
    String id = structure(3);
    String path = BASELINE + "/" + id;
    for (int round = 0; round < 10; round++) {
      String tag = etag(server, path);
      JsonNode current = server.getJson(path);
      String a = withStoreys(current, 10 + round);
      String b = withStoreys(current, 40 + round);
      List<HttpResponse<byte[]>> answers = race(() -> put(server, path, tag, a), () -> put(server, path, tag, b));
      assertOneWinner(answers, round + 2);
      int winner = answers.get(0).statusCode() == 200 ? 10 + round : 40 + round;
      assertThat(scalar(server, "SELECT storeys FROM structures WHERE id = ?::uuid AND plan_id = 'baseline'", id))
          .as("round %d stored the winner's edit", round).isEqualTo(winner);
    }
    // every version recorded exactly once
    assertThat(count(server, "SELECT count(*) FROM feature_version WHERE feature_id = ?::uuid", id)).isEqualTo(11);
  }

  @Test
  void ofTwoProposalEditorsCreatingTheSameOverrideExactlyOneWins() throws Exception {
    send(server, "POST", "/api/settlements/tandale/plans", Requests.JSON, "{\"id\":\"race\",\"name\":\"Race\"}");
    for (int round = 0; round < 10; round++) {
      String id = structure(10 + round);
      String path = PROPOSAL + "/" + id;
      String tag = etag(server, path);
      assertThat(tag).isEqualTo("\"" + id + "-v1\"");
      List<HttpResponse<byte[]>> answers =
          race(
              () -> patch(server, path, tag, "{\"properties\":{\"use\":\"school\"}}"),
              () -> delete(server, path, tag));
      List<Integer> statuses = answers.stream().map(HttpResponse::statusCode).sorted().toList();
      assertThat(statuses).as("round %d", round).isIn(List.of(200, 412), List.of(204, 412));
      HttpResponse<byte[]> loser = answers.stream().filter(r -> r.statusCode() == 412).findFirst().orElseThrow();
      JsonNode p = TestServer.json(loser);
      assertThat(p.get("currentVersion").asInt()).isEqualTo(2);
      assertThat(p.get("deleted").asBoolean()).isEqualTo(statuses.contains(204));
      // one override row, and the baseline untouched
      assertThat(count(server, "SELECT count(*) FROM structures WHERE id = ?::uuid AND plan_id = 'race'", id)).isEqualTo(1);
      assertThat(scalar(server, "SELECT version FROM structures WHERE id = ?::uuid AND plan_id = 'baseline'", id)).isEqualTo(1);
    }
  }

  private static void assertOneWinner(List<HttpResponse<byte[]>> answers, int newVersion) {
    List<Integer> statuses = answers.stream().map(HttpResponse::statusCode).sorted().toList();
    assertThat(statuses).containsExactly(200, 412);
    HttpResponse<byte[]> winner = answers.stream().filter(r -> r.statusCode() == 200).findFirst().orElseThrow();
    HttpResponse<byte[]> loser = answers.stream().filter(r -> r.statusCode() == 412).findFirst().orElseThrow();
    assertThat(etag(winner)).endsWith("-v" + newVersion + "\"");
    assertThat(TestServer.json(loser).get("currentVersion").asInt()).isEqualTo(newVersion);
  }

  /** Sends both requests at the same moment, from two threads released by one barrier. */
  private static List<HttpResponse<byte[]>> race(
      Supplier<HttpResponse<byte[]>> a, Supplier<HttpResponse<byte[]>> b) throws Exception {
    CyclicBarrier start = new CyclicBarrier(2);
    List<Future<HttpResponse<byte[]>>> futures = new ArrayList<>();
    for (Supplier<HttpResponse<byte[]>> s : List.of(a, b)) {
      futures.add(
          POOL.submit(
              () -> {
                start.await();
                return s.get();
              }));
    }
    List<HttpResponse<byte[]>> out = new ArrayList<>();
    for (Future<HttpResponse<byte[]>> f : futures) {
      out.add(f.get());
    }
    return out;
  }

  private static String withStoreys(JsonNode feature, int storeys) {
    com.fasterxml.jackson.databind.node.ObjectNode copy = feature.deepCopy();
    ((com.fasterxml.jackson.databind.node.ObjectNode) copy.get("properties")).put("storeys", storeys);
    copy.remove("links");
    return copy.toString();
  }
}
