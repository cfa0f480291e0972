package org.coplan.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import org.coplan.testing.SignedIn;
import org.coplan.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A settlement that is not public: who sees it, and how the refusals read (401, 403, 404). */
class VisibilityIT {
  static final TestServer server = TestServer.start();
  static SignedIn viewer;
  static SignedIn outsider;

  @BeforeAll
  static void setUp() {
    Fixture.setPublic(server, "tandale", false);
    // and a public one beside it
    server.database().execute(
        "INSERT INTO settlement (id, name, boundary, metric_srid, is_public) SELECT 'kigogo', 'Kigogo', boundary, metric_srid, true FROM settlement WHERE id = 'tandale'");
    server.database().execute("INSERT INTO plan (settlement_id, id, name, status) VALUES ('kigogo', 'baseline', 'Existing', 'baseline')");
    Fixture.account(server, "viewer", false, "tandale", Role.VIEWER);
    Fixture.account(server, "outsider", false, null, null);
    viewer = SignedIn.login(server, "viewer", Fixture.PASSWORD);
    outsider = SignedIn.login(server, "outsider", Fixture.PASSWORD);
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  @Test
  void anonymousUsersSeeNothingOfIt() {
    assertThat(server.getJson("/api/settlements").get("settlements").findValuesAsText("id")).containsExactly("kigogo");
    assertThat(server.getJson("/api").get("settlements").findValuesAsText("id")).containsExactly("kigogo");
    HttpResponse<byte[]> detail = server.get("/api/settlements/tandale");
    assertThat(detail.statusCode()).isEqualTo(401);
    assertThat(detail.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"coplan\"");
    JsonNode p = TestServer.json(detail);
    assertThat(p.get("type").asText()).isEqualTo("/problems/unauthenticated");
    assertThat(p.get("title").asText()).isEqualTo("Authentication required");
    assertThat(p.get("status").asInt()).isEqualTo(401);
    assertThat(p.get("detail").asText()).isEqualTo("sign in, send an API token or use a share link to see settlement 'tandale'");
    // the same answer, word for word, for a settlement that does not exist
    HttpResponse<byte[]> missing = server.get("/api/settlements/atlantis");
    assertThat(missing.statusCode()).isEqualTo(401);
    assertThat(TestServer.json(missing).get("detail").asText()).isEqualTo(p.get("detail").asText().replace("tandale", "atlantis"));
  }

  @Test
  void membersSeeIt() {
    assertThat(viewer.getJson("/api/settlements").get("settlements").findValuesAsText("id")).containsExactly("kigogo", "tandale");
    HttpResponse<byte[]> detail = viewer.get("/api/settlements/tandale");
    assertThat(detail.statusCode()).isEqualTo(200);
    assertThat(TestServer.json(detail).get("name").asText()).isEqualTo("Tandale");
    // a member's answer must not be kept by shared caches
    assertThat(detail.headers().firstValue("Cache-Control")).hasValue("private");
    assertThat(detail.headers().allValues("Vary").toString()).contains("Authorization", "Cookie", "X-Share-Token");
  }

  @Test
  void signedInOutsidersGetTheAnswerOfASettlementThatDoesNotExist() {
    assertThat(outsider.getJson("/api/settlements").get("settlements").findValuesAsText("id")).containsExactly("kigogo");
    HttpResponse<byte[]> hidden = outsider.get("/api/settlements/tandale");
    HttpResponse<byte[]> missing = outsider.get("/api/settlements/tandale-gone");
    assertThat(hidden.statusCode()).isEqualTo(404);
    assertThat(missing.statusCode()).isEqualTo(404);
    JsonNode h = TestServer.json(hidden);
    JsonNode m = TestServer.json(missing);
    assertThat(h.get("detail").asText()).isEqualTo("no settlement 'tandale'");
    assertThat(m.get("detail").asText()).isEqualTo("no settlement 'tandale-gone'");
    assertThat(h.get("type").asText()).isEqualTo(m.get("type").asText()).isEqualTo("/problems/not-found");
    assertThat(hidden.headers().firstValue("Cache-Control")).isEqualTo(missing.headers().firstValue("Cache-Control"));
  }

  @Test
  void membersWithoutTheRoleGet403SayingWhichRoleIsNeeded() {
    HttpResponse<byte[]> r = viewer.get("/api/settlements/tandale/members");
    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(r.headers().firstValue("WWW-Authenticate")).isEmpty();
    JsonNode p = TestServer.json(r);
    assertThat(p.get("type").asText()).isEqualTo("/problems/forbidden");
    assertThat(p.get("title").asText()).isEqualTo("Forbidden");
    assertThat(p.get("detail").asText()).isEqualTo("this needs the role planner (or higher) in settlement 'tandale'; your role there is viewer");
    assertThat(p.get("instance").asText()).isEqualTo("/api/settlements/tandale/members");
    // the same facts as members, for clients that say it in their own language
    assertThat(p.get("settlement").asText()).isEqualTo("tandale");
    assertThat(p.get("requiredRole").asText()).isEqualTo("planner");
    assertThat(p.get("currentRole").asText()).isEqualTo("viewer");
  }

  @Test
  void aPublicSettlementIsReadableByAnyoneButChangeableOnlyByItsPlanners() {
    HttpResponse<byte[]> anonymous = server.get("/api/settlements/kigogo");
    assertThat(anonymous.statusCode()).isEqualTo(200);
    assertThat(anonymous.headers().firstValue("Cache-Control")).isEmpty();
    assertThat(server.request("POST", "/api/settlements/kigogo/plans/baseline/share-links", "{}").statusCode()).isEqualTo(401);
    // a signed-in outsider may see it, so hiding it is pointless: 403
    assertThat(outsider.request("POST", "/api/settlements/kigogo/plans/baseline/share-links", "{}").statusCode()).isEqualTo(403);
    JsonNode access = outsider.getJson("/api/settlements/kigogo/plans/baseline/access");
    assertThat(access.get("via").asText()).isEqualTo("public");
    assertThat(access.get("canEdit").asBoolean()).isFalse();
  }

  @Test
  void aShareLinkToAPublicSettlementSaysSoAndARevokedOneReadsAsPublic() {
    Fixture.account(server, "kigogo-planner", false, "kigogo", Role.PLANNER);
    SignedIn planner = SignedIn.login(server, "kigogo-planner", Fixture.PASSWORD);
    JsonNode link = TestServer.json(planner.request("POST", "/api/settlements/kigogo/plans/baseline/share-links", "{\"label\":\"hall\"}"));
    String access = "/api/settlements/kigogo/plans/baseline/access";
    String token = link.get("token").asText();
    assertThat(TestServer.json(server.get(access, "X-Share-Token", token)).get("via").asText()).isEqualTo("share-link");
    // a member keeps reading as a member, link or not
    assertThat(planner.getJson(access + "?share=" + token).get("via").asText()).isEqualTo("member");

    planner.request("DELETE", "/api/settlements/kigogo/plans/baseline/share-links/" + link.get("id").asLong(), null);
    HttpResponse<byte[]> revoked = server.get(access, "X-Share-Token", token);
    assertThat(revoked.statusCode()).isEqualTo(200);
    assertThat(TestServer.json(revoked).get("via").asText()).isEqualTo("public");
  }
}
