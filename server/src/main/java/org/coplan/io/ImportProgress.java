package org.coplan.io;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How far each running commit is, for {@code GET .../imports/{id}} (the UI's progress bar, the
 * CLI's progress line). In memory: a commit runs in this process, and its transaction is invisible
 * to others until it ends, so the database could not tell.
 */
final class ImportProgress {
  record Step(String phase, int done, int total) {
    double fraction() {
      return total == 0 ? 1.0 : Math.min(1.0, (double) done / total);
    }
  }

  private final Map<UUID, Step> running = new ConcurrentHashMap<>();

  void set(UUID id, String phase, int done, int total) {
    running.put(id, new Step(phase, done, total));
  }

  Step get(UUID id) {
    return running.get(id);
  }

  void end(UUID id) {
    running.remove(id);
  }
}
