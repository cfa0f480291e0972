package org.coplan.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Random credentials and how they are kept. Session ids, API tokens and share tokens are 256 bits
 * from {@link SecureRandom}, written in base64url; the database keeps only their SHA-256, so a
 * copy of the database lets nobody sign in. Tokens carry a kind prefix ({@code cpl_}, {@code cps_})
 * so that secret scanners and people can tell what a leaked string is.
 */
final class Secrets {
  static final String API_TOKEN_PREFIX = "cpl_";
  static final String SHARE_TOKEN_PREFIX = "cps_";
  /** How much of a token is kept in clear so its owner can tell tokens apart. */
  static final int SHOWN_CHARS = 8;

  private static final SecureRandom RANDOM = new SecureRandom();
  /** Easy to read aloud and type: no 0/O, 1/l/I. */
  private static final char[] PASSWORD_ALPHABET =
      "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789".toCharArray();

  private Secrets() {}

  /** 256 random bits in base64url without padding (43 characters). */
  static String randomToken() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** A random password of {@code length} characters (20 give about 116 bits). */
  static String randomPassword(int length) {
    StringBuilder sb = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      sb.append(PASSWORD_ALPHABET[RANDOM.nextInt(PASSWORD_ALPHABET.length)]);
    }
    return sb.toString();
  }

  static byte[] random(int bytes) {
    byte[] out = new byte[bytes];
    RANDOM.nextBytes(out);
    return out;
  }

  static byte[] sha256(String secret) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java has SHA-256", e);
    }
  }

  /**
   * Compares two secrets in time that does not depend on where they differ, so that an attacker
   * cannot find a CSRF token one character at a time. Null never matches.
   */
  static boolean sameSecret(String expected, String presented) {
    if (expected == null || presented == null) {
      return false;
    }
    return MessageDigest.isEqual(
        expected.getBytes(StandardCharsets.UTF_8), presented.getBytes(StandardCharsets.UTF_8));
  }

  /** The part of a token that may be shown in lists: prefix plus a few characters. */
  static String shown(String token) {
    return token.substring(0, Math.min(token.length(), SHOWN_CHARS)) + "…";
  }
}
