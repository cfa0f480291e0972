package org.coplan.settlements;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import org.coplan.auth.UserAdmin;
import org.coplan.db.Jdbc;
import org.coplan.testing.SignedIn;
import org.coplan.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class SettlementResourceIT {
  static final TestServer server = TestServer.start();

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  @Test
  void listsTheDemoSettlementWithItsExtentAndUtmZone() {
    JsonNode list = server.getJson("/api/settlements").get("settlements");
    assertThat(list).hasSize(1);
    JsonNode tandale = list.get(0);
    assertThat(tandale.get("id").asText()).isEqualTo("tandale");
    assertThat(tandale.get("category").asText()).isEqualTo("unassessed");
    // Dar es Salaam lies in UTM zone 37 south
    assertThat(tandale.get("metricSrid").asInt()).isEqualTo(32737);
    JsonNode bbox = tandale.get("bbox");
    // the boundary is the buildings' hull 30 m out: beyond the buildings' extent
    // (39.235183, -6.812953) - (39.251011, -6.788550) by 30 m, about 0.00027 degrees
    assertThat(bbox.get(0).asDouble()).isBetween(39.235183 - 0.0004, 39.235183 - 0.0002);
    assertThat(bbox.get(1).asDouble()).isBetween(-6.812953 - 0.0004, -6.812953 - 0.0002);
    assertThat(bbox.get(2).asDouble()).isBetween(39.251011 + 0.0002, 39.251011 + 0.0004);
    assertThat(bbox.get(3).asDouble()).isBetween(-6.788550 + 0.0002, -6.788550 + 0.0004);
  }

  @Test
  void detailCarriesBoundaryAndTheBaselinePlan() {
    JsonNode s = server.getJson("/api/settlements/tandale");
    assertThat(s.get("boundary").get("type").asText()).isEqualTo("MultiPolygon");
    assertThat(s.get("plans").get(0).get("id").asText()).isEqualTo("baseline");
    assertThat(s.get("plans").get(0).get("status").asText()).isEqualTo("baseline");
    assertThat(s.get("notes").asText()).contains("OpenStreetMap");
  }

  @Test
  void unknownSettlementIsAProblemNamingIt() {
    // signed in: anonymous callers get a 401 for any settlement they cannot see, existing or not
    UserAdmin.open(new Jdbc(server.database().dataSource()), "test").add("explorer", null, "long enough password", false);
    SignedIn explorer = SignedIn.login(server, "explorer", "long enough password");
    HttpResponse<byte[]> r = explorer.get("/api/settlements/atlantis");
    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    JsonNode p = TestServer.json(r);
    assertThat(p.get("type").asText()).isEqualTo("/problems/not-found");
    assertThat(p.get("detail").asText()).contains("atlantis");
  }

  @Test
  void landingListsSettlementsAndNoBasemapByDefault() {
    JsonNode landing = server.getJson("/api");
    assertThat(landing.get("basemap").isNull()).isTrue();
    assertThat(landing.get("settlements").get(0).get("id").asText()).isEqualTo("tandale");
    assertThat(landing.get("links").findValuesAsText("rel")).contains("service-desc", "data");
  }

  @Test
  void healthReportsTheDatabase() {
    JsonNode h = server.getJson("/health");
    assertThat(h.get("status").asText()).isEqualTo("up");
    assertThat(h.get("database").get("postgis").asText()).startsWith("3.");
  }
}
