package org.coplan.settlements;

import static org.assertj.core.api.Assertions.assertThat;
import static org.coplan.testing.Problems.assertNotFound;
import static org.coplan.testing.Problems.assertProblem;
import static org.coplan.testing.Requests.count;
import static org.coplan.testing.Requests.feature;
import static org.coplan.testing.Requests.footpath;
import static org.coplan.testing.Requests.line;
import static org.coplan.testing.Requests.post;
import static org.coplan.testing.Requests.scalar;
import static org.coplan.testing.Requests.send;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.coplan.testing.Requests;
import org.coplan.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** Creating, changing (with the category decision) and archiving settlements. */
class SettlementEditIT {
  static final TestServer server = TestServer.start();
  static final String SETTLEMENTS = "/api/settlements";
  // a few blocks of Kibera, Nairobi (UTM 37S) and of Old Fadama, Accra (UTM 30N)
  static final String KIBERA =
      "{\"type\":\"Polygon\",\"coordinates\":[[[36.780,-1.315],[36.795,-1.315],[36.795,-1.305],[36.780,-1.305],[36.780,-1.315]]]}";
  static final String OLD_FADAMA =
      "{\"type\":\"Polygon\",\"coordinates\":[[[-0.225,5.545],[-0.215,5.545],[-0.215,5.552],[-0.225,5.552],[-0.225,5.545]]]}";

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  static HttpResponse<byte[]> create(String json) {
    return send(server, "POST", SETTLEMENTS, Requests.JSON, json);
  }

  @Test
  void aNewSettlementGetsAnIdItsUtmZoneAndAnEmptyBaseline() {
    HttpResponse<byte[]> r = create("{\"name\":\"Kibera Soweto East\",\"boundary\":" + KIBERA + ",\"notes\":\"zone A\"}");
    assertThat(r.statusCode()).isEqualTo(201);
    assertThat(r.headers().firstValue("Location")).hasValue(server.uri(SETTLEMENTS + "/kibera-soweto-east").toString());
    JsonNode s = TestServer.json(r);
    assertThat(s.get("id").asText()).isEqualTo("kibera-soweto-east");
    assertThat(s.get("metricSrid").asInt()).isEqualTo(32737);
    assertThat(s.get("category").asText()).isEqualTo("unassessed");
    assertThat(s.get("notes").asText()).isEqualTo("zone A");
    assertThat(s.get("plans")).extracting(p -> p.get("id").asText()).containsExactly("baseline");
    assertThat(s.at("/bbox/0").asDouble()).isEqualTo(36.780);
    assertThat(server.admin().getJson(SETTLEMENTS + "/kibera-soweto-east/plans/baseline/collections/structures/items").get("numberMatched").asInt())
        .isZero();
    assertThat(server.admin().getJson(SETTLEMENTS + "/kibera-soweto-east/plans/baseline/collections").at("/crs/3").asText())
        .isEqualTo("http://www.opengis.net/def/crs/EPSG/0/32737");

    JsonNode accra = TestServer.json(create("{\"id\":\"old-fadama\",\"name\":\"Old Fadama\",\"boundary\":" + OLD_FADAMA + "}"));
    assertThat(accra.get("metricSrid").asInt()).isEqualTo(32630);
    JsonNode given = TestServer.json(create("{\"id\":\"old-fadama-east\",\"name\":\"Old Fadama East\",\"boundary\":" + OLD_FADAMA
        + ",\"metricSrid\":25000}"));
    assertThat(given.get("metricSrid").asInt()).as("the Ghana Metre Grid, when it is given").isEqualTo(25000);
    // the Ghana National Grid is in feet: analysis measures in metres
    JsonNode feet = assertProblem(create("{\"name\":\"F\",\"boundary\":" + OLD_FADAMA + ",\"metricSrid\":2136}"), 422, "invalid-content");
    assertThat(feet.at("/errors/0/detail").asText()).isEqualTo("EPSG:2136 is not a projected CRS in metres that PostGIS knows");

    // features are checked against the new settlement's boundary
    String items = SETTLEMENTS + "/kibera-soweto-east/plans/baseline/collections/footpaths/items";
    assertThat(post(server, items, feature(line(36.785, -1.31, 36.786, -1.311), footpath("footpath", 1))).statusCode()).isEqualTo(201);
    JsonNode far = assertProblem(post(server, items, feature(line(39.24, -6.80, 39.2405, -6.8003), footpath("lane", 2))), 422, "invalid-content");
    assertThat(far.at("/errors/0/detail").asText()).contains("km from settlement 'Kibera Soweto East'");
  }

