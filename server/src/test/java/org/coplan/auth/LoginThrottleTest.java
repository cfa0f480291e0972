package org.coplan.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {
  static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
  static final LoginThrottle.Limit USER = LoginThrottle.PER_USERNAME;

  @Test
  void theDelayDoublesAfterTheFreeFailuresUpToTheCap() {
    assertThat(LoginThrottle.delay(USER, 0)).isZero();
    assertThat(LoginThrottle.delay(USER, 4)).isZero();
    assertThat(LoginThrottle.delay(USER, 5)).isEqualTo(Duration.ofSeconds(1));
    assertThat(LoginThrottle.delay(USER, 6)).isEqualTo(Duration.ofSeconds(2));
    assertThat(LoginThrottle.delay(USER, 9)).isEqualTo(Duration.ofSeconds(16));
    assertThat(LoginThrottle.delay(USER, 13)).isEqualTo(Duration.ofSeconds(256));
    assertThat(LoginThrottle.delay(USER, 14)).isEqualTo(Duration.ofMinutes(5));
    assertThat(LoginThrottle.delay(USER, 10_000)).isEqualTo(Duration.ofMinutes(5));
    assertThat(LoginThrottle.delay(LoginThrottle.PER_ADDRESS, 29)).isZero();
    assertThat(LoginThrottle.delay(LoginThrottle.PER_ADDRESS, 100)).isEqualTo(Duration.ofMinutes(15));
  }

  @Test
  void theWaitRunsFromTheLastFailure() {
    LoginThrottle.Failures six = new LoginThrottle.Failures(6, NOW.minusMillis(500));
    assertThat(LoginThrottle.waitFor(USER, six, NOW)).contains(Duration.ofMillis(1500));
    assertThat(LoginThrottle.waitFor(USER, six, NOW.plusMillis(1500))).isEmpty();
    assertThat(LoginThrottle.waitFor(USER, new LoginThrottle.Failures(4, NOW), NOW)).isEmpty();
    assertThat(LoginThrottle.waitFor(USER, LoginThrottle.Failures.NONE, NOW)).isEmpty();
  }

  @Test
  void countingStartsAtTheWindowOrTheLastSuccessWhicheverIsLater() {
    Instant windowStart = NOW.minus(LoginThrottle.WINDOW);
    assertThat(LoginThrottle.countFrom(NOW, null)).isEqualTo(windowStart);
    assertThat(LoginThrottle.countFrom(NOW, NOW.minusSeconds(60))).isEqualTo(NOW.minusSeconds(60));
    // a success older than the window changes nothing
    assertThat(LoginThrottle.countFrom(NOW, windowStart.minusSeconds(1))).isEqualTo(windowStart);
    assertThat(LoginThrottle.WINDOW).isEqualTo(Duration.ofMinutes(15));
  }

  @Test
  void retryAfterIsWholeSecondsRoundedUp() {
    assertThat(LoginThrottle.retryAfterSeconds(Duration.ofMillis(1))).isEqualTo(1);
    assertThat(LoginThrottle.retryAfterSeconds(Duration.ofMillis(1000))).isEqualTo(1);
    assertThat(LoginThrottle.retryAfterSeconds(Duration.ofMillis(1001))).isEqualTo(2);
    assertThat(LoginThrottle.retryAfterSeconds(Duration.ZERO)).isEqualTo(1);
  }

  @Test
  void usernameKeysFoldCaseAndStayShort() {
    assertThat(AuthService.usernameKey("  Amina ")).isEqualTo("amina");
    assertThat(AuthService.usernameKey("x".repeat(500))).hasSize(64);
    assertThat(AuthService.usernameKey(null)).isEmpty();
  }
}
