package org.coplan.bench;

import java.util.Map;
import java.util.TreeMap;

/**
 * Counts the features of each layer of a Mapbox Vector Tile (MVT 2.1: a protobuf {@code Tile} of
 * {@code layers = 3}, each {@code Layer} with {@code name = 1} and {@code features = 2}). Just enough
 * protobuf to compare tiles from different servers; the tests decode tiles fully with a real MVT
 * library, the benchmark needs no dependency for this.
 */
final class MvtCount {
  private final byte[] b;
  private int pos;
  private final int end;

  private MvtCount(byte[] bytes, int from, int to) {
    this.b = bytes;
    this.pos = from;
    this.end = to;
  }

  /** Layer name → number of features; empty for an empty tile. */
  static Map<String, Integer> of(byte[] tile) {
    Map<String, Integer> counts = new TreeMap<>();
    MvtCount t = new MvtCount(tile, 0, tile.length);
    while (t.pos < t.end) {
      long key = t.varint();
      if (key == ((3 << 3) | 2)) {
        int len = (int) t.varint();
        MvtCount layer = new MvtCount(tile, t.pos, t.pos + len);
        t.pos += len;
        String name = null;
        int features = 0;
        while (layer.pos < layer.end) {
          long k = layer.varint();
          if (k == ((1 << 3) | 2)) {
            int n = (int) layer.varint();
            name = new String(tile, layer.pos, n, java.nio.charset.StandardCharsets.UTF_8);
            layer.pos += n;
          } else {
            if (k == ((2 << 3) | 2)) {
              features++;
            }
            layer.skip((int) (k & 7));
          }
        }
        if (features > 0) {
          counts.merge(name, features, Integer::sum);
        }
      } else {
        t.skip((int) (key & 7));
      }
    }
    return counts;
  }

  private long varint() {
    long v = 0;
    for (int shift = 0; ; shift += 7) {
      byte x = b[pos++];
      v |= (long) (x & 0x7f) << shift;
      if (x >= 0) {
        return v;
      }
    }
  }

  private void skip(int wireType) {
    switch (wireType) {
      case 0 -> varint();
      case 1 -> pos += 8;
      case 2 -> {
        int n = (int) varint();
        pos += n;
      }
      case 5 -> pos += 4;
      default -> throw new IllegalArgumentException("not an MVT: wire type " + wireType);
    }
  }
}
