package org.coplan.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;
import org.coplan.testing.SignedIn;
import org.coplan.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Forwarded headers from a client that is not a configured proxy change nothing: the tests connect
 * from 127.0.0.1, which this server does not trust (the default trusts loopback, where
 * TileDocumentsIT and SessionIT see the headers honoured).
 */
class TrustedProxiesIT {
  static final TestServer server = TestServer.start(Map.of("trusted-proxies", "192.0.2.1"));
  static final String PLAN = "/api/settlements/tandale/plans/baseline";

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  @Test
  void linksIgnoreTheForwardedHostOfAnUntrustedClient() {
    String tiles = server.getJson(PLAN + "/tiles.json", "X-Forwarded-Proto", "https", "X-Forwarded-Host", "maps.example.org")
        .get("tiles").get(0).asText();
    assertThat(tiles).startsWith("http://127.0.0.1:").doesNotContain("maps.example.org");
  }

  @Test
  void anUntrustedClientCannotClaimHttps() {
    HttpResponse<byte[]> r = server.request(
        "POST", "/api/auth/login", SignedIn.loginBody("nobody", "not the password at all"), "X-Forwarded-Proto", "https");
    assertThat(r.statusCode()).isEqualTo(401);
    server.admin();
    HttpResponse<byte[]> ok = server.request(
        "POST", "/api/auth/login", SignedIn.loginBody("test-admin", "test admin password, long enough"), "X-Forwarded-Proto", "https");
    assertThat(ok.statusCode()).isEqualTo(200);
    assertThat(ok.headers().firstValue("Set-Cookie").orElseThrow()).doesNotContain("Secure");
  }
}
