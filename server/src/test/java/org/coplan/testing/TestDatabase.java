package org.coplan.testing;

import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.coplan.db.Database;
import org.coplan.db.EmbeddedPostgres;
import org.coplan.db.Jdbc;
import org.coplan.db.PgConnection;
import org.coplan.demo.DemoLoader;

/**
 * The throwaway PostGIS of a test run: one private cluster started on first use (durability off),
 * one template database migrated and loaded with the Tandale demo, and a fresh copy of that
 * template for each test class, so classes never see each other's writes.
 */
public final class TestDatabase {
  private static final String TEMPLATE = "coplan_template";
  private static final AtomicInteger COUNTER = new AtomicInteger();
  private static volatile TestDatabase instance;

  private final EmbeddedPostgres cluster;
  private final Path home;

  private TestDatabase(EmbeddedPostgres cluster, Path home) {
    this.cluster = cluster;
    this.home = home;
  }

  /** The run's cluster, started and templated on first call. */
  public static synchronized TestDatabase get() {
    if (instance == null) {
      instance = start();
    }
    return instance;
  }

  private static TestDatabase start() {
    Path home;
    try {
      // under /tmp, readable by the postgres user when the tests run as root
      home = Files.createTempDirectory(Path.of("/tmp"), "coplan-test-");
      Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwxr-xr-x"));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    EmbeddedPostgres cluster =
        EmbeddedPostgres.start(home, null, EmbeddedPostgres.Durability.THROWAWAY);
    TestDatabase db = new TestDatabase(cluster, home);
    Runtime.getRuntime().addShutdownHook(new Thread(db::stop, "test-db-stop"));
    Database.createDatabaseIfMissing(cluster.jdbcUrl("postgres"), cluster.superuser(), TEMPLATE, null);
    try (HikariDataSource ds = Database.open(cluster.jdbcUrl(TEMPLATE), cluster.superuser(), null, 4)) {
      Database.migrate(ds);
      new DemoLoader(new Jdbc(ds), db.connection(TEMPLATE), dataDir()).loadIfMissing();
    }
    return db;
  }

  /** The repository's data/ folder (Maven passes the repository root as coplan.repo). */
  public static Path dataDir() {
    String repo = System.getProperty("coplan.repo");
    Path base = repo != null ? Path.of(repo) : Path.of("").toAbsolutePath().getParent();
    return base.resolve("data").normalize();
  }

  /** A new database copied from the migrated, demo-loaded template. */
  public Fresh newDatabase() {
    String name = "test_" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet();
    Database.createDatabaseIfMissing(cluster.jdbcUrl("postgres"), cluster.superuser(), name, TEMPLATE);
    HikariDataSource ds = Database.open(cluster.jdbcUrl(name), cluster.superuser(), null, 8);
    return new Fresh(name, ds, connection(name));
  }

  /** An empty database with only the migrations, no demo data. */
  public Fresh newEmptyDatabase() {
    String name = "empty_" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet();
    Database.createDatabaseIfMissing(cluster.jdbcUrl("postgres"), cluster.superuser(), name, null);
    HikariDataSource ds = Database.open(cluster.jdbcUrl(name), cluster.superuser(), null, 8);
    Database.migrate(ds);
    return new Fresh(name, ds, connection(name));
  }

  public PgConnection connection(String database) {
    return PgConnection.fromJdbcUrl(cluster.jdbcUrl(database), cluster.superuser(), null);
  }

  public String jdbcUrl(String database) {
    return cluster.jdbcUrl(database);
  }

  /** A test class's own database. */
  public record Fresh(String name, HikariDataSource dataSource, PgConnection connection)
      implements AutoCloseable {
    /** Runs one statement with bound values, for test set-up. */
    public void execute(String sql, Object... values) {
      try (Connection c = dataSource.getConnection();
          PreparedStatement ps = bind(c.prepareStatement(sql), values)) {
        ps.execute();
      } catch (SQLException e) {
        throw new IllegalStateException(e);
      }
    }

    /** The first column of the first row as text, or null. */
    public String scalar(String sql, Object... values) {
      try (Connection c = dataSource.getConnection();
          PreparedStatement ps = bind(c.prepareStatement(sql), values);
          ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getString(1) : null;
      } catch (SQLException e) {
        throw new IllegalStateException(e);
      }
    }

    private static PreparedStatement bind(PreparedStatement ps, Object... values) throws SQLException {
      for (int i = 0; i < values.length; i++) {
        ps.setObject(i + 1, values[i]);
      }
      return ps;
    }

    @Override
    public void close() {
      dataSource.close();
    }
  }

  private void stop() {
    cluster.close();
    try (Stream<Path> files = Files.walk(home)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a leftover temp directory is harmless
    }
  }
}
