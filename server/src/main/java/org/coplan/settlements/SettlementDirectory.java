package org.coplan.settlements;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.Optional;
import java.util.function.Supplier;
import org.coplan.changes.ChangeListener;
import org.coplan.changes.FeatureChange;

/**
 * What every request under a settlement asks before anything else, answered from memory: whether
 * the settlement exists and is public, and whether a plan of it exists. A cached tile then costs
 * no database round trip at all.
 *
 * <p>Exact, not eventually right: the database announces every change of these answers on the
 * channel {@code coplan_access} (V010), and a settlement's answers are forgotten when it is named.
 * A change request waits for its own announcement to pass the feed before it is answered ({@code
 * ChangeBarrierFilter}), so on this instance the next request already sees it; other instances hear
 * it as soon as their feed delivers it. A load that an announcement overtakes (it read the database
 * before the change committed, and would store the old answer after the forgetting) is answered but
 * not kept: every announcement moves a generation counter, and a load keeps its answer only if the
 * counter has not moved since it started. While the feed is not listening (before it starts, after
 * it lost its connection and until it is back), nothing is cached and every question goes to the
 * database.
 *
 * <p>Memberships are not cached here: they come with the caller's session or token, read on every
 * signed-in request.
 */
public final class SettlementDirectory implements ChangeListener {
  /** Bounds memory against requests for made-up ids, whose "no such settlement" is cached too. */
  private static final int MAX_ENTRIES = 20_000;

  private record PlanKey(String settlementId, String planId) {}

  private final Cache<String, Optional<Boolean>> visibility = Caffeine.newBuilder().maximumSize(MAX_ENTRIES).build();
  private final Cache<PlanKey, Boolean> plans = Caffeine.newBuilder().maximumSize(MAX_ENTRIES).build();
  /** Moved by every forgetting; guarded by this. */
  private long generation;
  private volatile boolean listening;

  /** Whether the settlement is public (empty: no such settlement), from memory or {@code load}. */
  Optional<Boolean> isPublic(String settlementId, Supplier<Optional<Boolean>> load) {
    return answer(visibility, settlementId, load);
  }

  /** Whether the plan exists (not archived), from memory or {@code load}. */
  boolean planExists(String settlementId, String planId, Supplier<Boolean> load) {
    return answer(plans, new PlanKey(settlementId, planId), load);
  }

  private <K, V> V answer(Cache<K, V> cache, K key, Supplier<V> load) {
    if (!listening) {
      return load.get();
    }
    V known = cache.getIfPresent(key);
    if (known != null) {
      return known;
    }
    long started = generation();
    V loaded = load.get();
    synchronized (this) {
      if (listening && generation == started) {
        cache.put(key, loaded);
      }
    }
    return loaded;
  }

  private synchronized long generation() {
    return generation;
  }

  /** How many answers are held (for tests and operators). */
  long size() {
    return visibility.estimatedSize() + plans.estimatedSize();
  }

  @Override
  public synchronized void accessChanged(String settlementId) {
    generation++;
    visibility.invalidate(settlementId);
    plans.asMap().keySet().removeIf(k -> k.settlementId().equals(settlementId));
  }

  @Override
  public void changed(FeatureChange change) {
    // feature edits change neither visibility nor plans
  }

  @Override
  public synchronized void listening() {
    forgetAll();
    listening = true;
  }

  @Override
  public synchronized void feedLost() {
    listening = false;
    forgetAll();
  }

  @Override
  public synchronized void missedChanges() {
    forgetAll();
  }

  private void forgetAll() {
    generation++;
    visibility.invalidateAll();
    plans.invalidateAll();
  }
}
