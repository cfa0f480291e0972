package org.coplan.io;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.coplan.changes.AppEvents;
import org.coplan.db.Jdbc;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How far each running commit is. Kept in memory for {@code GET .../imports/{id}} (the CLI's
 * progress line polls it): a commit runs in this process, and its transaction is invisible to
 * others until it ends, so the database could not tell. Also published as {@code import-progress}
 * events on the plan's event stream (the web page's progress bar), each in a short transaction of
 * its own so that it goes out while the commit's transaction is still open, and through
 * LISTEN/NOTIFY reaches a page whose stream is served by another instance. Published at most every
 * {@link #EVERY_MILLIS}, and always when the phase changes or the last feature is written.
 */
final class ImportProgress {
  private static final Logger log = LoggerFactory.getLogger(ImportProgress.class);
  static final long EVERY_MILLIS = 250;

  record Step(String phase, int done, int total) {
    double fraction() {
      return total == 0 ? 1.0 : Math.min(1.0, (double) done / total);
    }
  }

  /** Where a commit's progress is announced, and when it last was. */
  private record Audience(String settlementId, String planId, long lastNanos, String lastPhase) {}

  private final Jdbc jdbc;
  private final Map<UUID, Step> running = new ConcurrentHashMap<>();
  private final Map<UUID, Audience> audiences = new ConcurrentHashMap<>();

  ImportProgress(Jdbc jdbc) {
    this.jdbc = jdbc;
  }

  /** Announces the progress of this commit on the plan's event stream. */
  void announceTo(UUID id, String settlementId, String planId) {
    audiences.put(id, new Audience(settlementId, planId, 0, null));
  }

  void set(UUID id, String phase, int done, int total) {
    running.put(id, new Step(phase, done, total));
    Audience a = audiences.get(id);
    long now = System.nanoTime();
    if (a == null || !(done >= total || !phase.equals(a.lastPhase()) || now - a.lastNanos() >= EVERY_MILLIS * 1_000_000)) {
      return;
    }
    audiences.put(id, new Audience(a.settlementId(), a.planId(), now, phase));
    Map<String, Object> data = Map.of("id", id.toString(), "phase", phase, "done", done, "total", total);
    try {
      jdbc.inTransaction(c -> {
        AppEvents.publish(c, a.settlementId(), a.planId(), "import-progress", data);
        return null;
      });
    } catch (RuntimeException e) {
      // a progress bar that stands still is no reason to fail (or slow) the import: say nothing more
      audiences.remove(id);
      log.warn("import {}: progress not announced any more", id, e);
    }
  }

  Step get(UUID id) {
    return running.get(id);
  }

  void end(UUID id) {
    running.remove(id);
    audiences.remove(id);
  }
}
