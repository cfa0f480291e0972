package org.coplan.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import org.coplan.testing.SignedIn;
import org.coplan.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Share links on a settlement that is not public: read-only, one plan only, revocable. Reads go to
 * the plan's access endpoint, which like every plan endpoint without a rule of its own is readable
 * with a share link of that plan; the plan's share-link list needs a planner and stays shut.
 */
class ShareLinkIT {
  static final TestServer server = TestServer.start();
  static SignedIn planner;

  @BeforeAll
  static void setUp() {
    Fixture.setPublic(server, "tandale", false);
    server.database().execute(
        "INSERT INTO plan (settlement_id, id, name, status) VALUES ('tandale', 'wider-paths', 'Wider paths', 'draft')");
    Fixture.account(server, "halima", false, "tandale", Role.PLANNER);
    planner = SignedIn.login(server, "halima", Fixture.PASSWORD);
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  private static JsonNode share(String plan, String label) {
    HttpResponse<byte[]> r =
        planner.request("POST", "/api/settlements/tandale/plans/" + plan + "/share-links", "{\"label\":\"" + label + "\"}");
    assertThat(r.statusCode()).isEqualTo(201);
    return TestServer.json(r);
  }

  @Test
  void aLinkCarriesItsTokenOnceAndLinksToTheAppAndTheApi() {
    JsonNode link = share("baseline", "Notice board at the market");
    String token = link.get("token").asText();
    assertThat(token).matches("cps_[A-Za-z0-9_-]{43}");
    assertThat(link.get("url").asText()).isEqualTo(server.uri("/?share=" + token + "&settlement=tandale&plan=baseline").toString());
    assertThat(link.get("apiUrl").asText()).isEqualTo(server.uri("/api/settlements/tandale/plans/baseline?share=" + token).toString());
    assertThat(link.get("createdBy").asText()).isEqualTo("halima");
    JsonNode listed = planner.getJson("/api/settlements/tandale/plans/baseline/share-links").get("shareLinks");
    assertThat(listed.findValuesAsText("label")).contains("Notice board at the market");
    assertThat(listed.toString()).doesNotContain(token);
  }

  @Test
  void aLinkReadsItsPlanOnlyAndNeverWrites() {
    String token = share("baseline", "meeting screen").get("token").asText();
    // its plan: by query parameter or header
    HttpResponse<byte[]> read = server.get("/api/settlements/tandale/plans/baseline/access?share=" + token);
    assertThat(read.statusCode()).isEqualTo(200);
    JsonNode access = TestServer.json(read);
    assertThat(access.get("via").asText()).isEqualTo("share-link");
    assertThat(access.get("planName").asText()).isEqualTo("Existing conditions");
    assertThat(access.get("canEdit").asBoolean()).isFalse();
    assertThat(read.headers().firstValue("Cache-Control").orElse("")).contains("private");
    assertThat(server.get("/api/settlements/tandale/plans/baseline/access", "X-Share-Token", token).statusCode()).isEqualTo(200);
    // another plan of the same settlement: no
    assertThat(server.get("/api/settlements/tandale/plans/wider-paths/access?share=" + token).statusCode()).isEqualTo(401);
    // planner-only reads of its own plan stay shut
    String shareLinks = "/api/settlements/tandale/plans/baseline/share-links";
    assertThat(server.get(shareLinks + "?share=" + token).statusCode()).isEqualTo(401);
    // writing with it: 401 and why
    HttpResponse<byte[]> write = server.request("POST", shareLinks + "?share=" + token, "{}");
    assertThat(write.statusCode()).isEqualTo(401);
    assertThat(TestServer.json(write).get("detail").asText()).endsWith("share links only read");
    // the settlement as a whole is not shared, only the plan
    assertThat(server.get("/api/settlements/tandale?share=" + token).statusCode()).isEqualTo(401);
    assertThat(TestServer.json(server.get("/api/settlements?share=" + token)).get("settlements")).isEmpty();
  }

  @Test
  void aRevokedLinkStopsAtOnceAndSaysSo() {
    JsonNode link = share("wider-paths", "to be revoked");
    String token = link.get("token").asText();
    String access = "/api/settlements/tandale/plans/wider-paths/access?share=" + token;
    assertThat(server.get(access).statusCode()).isEqualTo(200);

    HttpResponse<byte[]> revoke =
        planner.request("DELETE", "/api/settlements/tandale/plans/wider-paths/share-links/" + link.get("id").asLong(), null);
    assertThat(revoke.statusCode()).isEqualTo(204);

    HttpResponse<byte[]> after = server.get(access);
    assertThat(after.statusCode()).isEqualTo(401);
    assertThat(TestServer.json(after).get("detail").asText()).startsWith("the share link is unknown or has been revoked");
    // the app's own page still loads with a dead link in its address
    assertThat(server.get("/?share=" + token).statusCode()).isIn(200, 404);
    // revoking twice, or a link of another plan through this plan, is "not found"
    assertThat(planner.request("DELETE", "/api/settlements/tandale/plans/wider-paths/share-links/" + link.get("id").asLong(), null).statusCode())
        .isEqualTo(404);
    long baselineLink = share("baseline", "other plan").get("id").asLong();
    assertThat(planner.request("DELETE", "/api/settlements/tandale/plans/wider-paths/share-links/" + baselineLink, null).statusCode())
        .isEqualTo(404);
  }

  @Test
  void viewersCannotMakeLinks() {
    Fixture.account(server, "viewer-only", false, "tandale", Role.VIEWER);
    SignedIn viewer = SignedIn.login(server, "viewer-only", Fixture.PASSWORD);
    HttpResponse<byte[]> r = viewer.request("POST", "/api/settlements/tandale/plans/baseline/share-links", "{}");
    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(TestServer.json(r).get("detail").asText())
        .isEqualTo("this needs the role planner (or higher) in settlement 'tandale'; your role there is viewer");
  }
}