  @Test
  void aBadSettlementIsRefusedWithEveryFaultLocated() {
    String bowTie = "{\"type\":\"Polygon\",\"coordinates\":[[[36.78,-1.315],[36.795,-1.305],[36.795,-1.315],[36.78,-1.305],[36.78,-1.315]]]}";
    JsonNode p = assertProblem(create("{\"id\":\"Bad Id\",\"boundary\":" + bowTie + ",\"category\":\"C\",\"metricSrid\":4326.5,\"x\":1}"),
        422, "invalid-content");
    assertThat(p.get("errors")).extracting(e -> e.get("pointer").asText())
        .containsExactlyInAnyOrder("/id", "/boundary", "/metricSrid", "/name", "/categoryReason", "/x");
    JsonNode boundary = null;
    for (JsonNode e : p.get("errors")) {
      if (e.get("pointer").asText().equals("/boundary")) {
        boundary = e;
      }
    }
    assertThat(boundary.get("detail").asText()).isEqualTo("invalid boundary: Self-intersection");
    assertThat(boundary.get("location").toString()).isEqualTo("[36.7875,-1.31]");

    JsonNode point = assertProblem(create("{\"name\":\"P\",\"boundary\":{\"type\":\"Point\",\"coordinates\":[36.78,-1.3]}}"), 422, "invalid-content");
    assertThat(point.at("/errors/0/detail").asText()).isEqualTo("must be a Polygon or MultiPolygon; got Point");
    JsonNode degrees = assertProblem(create("{\"name\":\"P\",\"boundary\":{\"type\":\"Polygon\",\"coordinates\":"
        + "[[[256000,9850000],[257000,9850000],[257000,9851000],[256000,9850000]]]}}"), 422, "invalid-content");
    assertThat(degrees.at("/errors/0/detail").asText()).startsWith("positions are longitude, latitude in degrees (CRS84)");
    JsonNode geographic = assertProblem(create("{\"name\":\"G\",\"boundary\":" + KIBERA + ",\"metricSrid\":4326}"), 422, "invalid-content");
    assertThat(geographic.at("/errors/0/detail").asText()).isEqualTo("EPSG:4326 is not a projected CRS in metres that PostGIS knows");

    create("{\"id\":\"taken\",\"name\":\"Taken\",\"boundary\":" + KIBERA + "}");
    JsonNode taken = assertProblem(create("{\"id\":\"taken\",\"name\":\"Taken again\",\"boundary\":" + KIBERA + "}"), 409, "conflict");
    assertThat(taken.get("detail").asText()).isEqualTo("settlement id 'taken' is taken (perhaps by an archived settlement); choose another");
    assertProblem(send(server, "POST", SETTLEMENTS, "text/plain", "name=x"), 415, "unsupported-media-type");
    assertProblem(send(server, "POST", SETTLEMENTS, Requests.JSON, "{name: 'x'}"), 400, "malformed-json");
  }

