package org.coplan.tiles;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A tile's bytes (uncompressed MVT; empty when no feature touches the tile) and their strong entity
 * tag. The tag hashes the bytes, so it changes exactly when the tile does, whatever edit caused it.
 */
record Tile(byte[] bytes, String etag) {
  static Tile of(byte[] bytes) {
    return new Tile(bytes, bytes.length == 0 ? null : hash(bytes));
  }

  boolean isEmpty() {
    return bytes.length == 0;
  }

  /** 128 bits of SHA-256: collisions are out of reach, and the header stays short. */
  private static String hash(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes), 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }
}
