package org.coplan.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads that a streaming replica may answer, with read-your-writes: a read goes to the replica
 * only when it has replayed the primary's WAL up to the last position this server was told to wait
 * for ({@link #awaitPrimaryPosition}, called before caches are invalidated); otherwise to the
 * primary. So a cache emptied after an edit is never filled again from a replica that has not yet
 * seen the edit: while the replica lags, reads cost the primary, and once it has caught up (usually
 * within milliseconds) they go back to it. Without a replica every read goes to the primary.
 *
 * <p>The check and the read use the same replica connection, check first: a hot standby only
 * replays forwards, so a snapshot taken after the check sees at least the checked position.
 */
public final class ReplicaReads {
  private static final Logger log = LoggerFactory.getLogger(ReplicaReads.class);

  private final Jdbc primary;
  private final Jdbc replica;
  /** WAL position (pg_lsn text) the replica must have replayed; null: none yet. */
  private final AtomicReference<String> required = new AtomicReference<>();

  /** @param replica the replica's pool, or null for none */
  public ReplicaReads(Jdbc primary, Jdbc replica) {
    this.primary = primary;
    this.replica = replica;
  }

  public boolean hasReplica() {
    return replica != null;
  }

  /**
   * Notes the primary's current WAL position: everything committed before this call is there, and
   * reads after it go to the replica only once it has replayed that far.
   */
  public void awaitPrimaryPosition() {
    if (replica == null) {
      return;
    }
    // the insert position, not pg_current_wal_lsn() (the write position): with
    // synchronous_commit off a commit returns before its WAL is written, and the write position can
    // still stand before it, which a replica that has not seen the commit would already have reached
    String lsn = primary.read(c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT pg_current_wal_insert_lsn()::text");
          ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getString(1);
      }
    });
    // positions only grow; a racing older value must not replace a newer one
    required.accumulateAndGet(lsn, (a, b) -> a == null || compare(b, a) > 0 ? b : a);
  }

  /** A read's result and where it was read. */
  public record Routed<T>(T value, boolean fromReplica) {}

  /** Read-only work on the replica when it is current enough, else on the primary. */
  public <T> Routed<T> read(Jdbc.Work<T> work) {
    if (replica == null) {
      return new Routed<>(primary.read(work), false);
    }
    String lsn = required.get();
    try {
      try (Connection c = replica.dataSource().getConnection()) {
        if (caughtUp(c, lsn)) {
          return new Routed<>(work.apply(c), true);
        }
      }
    } catch (SQLException e) {
      log.warn("replica read failed, reading from the primary: {}", e.getMessage());
    }
    return new Routed<>(primary.read(work), false);
  }

  private static boolean caughtUp(Connection c, String lsn) throws SQLException {
    if (lsn == null) {
      return true;
    }
    try (PreparedStatement ps = c.prepareStatement("SELECT coalesce(pg_last_wal_replay_lsn() >= ?::pg_lsn, true)")) {
      ps.setString(1, lsn);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getBoolean(1);
      }
    }
  }

  /** Compares two pg_lsn texts ("16/B374D848"). */
  static int compare(String a, String b) {
    return Long.compareUnsigned(parse(a), parse(b));
  }

  private static long parse(String lsn) {
    int slash = lsn.indexOf('/');
    return (Long.parseLong(lsn.substring(0, slash), 16) << 32) | Long.parseLong(lsn.substring(slash + 1), 16);
  }
}
