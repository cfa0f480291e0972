package org.coplan.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.coplan.testing.Links.href;
import static org.coplan.testing.Problems.assertBadParameter;
import static org.coplan.testing.Problems.assertNotFound;
import static org.coplan.testing.Problems.assertProblem;
import static org.coplan.testing.Requests.delete;
import static org.coplan.testing.Requests.etag;
import static org.coplan.testing.Requests.feature;
import static org.coplan.testing.Requests.footpath;
import static org.coplan.testing.Requests.line;
import static org.coplan.testing.Requests.patch;
import static org.coplan.testing.Requests.post;
import static org.coplan.testing.Requests.scalar;
import static org.coplan.testing.Requests.send;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.coplan.testing.Requests;
import org.coplan.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** Every change is an immutable version: a feature's versions, restore, undelete, the settlement's log. */
class HistoryIT {
  static final TestServer server = TestServer.start();
  static final String PLANS = "/api/settlements/tandale/plans";
  static final String FOOTPATHS = PLANS + "/baseline/collections/footpaths/items";
  static final String HISTORY = "/api/settlements/tandale/history";

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  /** Creates a footpath, widens it, deletes it; returns its path. */
  static String createdChangedDeleted(double lon) {
    HttpResponse<byte[]> created = post(server, FOOTPATHS, feature(line(lon, -6.80, lon + 0.0004, -6.8002), footpath("footpath", 1.5)),
        "X-Change-Reason", "mapped on the walk");
    String path = URI.create(created.headers().firstValue("Location").orElseThrow()).getPath();
    HttpResponse<byte[]> widened = patch(server, path, etag(created), "{\"properties\":{\"width_m\":2.5,\"class\":\"lane\"}}",
        "X-Change-Reason", "widened in 2024");
    assertThat(delete(server, path, etag(widened), "X-Change-Reason", "built over").statusCode()).isEqualTo(204);
    return path;
  }

  @Test
  void aFeaturesVersionsSayWhoWhenWhatAndWhyNewestFirst() {
    String path = createdChangedDeleted(39.2400);
    String id = path.substring(path.lastIndexOf('/') + 1);
    HttpResponse<byte[]> r = server.get(path + "/versions");
    assertThat(r.statusCode()).isEqualTo(200);
    JsonNode doc = TestServer.json(r);
    assertThat(doc.get("id").asText()).isEqualTo(id);
    assertThat(doc.get("collection").asText()).isEqualTo("footpaths");
    JsonNode versions = doc.get("versions");
    assertThat(versions).extracting(v -> v.get("version").asInt()).containsExactly(3, 2, 1);
    assertThat(versions).extracting(v -> v.get("operation").asText()).containsExactly("delete", "update", "create");
    assertThat(versions).extracting(v -> v.get("reason").asText()).containsExactly("built over", "widened in 2024", "mapped on the walk");
    assertThat(versions).extracting(v -> v.get("author").asText()).containsOnly("test-admin");
    assertThat(versions.get(0).get("deleted").asBoolean()).isTrue();
    assertThat(versions.get(0).get("etag").asText()).isEqualTo("\"" + id + "-v3\"");
    assertThat(versions.get(1).has("etag")).isFalse();
    assertThat(versions.get(1).at("/feature/properties/width_m").asDouble()).isEqualTo(2.5);
    assertThat(versions.get(2).at("/feature/properties/width_m").asDouble()).isEqualTo(1.5);
    assertThat(versions.get(2).at("/feature/geometry/coordinates").toString()).isEqualTo("[[39.24,-6.8],[39.2404,-6.8002]]");
    assertThat(href(doc, "item")).isEqualTo(server.uri(path).toString());
    assertNotFound(server.get(FOOTPATHS + "/00000000-0000-4000-8000-000000000000/versions"),
        "collection 'footpaths' of plan 'baseline' of settlement 'tandale' has no feature '00000000-0000-4000-8000-000000000000'");
  }

  @Test
  void undeleteBringsTheLastVersionBackAsANewOne() {
    String path = createdChangedDeleted(39.2410);
    String id = path.substring(path.lastIndexOf('/') + 1);
    HttpResponse<byte[]> r = send(server, "POST", path + "/undelete", null, null, "If-Match", "\"" + id + "-v3\"",
        "X-Change-Reason", "not built after all");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(etag(r)).isEqualTo("\"" + id + "-v4\"");
    JsonNode f = TestServer.json(r);
    assertThat(f.at("/properties/width_m").asDouble()).isEqualTo(2.5);
    assertThat(server.getJson(path).at("/properties/version").asInt()).isEqualTo(4);
    assertThat(scalar(server, "SELECT operation || '/' || reason FROM feature_version WHERE feature_id = ?::uuid AND version = 4", id))
        .isEqualTo("undelete/not built after all");
    JsonNode again = assertProblem(send(server, "POST", path + "/undelete", null, null, "If-Match", etag(r)), 409, "conflict");
    assertThat(again.get("detail").asText()).isEqualTo("feature '" + id + "' is not deleted");
  }

