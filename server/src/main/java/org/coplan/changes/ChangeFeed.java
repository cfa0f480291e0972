package org.coplan.changes;

import java.io.IOException;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Listens on the database channels {@code coplan_change} (see V005__change_feed.sql) and
 * {@code coplan_event} ({@link AppEvents}), {@code coplan_conflict} (V009) and {@code coplan_access}
 * (V010) and hands every committed feature change and event to the
 * subscribed {@link ChangeListener}s, one at a time, on one daemon thread. Because the database announces the changes, this server hears the edits of every other
 * instance on the same database too.
 *
 * <p>The listening connection is held for the server's life, outside the request pool. When it breaks, the feed reconnects
 * (once a second) and then calls {@link ChangeListener#missedChanges()}: notifications sent while
 * nobody listened are gone.
 */
public final class ChangeFeed implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ChangeFeed.class);
  static final String CHANNEL = "coplan_change";
  /** Analysis results written (V009). */
  static final String CONFLICT_CHANNEL = "coplan_conflict";
  /** A settlement's visibility or plans changed (V010): the payload is the settlement id. */
  static final String ACCESS_CHANNEL = "coplan_access";
  /** Barriers of {@link #sync}: the payload names the feed that waits for it. */
  static final String SYNC_CHANNEL = "coplan_sync";
  private static final int POLL_MILLIS = 250;

  private final String name = UUID.randomUUID().toString();
  private final AtomicLong barriers = new AtomicLong();
  private final Map<String, CompletableFuture<Void>> pendingBarriers = new ConcurrentHashMap<>();

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
    listeners.forEach(l -> tell(l, ChangeListener::listening));
    thread = new Thread(() -> run(first), "change-feed");
    thread.setDaemon(true);
    thread.start();
  }

  private Connection listen() throws SQLException {
    Connection c = openOutsidePool();
    try (Statement s = c.createStatement()) {
      c.setAutoCommit(true);
      s.execute("LISTEN " + CHANNEL);
      s.execute("LISTEN " + AppEvents.CHANNEL);
      s.execute("LISTEN " + CONFLICT_CHANNEL);
      s.execute("LISTEN " + ACCESS_CHANNEL);
      s.execute("LISTEN " + SYNC_CHANNEL);
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
          listeners.forEach(l -> tell(l, ChangeListener::listening));
          listeners.forEach(l -> tell(l, ChangeListener::missedChanges));
        }
        PGNotification[] notifications = connection.unwrap(PGConnection.class).getNotifications(POLL_MILLIS);
        if (notifications != null) {
          for (PGNotification n : notifications) {
            switch (n.getName()) {
              case CHANNEL -> deliver("change", n.getParameter(), ChangeNotification::parse, ChangeListener::changed);
              case CONFLICT_CHANNEL -> deliver("conflict", n.getParameter(), ChangeNotification::parseConflicts, ChangeListener::conflictsChanged);
              case SYNC_CHANNEL -> passBarrier(n.getParameter());
              case ACCESS_CHANNEL -> deliver("access", n.getParameter(), Optional::ofNullable, ChangeListener::accessChanged);
              default -> deliver("event", n.getParameter(), ChangeNotification::parseEvent, ChangeListener::event);
            }
          }
        }
      } catch (SQLException e) {
        if (!running) {
          break;
        }
        log.warn("change feed lost its connection: {}", e.getMessage());
        listeners.forEach(l -> tell(l, ChangeListener::feedLost));
        close(connection);
        connection = null;
        sleep(1000);
      }
    }
    close(connection);
  }

  /** Reads one kind of notification's payload; empty when it is not for anyone here. */
  private interface PayloadReader<T> {
    Optional<T> read(String payload) throws IOException;
  }

  /**
   * Hands one notification to every listener. One failing listener must not starve the others nor
   * stop the feed; an unreadable payload is logged and skipped.
   */
  private <T> void deliver(String kind, String payload, PayloadReader<T> reader, BiConsumer<ChangeListener, T> hand) {
    try {
      reader.read(payload).ifPresent(value -> {
        for (ChangeListener l : listeners) {
          try {
            hand.accept(l, value);
          } catch (RuntimeException e) {
            log.error("change listener {} failed", l.getClass().getName(), e);
          }
        }
      });
    } catch (IOException | RuntimeException e) {
      log.error("unreadable {} notification: {}", kind, payload, e);
    }
  }

  private void passBarrier(String token) {
    CompletableFuture<Void> waiting = pendingBarriers.remove(token);
    if (waiting != null) {
      waiting.complete(null);
    }
  }

  /**
   * Returns once every change committed before this call has been handed to the listeners (or
   * after {@code timeout}; false then). PostgreSQL delivers notifications in commit order, so a
   * barrier notification sent now arrives after all of them; the feed's one thread hands them on in
   * that order. A request that changed data calls this before answering, so that its caller's next
   * read on this instance finds the caches already invalidated (read-your-writes).
   */
  public boolean sync(Duration timeout) {
    if (!running) {
      return true;
    }
    String token = name + ":" + barriers.incrementAndGet();
    CompletableFuture<Void> passed = new CompletableFuture<>();
    pendingBarriers.put(token, passed);
    try {
      try (Connection c = dataSource.getConnection();
          PreparedStatement ps = c.prepareStatement("SELECT pg_notify('" + SYNC_CHANNEL + "', ?)")) {
        ps.setString(1, token);
        ps.execute();
      }
      passed.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (SQLException | ExecutionException | TimeoutException e) {
      log.warn("change feed barrier not passed within {} ms: {}", timeout.toMillis(), e.toString());
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } finally {
      pendingBarriers.remove(token);
    }
  }

  private static void tell(ChangeListener l, Consumer<ChangeListener> what) {
    try {
      what.accept(l);
    } catch (RuntimeException e) {
      log.error("change listener {} failed", l.getClass().getName(), e);
    }
  }

  /**
   * The listening connection, opened beside the pool when the pool can say where it connects: it is
   * held for the server's life, and a pool slot held forever is one less for requests (two feeds per
   * instance would take two of the default ten).
   */
  private Connection openOutsidePool() throws SQLException {
    if (dataSource.isWrapperFor(HikariDataSource.class)) {
      HikariDataSource pool = dataSource.unwrap(HikariDataSource.class);
      Properties props = new Properties();
      props.putAll(pool.getDataSourceProperties());
      if (pool.getUsername() != null) {
        props.setProperty("user", pool.getUsername());
      }
      if (pool.getPassword() != null) {
        props.setProperty("password", pool.getPassword());
      }
      if (pool.getJdbcUrl() != null) {
        return DriverManager.getConnection(pool.getJdbcUrl(), props);
      }
    }
    return dataSource.getConnection();
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
