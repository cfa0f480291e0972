package org.coplan.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.coplan.db.Jdbc;
import org.coplan.testing.SignedIn;
import org.coplan.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every authenticated change is attributed to its user in the history, however the user
 * authenticated: an engineer's API token, a planner's browser session. Features, plans and the
 * settlement itself, each in the settlement's log and (features) in their versions.
 */
class AttributionIT {
  static final TestServer server = TestServer.start();
  static final String API = "/api/settlements/tandale";
  static final String ITEMS = API + "/plans/baseline/collections/footpaths/items";
  static SignedIn planner;
  static String engineerToken;

  @BeforeAll
  static void accounts() {
    Fixture.account(server, "amina", false, "tandale", Role.PLANNER);
    Fixture.account(server, "baraka", false, "tandale", Role.ENGINEER);
    planner = SignedIn.login(server, "amina", Fixture.PASSWORD);
    engineerToken = UserAdmin.open(new Jdbc(server.database().dataSource()), "test", Fixture.CHEAP)
        .createToken("baraka", "survey laptop", TokenScope.READ_WRITE, "tandale");
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  @Test
  void eachChangeNamesWhoMadeItWhateverTheCredential() {
    Instant start = Instant.now();
    // the engineer, with a token: a surveyed footpath
    HttpResponse<byte[]> created =
        server.request("POST", ITEMS,
            "{\"type\":\"Feature\",\"geometry\":{\"type\":\"LineString\",\"coordinates\":[[39.243,-6.8],[39.2434,-6.8002]]},"
                + "\"properties\":{\"class\":\"footpath\",\"width_m\":1.5,\"state\":\"existing\"}}",
            "Authorization", "Bearer " + engineerToken, "Content-Type", "application/geo+json");
    assertThat(created.statusCode()).as(new String(created.body())).isEqualTo(201);
    String id = TestServer.json(created).get("id").asText();
    assertThat(TestServer.json(created).at("/properties/created_by").asText()).isEqualTo("baraka");

    // the planner, in the browser: widens it, makes a proposal, notes something on the settlement
    HttpResponse<byte[]> widened = planner.request("PATCH", ITEMS + "/" + id, "{\"properties\":{\"width_m\":2.0}}",
        "Content-Type", "application/merge-patch+json", "If-Match", created.headers().firstValue("ETag").orElseThrow(), "X-Change-Reason", "agreed at the walk");
    assertThat(widened.statusCode()).as(new String(widened.body())).isEqualTo(200);
    assertThat(TestServer.json(widened).at("/properties/updated_by").asText()).isEqualTo("amina");
    assertThat(planner.request("POST", API + "/plans", "{\"id\":\"attributed\",\"name\":\"Attributed\"}").statusCode()).isEqualTo(201);
    assertThat(planner.request("PATCH", API, "{\"notes\":\"walked with the cell leaders\"}", "Content-Type", "application/merge-patch+json").statusCode())
        .isEqualTo(200);

    JsonNode versions = planner.getJson(ITEMS + "/" + id + "/versions");
    List<String> byVersion = new ArrayList<>();
    versions.get("versions").forEach(v -> byVersion.add(v.get("version").asInt() + ":" + v.get("author").asText()));
    assertThat(byVersion).containsExactly("2:amina", "1:baraka");

    List<String> log = new ArrayList<>();
    planner.getJson(API + "/history?from=" + start + "&limit=100").get("entries")
        .forEach(e -> log.add(e.get("subject").asText() + "/" + e.get("operation").asText() + " by " + e.get("author").asText()));
    assertThat(log).containsExactly(
        "settlement/update by amina", "plan/create by amina", "feature/update by amina", "feature/create by baraka");
    assertThat(planner.getJson(API + "/history?author=baraka&from=" + start).get("entries")).hasSize(1);
  }
}