  @Test
  void restoreMakesAnEarlierVersionCurrentAgain() {
    String path = createdChangedDeleted(39.2420);
    String id = path.substring(path.lastIndexOf('/') + 1);
    String v3 = "\"" + id + "-v3\"";
    HttpResponse<byte[]> r = send(server, "POST", path + "/restore", Requests.JSON,
        "{\"version\":1,\"reason\":\"the survey was right\"}", "If-Match", v3);
    assertThat(r.statusCode()).isEqualTo(200);
    JsonNode f = TestServer.json(r);
    assertThat(f.at("/properties/version").asInt()).isEqualTo(4);
    assertThat(f.at("/properties/width_m").asDouble()).isEqualTo(1.5);
    assertThat(f.at("/properties/class").asText()).isEqualTo("footpath");
    assertThat(scalar(server, "SELECT operation || '/' || reason || '/' || deleted FROM feature_version WHERE feature_id = ?::uuid AND version = 4", id))
        .isEqualTo("restore/the survey was right/false");
    assertThat(scalar(server, "SELECT count(*) FROM feature_version WHERE feature_id = ?::uuid", id)).isEqualTo(4L);

    String v4 = etag(r);
    JsonNode deletion = assertProblem(send(server, "POST", path + "/restore", Requests.JSON, "{\"version\":3}", "If-Match", v4), 422, "invalid-content");
    assertThat(deletion.at("/errors/0/detail").asText()).isEqualTo("is a deletion: restore the version before it, or undelete");
    JsonNode missing = assertProblem(send(server, "POST", path + "/restore", Requests.JSON, "{\"version\":9}", "If-Match", v4), 404, "not-found");
    assertThat(missing.get("detail").asText()).endsWith("has no version 9; its versions are [4, 3, 2, 1]");
    JsonNode current = assertProblem(send(server, "POST", path + "/restore", Requests.JSON, "{\"version\":4}", "If-Match", v4), 409, "conflict");
    assertThat(current.get("detail").asText()).isEqualTo("feature '" + id + "' is at version 4 already");
    JsonNode noVersion = assertProblem(send(server, "POST", path + "/restore", Requests.JSON, "{}", "If-Match", v4), 422, "invalid-content");
    assertThat(noVersion.at("/errors/0/pointer").asText()).isEqualTo("/version");
    assertProblem(send(server, "POST", path + "/restore", Requests.JSON, "{\"version\":1}", "If-Match", v3), 412, "precondition-failed");
  }

  @Test
  void aProposalsVersionsContinueTheBaselinesLineage() {
    send(server, "POST", PLANS, Requests.JSON, "{\"id\":\"lineage\",\"name\":\"Lineage\"}");
    String id = server.getJson(FOOTPATHS + "?limit=1&offset=40").at("/features/0/id").asText();
    String baseline = FOOTPATHS + "/" + id;
    HttpResponse<byte[]> v2 = patch(server, baseline, etag(server, baseline), "{\"properties\":{\"width_m\":4}}");
    String proposal = PLANS + "/lineage/collections/footpaths/items/" + id;
    assertThat(server.getJson(proposal + "/versions").get("versions")).extracting(v -> v.get("plan").asText() + v.get("version").asInt())
        .containsExactly("baseline2", "baseline1");
    patch(server, proposal, etag(v2), "{\"properties\":{\"width_m\":5}}");
    JsonNode versions = server.getJson(proposal + "/versions").get("versions");
    assertThat(versions).extracting(v -> v.get("plan").asText() + v.get("version").asInt())
        .containsExactly("lineage3", "baseline2", "baseline1");
    assertThat(versions.get(0).get("etag").asText()).isEqualTo("\"" + id + "-v3\"");
    // restoring inside the proposal writes the proposal's row; the baseline stays at version 2
    HttpResponse<byte[]> r = send(server, "POST", proposal + "/restore", Requests.JSON, "{\"version\":1}", "If-Match", "\"" + id + "-v3\"");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(server.getJson(baseline).at("/properties/width_m").asDouble()).isEqualTo(4.0);
    assertThat(server.getJson(proposal).at("/properties/version").asInt()).isEqualTo(4);
  }