  @Test
  void theCategoryDecisionNeedsItsReasonAndIsRecordedInTheHistory() {
    create("{\"id\":\"mathare\",\"name\":\"Mathare\",\"boundary\":" + KIBERA + "}");
    String path = SETTLEMENTS + "/mathare";
    JsonNode noReason = assertProblem(send(server, "PATCH", path, Requests.MERGE_PATCH, "{\"category\":\"C\"}"), 422, "invalid-content");
    assertThat(noReason.at("/errors/0/pointer").asText()).isEqualTo("/categoryReason");
    assertThat(noReason.at("/errors/0/detail").asText()).isEqualTo("is required when the category is C: say why it was decided");

    HttpResponse<byte[]> r = send(server, "PATCH", path, Requests.MERGE_PATCH,
        "{\"category\":\"B1\",\"categoryReason\":\"permanent; land suitable once drained\",\"reason\":\"segment forum 12 March\"}");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(TestServer.json(r).get("category").asText()).isEqualTo("B1");
    assertThat(TestServer.json(r).get("categoryReason").asText()).isEqualTo("permanent; land suitable once drained");

    // a new category without a new reason is refused: the old reason was for the old category
    JsonNode stale = assertProblem(send(server, "PATCH", path, Requests.MERGE_PATCH, "{\"category\":\"B2\"}"), 422, "invalid-content");
    assertThat(stale.at("/errors/0/detail").asText()).isEqualTo("is required with a new category: say why B2 was decided");
    // other fields change without touching the decision
    JsonNode renamed = TestServer.json(send(server, "PATCH", path, Requests.MERGE_PATCH, "{\"name\":\"Mathare North\",\"notes\":null}"));
    assertThat(renamed.get("name").asText()).isEqualTo("Mathare North");
    assertThat(renamed.get("category").asText()).isEqualTo("B1");
    assertProblem(send(server, "PATCH", path, Requests.MERGE_PATCH, "{\"boundary\":null}"), 422, "invalid-content");

    JsonNode log = server.admin().getJson(path + "/history");
    assertThat(log.get("entries")).extracting(e -> e.get("subject").asText() + "/" + e.get("operation").asText())
        .containsExactly("settlement/update", "settlement/categorise", "plan/create", "settlement/create");
    JsonNode decision = log.at("/entries/1");
    assertThat(decision.get("subject").asText()).isEqualTo("settlement");
    assertThat(decision.get("reason").asText()).isEqualTo("segment forum 12 March");
    assertThat(decision.at("/state/category").asText()).isEqualTo("B1");
    assertThat(decision.at("/state/categoryReason").asText()).isEqualTo("permanent; land suitable once drained");
    assertNotFound(send(server, "PATCH", SETTLEMENTS + "/atlantis", Requests.MERGE_PATCH, "{}"), "no settlement 'atlantis'");
  }

  @Test
  void deletingASettlementArchivesItAndKeepsItsData() {
    create("{\"id\":\"to-archive\",\"name\":\"To archive\",\"boundary\":" + KIBERA + "}");
    post(server, SETTLEMENTS + "/to-archive/plans/baseline/collections/footpaths/items",
        feature(line(36.785, -1.31, 36.786, -1.311), footpath("footpath", 1)));
    HttpResponse<byte[]> r = send(server, "DELETE", SETTLEMENTS + "/to-archive", null, null, "X-Change-Reason", "merged into Kibera");
    assertThat(r.statusCode()).isEqualTo(204);
    assertNotFound(server.admin().get(SETTLEMENTS + "/to-archive"), "no settlement 'to-archive'");
    assertNotFound(server.admin().get(SETTLEMENTS + "/to-archive/plans/baseline/collections/footpaths/items"), "no settlement 'to-archive'");
    List<String> ids = new ArrayList<>();
    server.admin().getJson(SETTLEMENTS).get("settlements").forEach(s -> ids.add(s.get("id").asText()));
    assertThat(ids).contains("tandale").doesNotContain("to-archive");
    assertThat(count(server, "SELECT count(*) FROM footpaths WHERE settlement_id = 'to-archive'")).isEqualTo(1);
    assertThat(scalar(server, "SELECT operation || '/' || reason FROM settlement_version WHERE settlement_id = 'to-archive' ORDER BY version DESC LIMIT 1"))
        .isEqualTo("archive/merged into Kibera");
    assertNotFound(send(server, "DELETE", SETTLEMENTS + "/to-archive", null, null), "no settlement 'to-archive'");
  }
}
