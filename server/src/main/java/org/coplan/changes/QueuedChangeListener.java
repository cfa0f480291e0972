package org.coplan.changes;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands a slow listener its changes on a thread of its own, in the feed's order, so that the feed
 * (and every other listener on it: event streams, caches) never waits for it. The incremental
 * analysis is one: re-analysing around an edit of a 100,000-structure plan takes hundreds of
 * milliseconds, and 20 edits a second on the feed's own thread put every later event seconds, then
 * minutes, behind.
 */
public final class QueuedChangeListener implements ChangeListener, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(QueuedChangeListener.class);

  private final ChangeListener listener;
  private final ExecutorService thread;

  public QueuedChangeListener(ChangeListener listener, String threadName) {
    this.listener = listener;
    this.thread = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, threadName);
      t.setDaemon(true);
      return t;
    });
  }

  @Override
  public void changed(FeatureChange change) {
    queue(() -> listener.changed(change));
  }

  @Override
  public void event(AppEvent event) {
    queue(() -> listener.event(event));
  }

  @Override
  public void conflictsChanged(ConflictChange change) {
    queue(() -> listener.conflictsChanged(change));
  }

  @Override
  public void accessChanged(String settlementId) {
    queue(() -> listener.accessChanged(settlementId));
  }

  @Override
  public void listening() {
    queue(listener::listening);
  }

  @Override
  public void feedLost() {
    queue(listener::feedLost);
  }

  @Override
  public void missedChanges() {
    queue(listener::missedChanges);
  }

  private void queue(Runnable work) {
    try {
      thread.execute(() -> {
        try {
          work.run();
        } catch (RuntimeException e) {
          log.error("change listener {} failed", listener.getClass().getName(), e);
        }
      });
    } catch (RejectedExecutionException e) {
      log.debug("change after the listener closed; dropped");
    }
  }

  @Override
  public void close() {
    thread.shutdownNow();
  }
}
