package org.coplan.tiles;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import org.coplan.config.CoplanConfig;

/**
 * The tile cache: tiles by {@link TileKey} (settlement, plan, z, x, y) in memory, bounded in bytes
 * (Caffeine, each tile weighed by its length), over an optional {@link TileDiskTier}. Tiles are
 * never expired by time, only invalidated: {@link TileInvalidator} removes exactly the tiles an edit
 * touches (see {@link TileArea}).
 *
 * <p>A key names one plan of one settlement by their stored ids, and a plan's tile is the same for
 * everyone who may read the plan, so the cache holds nothing personal: who may read is decided
 * before the cache is asked (the access filter, then {@link TileService}).
 *
 * <p>Concurrent misses of one tile share one load. A load that an invalidation overtakes (it read
 * the database before the edit committed) is answered but not kept ({@link TileInvalidationLog}).
 */
final class TileCache implements AutoCloseable {
  /** Where a tile came from: a tier of the cache, or cut by the primary database or its replica. */
  enum Source {
    MEMORY, DISK, DATABASE, REPLICA
  }

  record Lookup(Tile tile, Source source) {}

  /** What the cache holds and has done since start. */
  record Stats(
      long entries, long bytes, long maxBytes, long hits, long diskHits, long misses, long discardedLoads,
      long invalidations, long invalidatedTiles, Long diskEntries, Long diskBytes) {}

  /** A tile's key and bookkeeping beyond its bytes, weighed too. */
  private static final int ENTRY_OVERHEAD = 200;

  private final long maxBytes;
  private final Cache<TileKey, Tile> memory;
  private final TileDiskTier disk;
  private final TileInvalidationLog log = new TileInvalidationLog();
  private final ConcurrentHashMap<TileKey, CompletableFuture<Tile>> loading = new ConcurrentHashMap<>();
  private final LongAdder hits = new LongAdder();
  private final LongAdder diskHits = new LongAdder();
  private final LongAdder misses = new LongAdder();
  private final LongAdder discarded = new LongAdder();
  private final LongAdder invalidations = new LongAdder();
  private final LongAdder invalidatedTiles = new LongAdder();

  TileCache(CoplanConfig.Tiles config) {
    this.maxBytes = config.cacheBytes();
    this.memory = Caffeine.newBuilder()
        .maximumWeight(maxBytes)
        .weigher((TileKey k, Tile t) -> t.bytes().length + ENTRY_OVERHEAD)
        .build();
    this.disk = config.cacheDir() == null ? null : new TileDiskTier(config.cacheDir(), config.cacheDiskBytes());
  }

  /** The cached tile, or the loader's (the tile and where it was cut), which is then cached. */
  Lookup get(TileKey key, Function<TileKey, Lookup> loader) {
    Tile cached = memory.getIfPresent(key);
    if (cached != null) {
      hits.increment();
      return new Lookup(cached, Source.MEMORY);
    }
    CompletableFuture<Tile> mine = new CompletableFuture<>();
    CompletableFuture<Tile> other = loading.putIfAbsent(key, mine);
    if (other != null) {
      misses.increment();
      return new Lookup(join(other), Source.DATABASE);
    }
    try {
      long since = log.sequence();
      Optional<byte[]> onDisk = disk == null ? Optional.empty() : disk.get(key);
      Lookup loaded = onDisk.isPresent() ? new Lookup(Tile.of(onDisk.get()), Source.DISK) : loader.apply(key);
      Tile tile = loaded.tile();
      memory.put(key, tile);
      if (onDisk.isEmpty() && disk != null) {
        disk.putLater(key, tile.bytes(), since, log::touchedSince);
      }
      if (log.touchedSince(since, key)) {
        memory.asMap().remove(key, tile);
        discarded.increment();
      }
      mine.complete(tile);
      if (onDisk.isPresent()) {
        diskHits.increment();
      } else {
        misses.increment();
      }
      return loaded;
    } catch (RuntimeException e) {
      mine.completeExceptionally(e);
      throw e;
    } finally {
      loading.remove(key, mine);
    }
  }

  private static Tile join(CompletableFuture<Tile> load) {
    try {
      return load.join();
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : e;
    }
  }

  /** Removes every cached tile the areas touch, in memory and on disk; returns how many. */
  int invalidate(List<TileArea> areas) {
    if (areas.isEmpty()) {
      return 0;
    }
    log.append(areas);
    return remove(areas);
  }

  /** Removes every tile (the change feed may have missed changes). */
  void invalidateAll() {
    log.append(TileInvalidationLog.EVERYTHING);
    remove(TileInvalidationLog.EVERYTHING);
  }

  private int remove(List<TileArea> areas) {
    boolean all = areas == TileInvalidationLog.EVERYTHING;
    // loads under way for a touched tile are forgotten, so later requests load afresh
    loading.keySet().removeIf(k -> all || TileInvalidationLog.touches(areas, k));
    int n = 0;
    for (TileKey key : memory.asMap().keySet()) {
      if (all || TileInvalidationLog.touches(areas, key)) {
        memory.invalidate(key);
        n++;
      }
    }
    if (disk != null) {
      n += disk.invalidate(areas);
    }
    invalidations.increment();
    invalidatedTiles.add(n);
    return n;
  }

  /** The plans of a settlement that have tiles in the cache (either tier) or being loaded. */
  java.util.Set<String> cachedPlans(String settlementId) {
    java.util.Set<String> plans = new java.util.HashSet<>();
    java.util.function.Consumer<TileKey> note = k -> {
      if (k.settlementId().equals(settlementId)) {
        plans.add(k.planId());
      }
    };
    memory.asMap().keySet().forEach(note);
    loading.keySet().forEach(note);
    if (disk != null) {
      disk.keys().forEach(note);
    }
    return plans;
  }

  /** Whether the tile is in the memory tier (tests and stats). */
  boolean contains(TileKey key) {
    return memory.asMap().containsKey(key);
  }

  Stats stats() {
    // Caffeine settles sizes on its maintenance thread; without this a tile just put may not count yet
    memory.cleanUp();
    long bytes = memory.policy().eviction().map(e -> e.weightedSize().orElse(0)).orElse(0L);
    return new Stats(
        memory.estimatedSize(), bytes, maxBytes, hits.sum(), diskHits.sum(), misses.sum(), discarded.sum(),
        invalidations.sum(), invalidatedTiles.sum(),
        disk == null ? null : disk.entries(), disk == null ? null : disk.bytes());
  }

  @Override
  public void close() {
    if (disk != null) {
      disk.close();
    }
  }
}
