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
 * Login throttling against the real server. Each test signs in from its own client address
 * (X-Forwarded-For, which the server honours for proxies) so the per-address count of one test does
 * not spill into another.
 */
class ThrottleIT {
  static final TestServer server = TestServer.start();

  @BeforeAll
  static void accounts() {
    Fixture.account(server, "zawadi", false, null, null);
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  private static HttpResponse<byte[]> login(String username, String password, String address) {
    return server.request("POST", "/api/auth/login", SignedIn.loginBody(username, password), "X-Forwarded-For", address);
  }

  @Test
  void afterFiveFailuresTheNextTryWaitsThenTheRightPasswordWorksAgain() throws Exception {
    for (int i = 0; i < LoginThrottle.PER_USERNAME.freeFailures(); i++) {
      assertThat(login("zawadi", "wrong password " + i, "192.0.2.1").statusCode()).isEqualTo(401);
    }
    HttpResponse<byte[]> throttled = login("zawadi", Fixture.PASSWORD, "192.0.2.1");
    assertThat(throttled.statusCode()).isEqualTo(429);
    long retryAfter = Long.parseLong(throttled.headers().firstValue("Retry-After").orElseThrow());
    assertThat(retryAfter).isEqualTo(1);
    JsonNode problem = TestServer.json(throttled);
    assertThat(problem.get("type").asText()).isEqualTo("/problems/too-many-login-attempts");
    assertThat(problem.get("status").asInt()).isEqualTo(429);
    // the refusal did not count, so waiting as told is enough
    Thread.sleep(retryAfter * 1000 + 200);
    assertThat(login("zawadi", Fixture.PASSWORD, "192.0.2.1").statusCode()).isEqualTo(200);
    // a success clears the username's count: the next mistakes are free again
    for (int i = 0; i < LoginThrottle.PER_USERNAME.freeFailures(); i++) {
      assertThat(login("zawadi", "wrong again " + i, "192.0.2.1").statusCode()).isEqualTo(401);
    }
  }

  @Test
  void unknownUsernamesAreThrottledLikeRealOnes() {
    for (int i = 0; i < LoginThrottle.PER_USERNAME.freeFailures(); i++) {
      assertThat(login("ghost", "guess " + i, "192.0.2.2").statusCode()).isEqualTo(401);
    }
    HttpResponse<byte[]> throttled = login("ghost", "guess again", "192.0.2.2");
    assertThat(throttled.statusCode()).isEqualTo(429);
    assertThat(throttled.headers().firstValue("Retry-After")).hasValue("1");
  }

  @Test
  void oneAddressTryingManyUsernamesIsThrottledToo() {
    for (int i = 0; i < LoginThrottle.PER_ADDRESS.freeFailures(); i++) {
      assertThat(login("spray-" + i, "password123456", "192.0.2.3").statusCode()).isEqualTo(401);
    }
    HttpResponse<byte[]> throttled = login("spray-next", "password123456", "192.0.2.3");
    assertThat(throttled.statusCode()).isEqualTo(429);
    // another address is not affected
    assertThat(login("spray-next", "password123456", "192.0.2.4").statusCode()).isEqualTo(401);
  }
}
