package org.coplan.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import org.coplan.testing.SignedIn;
import org.coplan.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** API tokens: shown once, stored hashed, scope and settlement enforced, revocation immediate. */
class TokenIT {
  static final TestServer server = TestServer.start();
  static SignedIn engineer;

  @BeforeAll
  static void accounts() {
    Fixture.setPublic(server, "tandale", false);
    Fixture.account(server, "juma", false, "tandale", Role.PLANNER);
    Fixture.account(server, "neema", false, null, null);
    engineer = SignedIn.login(server, "juma", Fixture.PASSWORD);
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  private static JsonNode create(String body) {
    HttpResponse<byte[]> r = engineer.request("POST", "/api/auth/tokens", body);
    assertThat(r.statusCode()).as(new String(r.body())).isEqualTo(201);
    return TestServer.json(r);
  }

  private static HttpResponse<byte[]> withToken(String method, String path, String token, String json) {
    return server.request(method, path, json, "Authorization", "Bearer " + token);
  }

  @Test
  void aTokenIsShownOnceStoredHashedAndWorksWithoutCsrf() {
    JsonNode created = create("{\"name\":\"QGIS on the site laptop\",\"scope\":\"read_write\"}");
    String token = created.get("token").asText();
    assertThat(token).matches("cpl_[A-Za-z0-9_-]{43}");
    assertThat(created.get("shown").asText()).isEqualTo(token.substring(0, 8) + "…");
    assertThat(created.get("scope").asText()).isEqualTo("read_write");
    assertThat(created.has("lastUsedAt")).isFalse();

    // the list never shows the token again
    JsonNode listed = engineer.getJson("/api/auth/tokens").get("tokens");
    assertThat(listed.toString()).doesNotContain(token);
    assertThat(listed.findValuesAsText("name")).contains("QGIS on the site laptop");

    // a bearer request: no cookie, no CSRF header, and it may change things
    HttpResponse<byte[]> share =
        withToken("POST", "/api/settlements/tandale/plans/baseline/share-links", token, "{\"label\":\"by script\"}");
    assertThat(share.statusCode()).isEqualTo(201);
    assertThat(TestServer.json(share).get("createdBy").asText()).isEqualTo("juma");

    // last use is recorded
    JsonNode mine = engineer.getJson("/api/auth/tokens").get("tokens");
    JsonNode entry = find(mine, created.get("id").asLong());
    assertThat(entry.get("lastUsedAt").asText()).isNotBlank();
    JsonNode me = TestServer.json(withToken("GET", "/api/auth/me", token, null));
    assertThat(me.get("credential").asText()).isEqualTo("token");
    assertThat(me.at("/token/id").asLong()).isEqualTo(created.get("id").asLong());
    assertThat(me.has("csrfToken")).isFalse();
  }

  @Test
  void aRevokedTokenStopsAtOnce() {
    JsonNode created = create("{\"name\":\"to be revoked\"}");
    String token = created.get("token").asText();
    assertThat(withToken("GET", "/api/settlements/tandale", token, null).statusCode()).isEqualTo(200);

    HttpResponse<byte[]> revoke = engineer.request("DELETE", "/api/auth/tokens/" + created.get("id").asLong(), null);
    assertThat(revoke.statusCode()).isEqualTo(204);

    HttpResponse<byte[]> after = withToken("GET", "/api/settlements/tandale", token, null);
    assertThat(after.statusCode()).isEqualTo(401);
    assertThat(after.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"coplan\", error=\"invalid_token\"");
    assertThat(TestServer.json(after).get("type").asText()).isEqualTo("/problems/invalid-token");
    // even on a public endpoint: a script must learn its token is dead
    assertThat(withToken("GET", "/health", token, null).statusCode()).isEqualTo(401);
    assertThat(find(engineer.getJson("/api/auth/tokens").get("tokens"), created.get("id").asLong()).get("revokedAt").asText()).isNotBlank();
  }

  @Test
  void aReadTokenCannotChangeAnything() {
    String token = create("{\"name\":\"read only\",\"scope\":\"read\"}").get("token").asText();
    assertThat(withToken("GET", "/api/settlements/tandale/members", token, null).statusCode()).isEqualTo(200);
    HttpResponse<byte[]> change = withToken("POST", "/api/settlements/tandale/plans/baseline/share-links", token, "{}");
    assertThat(change.statusCode()).isEqualTo(403);
    assertThat(TestServer.json(change).get("detail").asText()).isEqualTo("this token may only read");
    // nor mint itself a wider token
    assertThat(withToken("POST", "/api/auth/tokens", token, "{\"name\":\"wider\",\"scope\":\"read_write\"}").statusCode()).isEqualTo(403);
  }

  @Test
  void aSettlementTokenReachesOnlyThatSettlement() throws Exception {
    // a second, hidden settlement where juma is also a planner
    server.database().execute(
        "INSERT INTO settlement (id, name, boundary, metric_srid) SELECT 'mburahati', 'Mburahati', boundary, metric_srid FROM settlement WHERE id = 'tandale'");
    Fixture.users(server).setRole("juma", "mburahati", Role.PLANNER);
    String token = create("{\"name\":\"tandale only\",\"scope\":\"read_write\",\"settlement\":\"tandale\"}").get("token").asText();

    assertThat(withToken("GET", "/api/settlements/tandale", token, null).statusCode()).isEqualTo(200);
    HttpResponse<byte[]> other = withToken("GET", "/api/settlements/mburahati", token, null);
    assertThat(other.statusCode()).isEqualTo(404);
    assertThat(TestServer.json(other).get("detail").asText()).isEqualTo("no settlement 'mburahati'");
    JsonNode list = TestServer.json(withToken("GET", "/api/settlements", token, null)).get("settlements");
    assertThat(list.findValuesAsText("id")).containsExactly("tandale");
    // the session, unlimited, sees both
    assertThat(engineer.getJson("/api/settlements").get("settlements").findValuesAsText("id")).containsExactlyInAnyOrder("tandale", "mburahati");
  }

  @Test
  void tokensForAHiddenSettlementCannotBeMadeByOutsiders() {
    SignedIn neema = SignedIn.login(server, "neema", Fixture.PASSWORD);
    HttpResponse<byte[]> r = neema.request("POST", "/api/auth/tokens", "{\"name\":\"probe\",\"settlement\":\"tandale\"}");
    assertThat(r.statusCode()).isEqualTo(400);
    // the same words as for a settlement that does not exist
    assertThat(TestServer.json(r).get("detail").asText()).isEqualTo("no settlement 'tandale'");
  }

  @Test
  void nobodyRevokesAnotherUsersToken() {
    long id = create("{\"name\":\"juma's\"}").get("id").asLong();
    SignedIn neema = SignedIn.login(server, "neema", Fixture.PASSWORD);
    assertThat(neema.request("DELETE", "/api/auth/tokens/" + id, null).statusCode()).isEqualTo(404);
    assertThat(neema.getJson("/api/auth/tokens?user=juma").toString()).contains("only admins");
    assertThat(find(engineer.getJson("/api/auth/tokens").get("tokens"), id).has("revokedAt")).isFalse();
  }

  @Test
  void anAdminMakesATokenForSomeoneAndRevokesIt() {
    SignedIn admin = server.admin();
    HttpResponse<byte[]> made = admin.request("POST", "/api/auth/tokens", "{\"name\":\"for the survey\",\"user\":\"juma\",\"scope\":\"read\"}");
    assertThat(made.statusCode()).as(new String(made.body())).isEqualTo(201);
    JsonNode created = TestServer.json(made);
    assertThat(created.get("owner").asText()).isEqualTo("juma");
    String token = created.get("token").asText();
    // it acts as its owner, and its owner sees it among their own
    assertThat(TestServer.json(withToken("GET", "/api/auth/me", token, null)).at("/user/username").asText()).isEqualTo("juma");
    find(engineer.getJson("/api/auth/tokens").get("tokens"), created.get("id").asLong());
    find(admin.getJson("/api/auth/tokens?user=juma").get("tokens"), created.get("id").asLong());

    assertThat(admin.request("DELETE", "/api/auth/tokens/" + created.get("id").asLong(), null).statusCode()).isEqualTo(204);
    assertThat(withToken("GET", "/api/auth/me", token, null).statusCode()).isEqualTo(401);
    assertThat(find(engineer.getJson("/api/auth/tokens").get("tokens"), created.get("id").asLong()).has("revokedAt")).isTrue();
  }

  private static JsonNode find(JsonNode tokens, long id) {
    for (JsonNode t : tokens) {
      if (t.get("id").asLong() == id) {
        return t;
      }
    }
    throw new AssertionError("no token " + id + " in " + tokens);
  }
}
