package org.coplan.auth;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Slows password guessing without locking anyone out for long. Failed sign-ins are counted per
 * username (as typed, whether or not it exists) and per client address over a sliding window;
 * a success clears the username's count. Up to {@link Limit#freeFailures} failures cost nothing;
 * after that each further attempt must wait {@code firstDelay × 2^(failures − free)} since the last
 * failure, capped at {@link Limit#maxDelay}. An attempt inside the wait is refused with 429 and
 * {@code Retry-After} and is not itself counted, so waiting always works.
 *
 * <p>With the defaults an attacker gets about 5 + 288 guesses a day per username (one per 5 minutes
 * once capped); a person who mistypes 6 times waits 1 s, 7 times 2 s. Someone who keeps failing on
 * purpose can make a victim wait at most 5 minutes per attempt; the per-address limit is looser
 * because a community centre or a mobile network puts many people behind one address.
 */
final class LoginThrottle {
  /** A throttling rule for one kind of key. */
  record Limit(String key, int freeFailures, Duration firstDelay, Duration maxDelay) {}

  /** Failures counted inside the window: how many, and when the last one was. */
  record Failures(int count, Instant last) {
    static final Failures NONE = new Failures(0, null);
  }

  static final Duration WINDOW = Duration.ofMinutes(15);
  static final Limit PER_USERNAME = new Limit("username", 5, Duration.ofSeconds(1), Duration.ofMinutes(5));
  static final Limit PER_ADDRESS = new Limit("address", 30, Duration.ofSeconds(1), Duration.ofMinutes(15));

  private LoginThrottle() {}

  /** Where counting starts: the window's start, or the last success if that is later. */
  static Instant countFrom(Instant now, Instant lastSuccess) {
    Instant windowStart = now.minus(WINDOW);
    return lastSuccess != null && lastSuccess.isAfter(windowStart) ? lastSuccess : windowStart;
  }

  /** The delay a key has earned after {@code failures} failures. */
  static Duration delay(Limit limit, int failures) {
    if (failures < limit.freeFailures()) {
      return Duration.ZERO;
    }
    int excess = failures - limit.freeFailures();
    // 2^20 s is beyond any sensible cap; stop doubling before the multiplication overflows
    Duration doubled = excess >= 20 ? limit.maxDelay() : limit.firstDelay().multipliedBy(1L << excess);
    return doubled.compareTo(limit.maxDelay()) > 0 ? limit.maxDelay() : doubled;
  }

  /** How long the caller must still wait, if at all. */
  static Optional<Duration> waitFor(Limit limit, Failures failures, Instant now) {
    Duration delay = delay(limit, failures.count());
    if (delay.isZero() || failures.last() == null) {
      return Optional.empty();
    }
    Instant allowedAt = failures.last().plus(delay);
    return now.isBefore(allowedAt) ? Optional.of(Duration.between(now, allowedAt)) : Optional.empty();
  }

  /** {@code Retry-After} in whole seconds, rounded up, at least 1. */
  static long retryAfterSeconds(Duration wait) {
    long seconds = (wait.toMillis() + 999) / 1000;
    return Math.max(1, seconds);
  }
}
