package org.coplan.changes;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import org.locationtech.jts.geom.Envelope;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands a slow listener its changes on a thread of its own, in the feed's order, so that the feed
 * (and every other listener on it: event streams, caches) never waits for it. The incremental
 * analysis is one: re-analysing around an edit of a 100,000-structure plan takes hundreds of
 * milliseconds, and 20 edits a second on the feed's own thread put every later event seconds, then
 * minutes, behind.
 *
 * <p>When the listener falls behind, consecutive feature changes of the same plan and layer that
 * wait together are handed over as one (their features listed together; a bulk change among them
 * makes the whole a bulk change over their joint extent): a listener that reads the changed
 * features' current state, as the analysis does, then catches up with one pass instead of one per
 * edit.
 */
public final class QueuedChangeListener implements ChangeListener, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(QueuedChangeListener.class);

  private final ChangeListener listener;
  /** {@link FeatureChange}s and other calls as {@link Runnable}s, in the feed's order. */
  private final LinkedBlockingQueue<Object> queue = new LinkedBlockingQueue<>();
  private final Thread thread;
  private volatile boolean running = true;

  public QueuedChangeListener(ChangeListener listener, String threadName) {
    this.listener = listener;
    this.thread = new Thread(this::run, threadName);
    thread.setDaemon(true);
    thread.start();
  }

  @Override
  public void changed(FeatureChange change) {
    queue.add(change);
  }

  @Override
  public void event(AppEvent event) {
    queue.add((Runnable) () -> listener.event(event));
  }

  @Override
  public void conflictsChanged(ConflictChange change) {
    queue.add((Runnable) () -> listener.conflictsChanged(change));
  }

  @Override
  public void accessChanged(String settlementId) {
    queue.add((Runnable) () -> listener.accessChanged(settlementId));
  }

  @Override
  public void listening() {
    queue.add((Runnable) listener::listening);
  }

  @Override
  public void feedLost() {
    queue.add((Runnable) listener::feedLost);
  }

  @Override
  public void missedChanges() {
    queue.add((Runnable) listener::missedChanges);
  }

  private void run() {
    List<Object> waiting = new ArrayList<>();
    while (running) {
      try {
        waiting.add(queue.take());
      } catch (InterruptedException e) {
        return;
      }
      queue.drainTo(waiting);
      for (Object item : merged(waiting)) {
        try {
          if (item instanceof FeatureChange change) {
            listener.changed(change);
          } else {
            ((Runnable) item).run();
          }
        } catch (RuntimeException e) {
          log.error("change listener {} failed", listener.getClass().getName(), e);
        }
      }
      waiting.clear();
    }
  }

  /** The items in order, each run of feature changes of one plan and layer joined into one. */
  static List<Object> merged(List<Object> items) {
    List<Object> out = new ArrayList<>(items.size());
    for (Object item : items) {
      if (item instanceof FeatureChange next && !out.isEmpty() && out.get(out.size() - 1) instanceof FeatureChange last
          && last.settlementId().equals(next.settlementId()) && last.planId().equals(next.planId())
          && last.layer() == next.layer()) {
        out.set(out.size() - 1, join(last, next));
      } else {
        out.add(item);
      }
    }
    return out;
  }

  private static FeatureChange join(FeatureChange a, FeatureChange b) {
    Envelope extent = a.extent() == null ? b.extent() : b.extent() == null ? a.extent() : union(a.extent(), b.extent());
    boolean bulk = a.bulk() || b.bulk();
    List<ChangedFeature> features = new ArrayList<>();
    if (!bulk) {
      features.addAll(a.features());
      features.addAll(b.features());
    }
    return new FeatureChange(a.settlementId(), a.planId(), a.layer(), a.count() + b.count(), extent, features);
  }

  private static Envelope union(Envelope a, Envelope b) {
    Envelope e = new Envelope(a);
    e.expandToInclude(b);
    return e;
  }

  @Override
  public void close() {
    running = false;
    thread.interrupt();
  }
}