  @Test
  void theSettlementsLogFiltersByAuthorTimeLayerAndPlanAndPagesWithoutRepeats() {
    Instant start = Instant.now();
    createdChangedDeleted(39.2430);
    send(server, "POST", PLANS, Requests.JSON, "{\"id\":\"logged\",\"name\":\"Logged\"}");

    JsonNode mine = server.getJson(HISTORY + "?author=test-admin&from=" + start + "&limit=1000");
    assertThat(mine.get("entries")).extracting(e -> e.get("subject").asText() + "/" + e.get("operation").asText())
        .containsExactly("plan/create", "feature/delete", "feature/update", "feature/create");
    JsonNode planEntry = mine.at("/entries/0");
    assertThat(planEntry.get("plan").asText()).isEqualTo("logged");
    assertThat(planEntry.at("/state/name").asText()).isEqualTo("Logged");
    JsonNode featureEntry = mine.at("/entries/1");
    assertThat(featureEntry.get("collection").asText()).isEqualTo("footpaths");
    assertThat(featureEntry.get("reason").asText()).isEqualTo("built over");
    assertThat(featureEntry.at("/state/width_m").asDouble()).isEqualTo(2.5);
    assertThat(href(featureEntry, "version-history")).endsWith("/items/" + featureEntry.get("featureId").asText() + "/versions");

    assertThat(server.getJson(HISTORY + "?author=test-admin&from=" + start + "&layer=footpaths").get("entries"))
        .extracting(e -> e.get("operation").asText()).containsExactly("delete", "update", "create");
    assertThat(server.getJson(HISTORY + "?from=" + start + "&plan=logged").get("entries")).hasSize(1);
    JsonNode earlier = server.getJson(HISTORY + "?to=" + start + "&limit=1000").get("entries");
    assertThat(earlier).isNotEmpty().allSatisfy(e -> assertThat(Instant.parse(e.get("at").asText())).isBefore(start));
    assertThat(earlier).noneSatisfy(e -> assertThat(e.path("plan").asText()).isEqualTo("logged"));
    // the demo load is in the log too, by 'system'
    assertThat(server.getJson(HISTORY + "?author=system&layer=structures&limit=1").at("/entries/0/operation").asText()).isEqualTo("create");

    // paging by sequence: four pages of one, each older than the last, no repeats, then no next link
    List<Long> seqs = new ArrayList<>();
    String href = server.uri(HISTORY + "?author=test-admin&from=" + start + "&limit=1").toString();
    while (href != null) {
      JsonNode page = TestServer.json(server.send(HttpRequest.newBuilder(URI.create(href)).GET().build()));
      page.get("entries").forEach(e -> seqs.add(e.get("seq").asLong()));
      href = page.get("numberReturned").asInt() == 0 ? null : href(page, "next");
      assertThat(seqs).hasSizeLessThan(10);
    }
    assertThat(seqs).hasSize(4).doesNotHaveDuplicates().isSortedAccordingTo((a, b) -> Long.compare(b, a));
    assertThat(new HashSet<>(seqs)).hasSize(4);
  }

  @Test
  void badFiltersAre400AndAnUnknownSettlement404() {
    assertBadParameter(server.get(HISTORY + "?from=yesterday"), "from", "must be an RFC 3339 time such as 2025-03-01T00:00:00Z; got 'yesterday'");
    assertBadParameter(server.get(HISTORY + "?layer=roads"), "layer", "must be one of structures, footpaths, services, constraints; got 'roads'");
    assertBadParameter(server.get(HISTORY + "?limit=0"), "limit", "must be a whole number from 1; got '0'");
    assertNotFound(server.admin().get("/api/settlements/atlantis/history"), "no settlement 'atlantis'");
  }

  @Test
  void historyCannotBeRewrittenAndChangesOutsideTheApiAreRecordedToo() throws SQLException {
    String id = server.getJson(FOOTPATHS + "?limit=1&offset=60").at("/features/0/id").asText();
    try (Connection c = server.database().dataSource().getConnection(); Statement st = c.createStatement()) {
      assertThatThrownBy(() -> st.executeUpdate("UPDATE feature_version SET author = 'nobody'"))
          .hasMessageContaining("feature_version is append-only: history is never changed or removed");
      assertThatThrownBy(() -> st.executeUpdate("DELETE FROM settlement_version"))
          .hasMessageContaining("settlement_version is append-only");
      assertThatThrownBy(() -> st.executeUpdate("TRUNCATE plan_version"))
          .hasMessageContaining("plan_version is append-only");
      st.executeUpdate("UPDATE footpaths SET width_m = 7 WHERE plan_id = 'baseline' AND id = '" + id + "'");
    }
    assertThat(server.getJson(FOOTPATHS + "/" + id).at("/properties/version").asInt()).isEqualTo(2);
    assertThat(scalar(server, "SELECT author || '/' || operation FROM feature_version WHERE feature_id = ?::uuid AND version = 2", id))
        .isEqualTo("sql:postgres/update");
  }
}
