package org.coplan.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import org.coplan.testing.SignedIn;
import org.coplan.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Browser sessions: sign-in, the cookie's flags, who am I, CSRF, sign-out. */
class SessionIT {
  static final TestServer server = TestServer.start();

  @BeforeAll
  static void accounts() {
    Fixture.account(server, "Amina", false, "tandale", Role.PLANNER);
    Fixture.account(server, "baraka", false, "tandale", Role.VIEWER);
    Fixture.account(server, "rehash", false, null, null);
    Fixture.account(server, "leaving", false, "tandale", Role.VIEWER);
    Fixture.account(server, "root", true, null, null);
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  @Test
  void signInSetsAnHttpOnlyLaxCookieAndAnswersWhoSignedIn() {
    HttpResponse<byte[]> r = server.request("POST", "/api/auth/login", SignedIn.loginBody("amina", Fixture.PASSWORD));
    assertThat(r.statusCode()).isEqualTo(200);
    String cookie = r.headers().firstValue("Set-Cookie").orElseThrow();
    assertThat(cookie).matches("coplan_session=[A-Za-z0-9_-]{43}; Path=/; HttpOnly; SameSite=Lax");
    assertThat(r.headers().firstValue("Cache-Control")).hasValue("no-store");
    JsonNode me = TestServer.json(r);
    // the username as stored, though typed in another case
    assertThat(me.at("/user/username").asText()).isEqualTo("Amina");
    assertThat(me.at("/user/admin").asBoolean()).isFalse();
    assertThat(me.at("/memberships/0/settlement").asText()).isEqualTo("tandale");
    assertThat(me.at("/memberships/0/role").asText()).isEqualTo("planner");
    assertThat(me.get("credential").asText()).isEqualTo("session");
    assertThat(me.get("csrfToken").asText()).matches("[A-Za-z0-9_-]{43}");
    // the session is stored under the SHA-256 of its id, never the id itself
    String id = cookie.substring("coplan_session=".length(), cookie.indexOf(';'));
    assertThat(server.database().scalar("SELECT count(*) FROM user_session WHERE id_hash = sha256(convert_to(?, 'UTF8'))", id)).isEqualTo("1");
    assertThat(server.database().scalar("SELECT count(*) FROM user_session WHERE position(convert_to(?, 'UTF8') IN id_hash) > 0", id)).isEqualTo("0");
  }

  @Test
  void theCookieIsSecureBehindAnHttpsProxy() {
    HttpResponse<byte[]> r =
        server.request("POST", "/api/auth/login", SignedIn.loginBody("baraka", Fixture.PASSWORD), "X-Forwarded-Proto", "https");
    assertThat(r.headers().firstValue("Set-Cookie").orElseThrow()).endsWith("; HttpOnly; SameSite=Lax; Secure");
  }

  @Test
  void wrongPasswordAndUnknownUserGetTheSame401() {
    HttpResponse<byte[]> wrong = server.request("POST", "/api/auth/login", SignedIn.loginBody("baraka", "not the password at all"));
    HttpResponse<byte[]> unknown = server.request("POST", "/api/auth/login", SignedIn.loginBody("nobody-here", "not the password at all"));
    for (HttpResponse<byte[]> r : java.util.List.of(wrong, unknown)) {
      assertThat(r.statusCode()).isEqualTo(401);
      assertThat(r.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"coplan\"");
      assertThat(r.headers().firstValue("Set-Cookie")).isEmpty();
      JsonNode p = TestServer.json(r);
      assertThat(p.get("type").asText()).isEqualTo("/problems/invalid-credentials");
      assertThat(p.get("detail").asText()).isEqualTo("unknown username or wrong password");
    }
  }

  @Test
  void meNeedsASession() {
    HttpResponse<byte[]> anonymous = server.get("/api/auth/me");
    assertThat(anonymous.statusCode()).isEqualTo(401);
    assertThat(anonymous.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"coplan\"");
    assertThat(TestServer.json(anonymous).get("type").asText()).isEqualTo("/problems/unauthenticated");

    SignedIn baraka = SignedIn.login(server, "baraka", Fixture.PASSWORD);
    JsonNode me = baraka.getJson("/api/auth/me");
    assertThat(me.at("/user/username").asText()).isEqualTo("baraka");
    assertThat(me.get("csrfToken").asText()).isEqualTo(baraka.csrfToken());
  }

  @Test
  void changesWithASessionNeedTheCsrfTokenOfThatSession() {
    SignedIn amina = SignedIn.login(server, "amina", Fixture.PASSWORD);
    SignedIn other = SignedIn.login(server, "amina", Fixture.PASSWORD);
    String body = "{\"label\":\"notice board\"}";
    String path = "/api/settlements/tandale/plans/baseline/share-links";

    HttpResponse<byte[]> missing = server.request("POST", path, body, "Cookie", amina.cookie());
    assertThat(missing.statusCode()).isEqualTo(403);
    JsonNode p = TestServer.json(missing);
    assertThat(p.get("type").asText()).isEqualTo("/problems/csrf-token-invalid");
    assertThat(p.get("detail").asText()).contains("X-CSRF-Token");

    // another session's token does not do: the token is tied to its session
    HttpResponse<byte[]> foreign = server.request("POST", path, body, "Cookie", amina.cookie(), "X-CSRF-Token", other.csrfToken());
    assertThat(foreign.statusCode()).isEqualTo(403);
    assertThat(TestServer.json(foreign).get("detail").asText()).contains("does not match");

    assertThat(amina.request("POST", path, body).statusCode()).isEqualTo(201);
    // reads need no token
    assertThat(server.request("GET", path, null, "Cookie", amina.cookie()).statusCode()).isEqualTo(200);
  }

  @Test
  void signOutEndsTheSessionOnTheServer() {
    SignedIn baraka = SignedIn.login(server, "baraka", Fixture.PASSWORD);
    HttpResponse<byte[]> out = baraka.request("POST", "/api/auth/logout", null);
    assertThat(out.statusCode()).isEqualTo(204);
    assertThat(out.headers().firstValue("Set-Cookie").orElseThrow()).startsWith("coplan_session=; Path=/; Max-Age=0");

    // the same cookie, replayed, is worth nothing now
    HttpResponse<byte[]> replay = baraka.get("/api/auth/me");
    assertThat(replay.statusCode()).isEqualTo(401);
    assertThat(TestServer.json(replay).get("detail").asText()).isEqualTo("your session has ended; sign in again");
    assertThat(replay.headers().firstValue("Set-Cookie").orElseThrow()).startsWith("coplan_session=; Path=/; Max-Age=0");
    // and an ended session does not spoil public pages
    assertThat(baraka.get("/api/settlements").statusCode()).isEqualTo(200);
  }

  @Test
  void signInUpgradesAWeakerHashToTheCurrentParameters() {
    assertThat(PasswordHasher.paramsOf(hashOf("rehash"))).contains(Fixture.CHEAP);
    SignedIn.login(server, "rehash", Fixture.PASSWORD);
    assertThat(PasswordHasher.paramsOf(hashOf("rehash"))).contains(PasswordHasher.Params.DEFAULT);
    // and the upgraded hash still opens the account
    SignedIn.login(server, "rehash", Fixture.PASSWORD);
  }

  @Test
  void disablingAnAccountEndsItsSessionsAndRefusesSignIn() {
    SignedIn leaving = SignedIn.login(server, "leaving", Fixture.PASSWORD);
    SignedIn admin = SignedIn.login(server, "root", Fixture.PASSWORD);
    HttpResponse<byte[]> disabled = admin.request("PATCH", "/api/users/leaving", "{\"disabled\":true}");
    assertThat(disabled.statusCode()).isEqualTo(200);
    assertThat(TestServer.json(disabled).get("disabled").asBoolean()).isTrue();
    assertThat(leaving.get("/api/auth/me").statusCode()).isEqualTo(401);
    HttpResponse<byte[]> again = server.request("POST", "/api/auth/login", SignedIn.loginBody("leaving", Fixture.PASSWORD));
    assertThat(again.statusCode()).isEqualTo(403);
    assertThat(TestServer.json(again).get("detail").asText()).isEqualTo("this account is disabled; ask an admin");
  }

  private static String hashOf(String username) {
    return server.database().scalar("SELECT password_hash FROM account WHERE username = ?", username);
  }
}
