package org.coplan.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A browser session against a {@link TestServer}: signs in through the API and then sends the
 * session cookie, and the CSRF token on changes, as the web app does.
 */
public record SignedIn(TestServer server, String username, String cookie, String csrfToken, JsonNode me) {

  public static SignedIn login(TestServer server, String username, String password) {
    HttpResponse<byte[]> r = server.request("POST", "/api/auth/login", loginBody(username, password));
    assertThat(r.statusCode()).as("sign-in of %s: %s", username, new String(r.body())).isEqualTo(200);
    String setCookie = r.headers().firstValue("Set-Cookie").orElseThrow();
    String cookie = setCookie.substring(0, setCookie.indexOf(';'));
    JsonNode me = TestServer.json(r);
    return new SignedIn(server, username, cookie, me.get("csrfToken").asText(), me);
  }

  public static String loginBody(String username, String password) {
    return JsonNodeFactory.instance.objectNode().put("username", username).put("password", password).toString();
  }

  /** A request with the session cookie and, for changes, the CSRF header. */
  public HttpResponse<byte[]> request(String method, String path, String json, String... headers) {
    List<String> all = new ArrayList<>(List.of("Cookie", cookie));
    if (!method.equals("GET") && !method.equals("HEAD")) {
      all.addAll(List.of("X-CSRF-Token", csrfToken));
    }
    all.addAll(Arrays.asList(headers));
    return server.request(method, path, json, all.toArray(String[]::new));
  }

  public HttpResponse<byte[]> get(String path) {
    return request("GET", path, null);
  }

  public JsonNode getJson(String path) {
    return TestServer.json(get(path));
  }
}
