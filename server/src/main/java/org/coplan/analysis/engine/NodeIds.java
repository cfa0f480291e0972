package org.coplan.analysis.engine;

import java.util.Arrays;
import org.locationtech.jts.geom.Coordinate;

/**
 * Junction numbers by position rounded to a millimetre, an open-addressing hash of two longs: the
 * walking network looks up every cut point of every path after each path edit, and boxed keys in a
 * {@code HashMap} cost more than the rest of the rebuild. Numbers are handed out in order and kept
 * until {@link #clear}, so a junction keeps its number across rebuilds and distance fields of two
 * states can be compared node by node.
 */
final class NodeIds {
  private long[] xs = new long[1 << 14];
  private long[] ys = new long[xs.length];
  private int[] ids = new int[xs.length];
  private int size;

  NodeIds() {
    Arrays.fill(ids, -1);
  }

  int size() {
    return size;
  }

  void clear() {
    Arrays.fill(ids, -1);
    size = 0;
  }

  /** The number of the junction at {@code c}, a new one when there is none yet. */
  int idOf(Coordinate c) {
    long x = Math.round(c.x * 1000);
    long y = Math.round(c.y * 1000);
    int mask = ids.length - 1;
    int i = hash(x, y) & mask;
    while (ids[i] >= 0) {
      if (xs[i] == x && ys[i] == y) {
        return ids[i];
      }
      i = (i + 1) & mask;
    }
    xs[i] = x;
    ys[i] = y;
    ids[i] = size++;
    if (size * 2 > ids.length) {
      grow();
    }
    return size - 1;
  }

  private static int hash(long x, long y) {
    long h = x * 0x9E3779B97F4A7C15L + y;
    h ^= h >>> 29;
    h *= 0xBF58476D1CE4E5B9L;
    return (int) (h ^ (h >>> 32));
  }

  private void grow() {
    long[] oldX = xs;
    long[] oldY = ys;
    int[] oldIds = ids;
    xs = new long[oldX.length * 2];
    ys = new long[xs.length];
    ids = new int[xs.length];
    Arrays.fill(ids, -1);
    int mask = ids.length - 1;
    for (int j = 0; j < oldIds.length; j++) {
      if (oldIds[j] >= 0) {
        int i = hash(oldX[j], oldY[j]) & mask;
        while (ids[i] >= 0) {
          i = (i + 1) & mask;
        }
        xs[i] = oldX[j];
        ys[i] = oldY[j];
        ids[i] = oldIds[j];
      }
    }
  }
}
