package org.coplan.tiles;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The recent invalidations, numbered, so that a tile made from a database snapshot older than an
 * invalidation that touches it is not kept. A loader notes {@link #sequence()} before it reads,
 * stores its tile, then asks {@link #touchedSince}; an invalidation is {@link #append}ed before the
 * cached tiles are removed. Whichever of the two comes second catches the stale tile: the loader
 * sees the entry, or the removal sees the stored tile.
 *
 * <p>Only the last {@value #KEPT} invalidations are kept (a load takes milliseconds; at 20 edits a
 * second that is minutes of history); a loader older than that is told its tile may be stale.
 */
final class TileInvalidationLog {
  static final int KEPT = 10_000;
  /** Every tile of every plan (the change feed may have missed changes); compared by identity. */
  static final List<TileArea> EVERYTHING = java.util.Collections.unmodifiableList(new java.util.ArrayList<>());

  private final AtomicLong sequence = new AtomicLong();
  private final ConcurrentSkipListMap<Long, List<TileArea>> entries = new ConcurrentSkipListMap<>();

  long sequence() {
    return sequence.get();
  }

  /** Records an invalidation; {@link #EVERYTHING} for all tiles. */
  void append(List<TileArea> areas) {
    long n = sequence.incrementAndGet();
    entries.put(n, areas);
    // by key, not size(): a skip list counts its entries one by one
    entries.headMap(n - KEPT, true).clear();
  }

  /** Whether an invalidation recorded after {@code since} touches the tile (or may have). */
  boolean touchedSince(long since, TileKey key) {
    Map.Entry<Long, List<TileArea>> first = entries.firstEntry();
    if (first != null && first.getKey() > since + 1) {
      // entries after `since` were dropped: they may have touched it
      return true;
    }
    for (List<TileArea> areas : entries.tailMap(since, false).values()) {
      if (areas == EVERYTHING || touches(areas, key)) {
        return true;
      }
    }
    return false;
  }

  static boolean touches(List<TileArea> areas, TileKey key) {
    for (TileArea area : areas) {
      if (area.touches(key)) {
        return true;
      }
    }
    return false;
  }
}
