package org.coplan.tiles;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.RemovalCause;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.BiPredicate;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The optional second tier of the tile cache: one file per tile under {@code <dir>/v1/<settlement>/
 * <plan>/<z>/<x>/<y>.mvt}, bounded in bytes. Which tiles are on disk is kept in memory (a
 * byte-weighted Caffeine index whose evictions delete the file), so invalidation never lists
 * directories.
 *
 * <p>The tier starts empty: changes committed while this server was stopped were not heard, so
 * tiles left from an earlier run may be stale. Files are written by one background thread (a full
 * queue drops the write: the tile is then only in memory), atomically (a temporary file renamed),
 * so a reader never sees half a tile.
 */
final class TileDiskTier implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(TileDiskTier.class);
  /** Ids become path segments: only what stored ids look like. */
  private static final Pattern SAFE_ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

  private final Path root;
  private final Cache<TileKey, Integer> index;
  private final ExecutorService writer =
      new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(1024), r -> {
        Thread t = new Thread(r, "tile-disk-writer");
        t.setDaemon(true);
        return t;
      });

  TileDiskTier(Path dir, long maxBytes) {
    this.root = dir.resolve("v1");
    clear(root);
    this.index = Caffeine.newBuilder()
        .maximumWeight(maxBytes)
        .weigher((TileKey k, Integer size) -> size + 1)
        .removalListener((TileKey k, Integer size, RemovalCause cause) -> {
          if (k != null && cause != RemovalCause.REPLACED) {
            delete(path(k));
          }
        })
        .build();
  }

  static boolean storable(TileKey key) {
    return SAFE_ID.matcher(key.settlementId()).matches() && SAFE_ID.matcher(key.planId()).matches();
  }

  Optional<byte[]> get(TileKey key) {
    if (index.getIfPresent(key) == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(Files.readAllBytes(path(key)));
    } catch (NoSuchFileException e) {
      index.asMap().remove(key);
      return Optional.empty();
    } catch (IOException e) {
      log.warn("tile cache file unreadable: {}", e.toString());
      index.asMap().remove(key);
      return Optional.empty();
    }
  }

  /**
   * Writes the tile in the background; then drops it again when {@code staleSince} says an
   * invalidation touched it meanwhile (see {@link TileInvalidationLog}).
   */
  void putLater(TileKey key, byte[] bytes, long since, BiPredicate<Long, TileKey> staleSince) {
    if (!storable(key)) {
      return;
    }
    try {
      writer.execute(() -> {
        if (write(key, bytes)) {
          index.put(key, bytes.length);
          if (staleSince.test(since, key)) {
            index.invalidate(key);
          }
        }
      });
    } catch (RejectedExecutionException e) {
      // the writer is behind: this tile stays in memory only
    }
  }

  /** Removes the tiles the areas touch. */
  int invalidate(List<TileArea> areas) {
    int n = 0;
    for (TileKey key : index.asMap().keySet()) {
      if (areas == TileInvalidationLog.EVERYTHING || TileInvalidationLog.touches(areas, key)) {
        index.invalidate(key);
        n++;
      }
    }
    return n;
  }

  java.util.Set<TileKey> keys() {
    return index.asMap().keySet();
  }

  long entries() {
    return index.estimatedSize();
  }

  long bytes() {
    return index.policy().eviction().map(e -> e.weightedSize().orElse(0)).orElse(0L);
  }

  private boolean write(TileKey key, byte[] bytes) {
    Path file = path(key);
    try {
      Files.createDirectories(file.getParent());
      Path tmp = Files.createTempFile(file.getParent(), "tile", ".tmp");
      Files.write(tmp, bytes);
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      return true;
    } catch (IOException | UncheckedIOException e) {
      log.warn("tile cache file not written: {}", e.toString());
      return false;
    }
  }

  private Path path(TileKey k) {
    return root.resolve(k.settlementId()).resolve(k.planId()).resolve(Integer.toString(k.z()))
        .resolve(Integer.toString(k.x())).resolve(k.y() + ".mvt");
  }

  private static void delete(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      log.warn("tile cache file not deleted: {}", e.toString());
    }
  }

  private static void clear(Path root) {
    if (Files.exists(root)) {
      try (Stream<Path> files = Files.walk(root)) {
        files.sorted(Comparator.reverseOrder()).forEach(TileDiskTier::delete);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot clear the tile cache directory " + root, e);
      }
    }
    try {
      Files.createDirectories(root);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the tile cache directory " + root, e);
    }
  }

  @Override
  public void close() {
    writer.shutdownNow();
  }
}
