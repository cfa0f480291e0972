package org.coplan.changes;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Listens on the database channels {@code coplan_change} (see V005__change_feed.sql) and
 * {@code coplan_event} ({@link AppEvents}) and hands every committed feature change and event to the
 * subscribed {@link ChangeListener}s, one at a time, on one daemon thread. Because the database announces the changes, this server hears the edits of every other
 * instance on the same database too.
 *
 * <p>The listening connection is held for the server's life. When it breaks, the feed reconnects
 * (once a second) and then calls {@link ChangeListener#missedChanges()}: notifications sent while
 * nobody listened are gone.
 */
public final class ChangeFeed implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ChangeFeed.class);
  static final String CHANNEL = "coplan_change";
  private static final int POLL_MILLIS = 250;

  private final DataSource dataSource;
  private final List<ChangeListener> listeners = new CopyOnWriteArrayList<>();
  private volatile boolean running;
  private Thread thread;

  public ChangeFeed(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  public void subscribe(ChangeListener listener) {
    listeners.add(listener);
  }

  /** Starts listening and returns once LISTEN is in place, so changes committed after this are heard. */
  public synchronized void start() throws SQLException {
    if (running) {
      return;
    }
    Connection first = listen();
    running = true;
    thread = new Thread(() -> run(first), "change-feed");
    thread.setDaemon(true);
    thread.start();
  }

  private Connection listen() throws SQLException {
    Connection c = dataSource.getConnection();
    try (Statement s = c.createStatement()) {
      c.setAutoCommit(true);
      s.execute("LISTEN " + CHANNEL);
      s.execute("LISTEN " + AppEvents.CHANNEL);
      return c;
    } catch (SQLException e) {
      c.close();
      throw e;
    }
  }

  private void run(Connection first) {
    Connection connection = first;
    while (running) {
      try {
        if (connection == null) {
          connection = listen();
          log.info("change feed connected again; listeners told that changes may have been missed");
          listeners.forEach(ChangeFeed::missed);
        }
        PGNotification[] notifications = connection.unwrap(PGConnection.class).getNotifications(POLL_MILLIS);
        if (notifications != null) {
          for (PGNotification n : notifications) {
            if (n.getName().equals(CHANNEL)) {
              deliver(n.getParameter());
            } else {
              deliverEvent(n.getParameter());
            }
          }
        }
      } catch (SQLException e) {
        if (!running) {
          break;
        }
        log.warn("change feed lost its connection: {}", e.getMessage());
        close(connection);
        connection = null;
        sleep(1000);
      }
    }
    close(connection);
  }

  private void deliver(String payload) {
    try {
      ChangeNotification.parse(payload).ifPresent(change -> {
        for (ChangeListener l : listeners) {
          try {
            l.changed(change);
          } catch (RuntimeException e) {
            // one failing listener must not starve the others nor stop the feed
            log.error("change listener {} failed", l.getClass().getName(), e);
          }
        }
      });
    } catch (java.io.IOException | RuntimeException e) {
      log.error("unreadable change notification: {}", payload, e);
    }
  }

  private void deliverEvent(String payload) {
    try {
      ChangeNotification.parseEvent(payload).ifPresent(event -> {
        for (ChangeListener l : listeners) {
          try {
            l.event(event);
          } catch (RuntimeException e) {
            log.error("change listener {} failed", l.getClass().getName(), e);
          }
        }
      });
    } catch (java.io.IOException | RuntimeException e) {
      log.error("unreadable event notification: {}", payload, e);
    }
  }

  private static void missed(ChangeListener l) {
    try {
      l.missedChanges();
    } catch (RuntimeException e) {
      log.error("change listener {} failed", l.getClass().getName(), e);
    }
  }

  private static void close(Connection c) {
    if (c != null) {
      try {
        c.close();
      } catch (SQLException ignored) {
        // closing a broken connection; nothing more to do
      }
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public synchronized void close() {
    running = false;
    if (thread != null) {
      try {
        thread.join(2000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
