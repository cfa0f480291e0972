package org.coplan.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.coplan.testing.SignedIn;
import org.coplan.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * SQL-injection and script payloads in every string field of the account endpoints are stored and
 * answered verbatim, as JSON strings in {@code application/json} with {@code nosniff}. Whether a
 * browser renders them as text is the web app's test (it must set textContent, never innerHTML).
 */
class HostileInputIT {
  static final TestServer server = TestServer.start();
  static SignedIn admin;

  static final List<String> USERNAMES =
      List.of("robert'); DROP TABLE account;--", "<img src=x onerror=alert(1)>", "' OR '1'='1", "Zuhura Ñandú 😀 \"quoted\"");
  static final String SCRIPT = "<script>alert(\"xss\")</script>";
  static final String SQL = "'; DELETE FROM membership; --";

  @BeforeAll
  static void setUp() {
    Fixture.account(server, "admin", true, null, null);
    admin = SignedIn.login(server, "admin", Fixture.PASSWORD);
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  @Test
  void hostileUsernamesAndDisplayNamesRoundTripVerbatim() {
    for (String username : USERNAMES) {
      ObjectNode body = JsonNodeFactory.instance.objectNode().put("username", username).put("displayName", SCRIPT + SQL).put("password", Fixture.PASSWORD);
      HttpResponse<byte[]> created = admin.request("POST", "/api/users", body.toString());
      assertThat(created.statusCode()).as(username).isEqualTo(201);
      assertThat(created.headers().firstValue("Content-Type")).hasValue("application/json");
      assertThat(created.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
      assertThat(TestServer.json(created).at("/user/username").asText()).isEqualTo(username);
      assertThat(TestServer.json(created).at("/user/displayName").asText()).isEqualTo(SCRIPT + SQL);

      // as a path segment, percent-encoded
      String member = "/api/settlements/tandale/members/" + segment(username);
      HttpResponse<byte[]> put = admin.request("PUT", member, "{\"role\":\"viewer\"}");
      assertThat(put.statusCode()).as(username).isEqualTo(201);
      assertThat(TestServer.json(admin.get(member)).get("username").asText()).isEqualTo(username);

      // and as a sign-in name
      SignedIn them = SignedIn.login(server, username, Fixture.PASSWORD);
      assertThat(them.me().at("/user/username").asText()).isEqualTo(username);
      assertThat(them.me().at("/memberships/0/role").asText()).isEqualTo("viewer");
    }
    JsonNode users = admin.getJson("/api/users").get("users");
    assertThat(users.findValuesAsText("username")).containsAll(USERNAMES);
    // nothing was executed: every table and row is still there
    assertThat(admin.getJson("/api/settlements/tandale/members").get("members")).hasSize(USERNAMES.size());
  }

  @Test
  void hostileTokenNamesAndShareLabelsRoundTripVerbatim() {
    String name = SCRIPT + " ' UNION SELECT password_hash FROM account --";
    HttpResponse<byte[]> token =
        admin.request("POST", "/api/auth/tokens", JsonNodeFactory.instance.objectNode().put("name", name).toString());
    assertThat(token.statusCode()).isEqualTo(201);
    assertThat(TestServer.json(token).get("name").asText()).isEqualTo(name);
    assertThat(admin.getJson("/api/auth/tokens").get("tokens").findValuesAsText("name")).contains(name);

    HttpResponse<byte[]> link =
        admin.request(
            "POST",
            "/api/settlements/tandale/plans/baseline/share-links",
            JsonNodeFactory.instance.objectNode().put("label", SQL + SCRIPT).toString());
    assertThat(link.statusCode()).isEqualTo(201);
    assertThat(admin.getJson("/api/settlements/tandale/plans/baseline/share-links").get("shareLinks").findValuesAsText("label"))
        .contains(SQL + SCRIPT);
  }

  @Test
  void whatCannotBeAPathSegmentIsRefusedWithTheField() {
    for (String bad : List.of("a/b", "back\\slash", " padded", "line\nbreak", "..", "")) {
      ObjectNode body = JsonNodeFactory.instance.objectNode().put("username", bad).put("password", Fixture.PASSWORD);
      HttpResponse<byte[]> r = admin.request("POST", "/api/users", body.toString());
      assertThat(r.statusCode()).as(bad).isEqualTo(400);
      assertThat(TestServer.json(r).at("/errors/0/pointer").asText()).isEqualTo("/username");
    }
  }

  @Test
  void usernamesDifferingOnlyInCaseAreOneAccount() {
    Fixture.account(server, "Mwanaisha", false, null, null);
    HttpResponse<byte[]> r =
        admin.request("POST", "/api/users", JsonNodeFactory.instance.objectNode().put("username", "MWANAISHA").put("password", Fixture.PASSWORD).toString());
    assertThat(r.statusCode()).isEqualTo(409);
    assertThat(TestServer.json(r).get("type").asText()).isEqualTo("/problems/username-taken");
  }

  /** Percent-encodes everything but RFC 3986 unreserved characters. */
  static String segment(String value) {
    StringBuilder sb = new StringBuilder();
    for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xff);
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "-._~".indexOf(c) >= 0) {
        sb.append(c);
      } else {
        sb.append('%').append(String.format("%02X", b & 0xff));
      }
    }
    return sb.toString();
  }
}
