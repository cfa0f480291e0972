package org.coplan.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import javax.sql.DataSource;
import org.coplan.config.ConfigException;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens the connection pool and brings the schema up to date. Failures that an operator can fix
 * (unreachable server, missing PostGIS) become one {@link ConfigException} with the reason, never a
 * stack trace.
 */
public final class Database {
  private static final Logger LOG = LoggerFactory.getLogger(Database.class);
  public static final String EMBEDDED_DB_NAME = "coplan";

  private Database() {}

  /** Creates {@code name} on the cluster reached through {@code maintenanceUrl} if missing. */
  public static void createDatabaseIfMissing(String maintenanceUrl, String user, String name, String template) {
    Properties props = new Properties();
    props.setProperty("user", user);
    try (Connection c = DriverManager.getConnection(maintenanceUrl, props);
        Statement st = c.createStatement()) {
      try (ResultSet rs =
          st.executeQuery("SELECT 1 FROM pg_database WHERE datname = " + quoteLiteral(name))) {
        if (rs.next()) {
          return;
        }
      }
      // identifiers cannot be bound; the name is ours (fixed or generated), quoted here anyway
      st.execute(
          "CREATE DATABASE " + quoteIdent(name) + (template == null ? "" : " TEMPLATE " + quoteIdent(template)));
    } catch (SQLException e) {
      throw new ConfigException("cannot create database " + name + ": " + e.getMessage());
    }
  }

  /** A pool for {@code url}; checks the connection and PostGIS before returning. */
  public static HikariDataSource open(String url, String user, String password, int poolSize) {
    HikariConfig hc = new HikariConfig();
    hc.setJdbcUrl(url);
    hc.setUsername(user);
    if (password != null) {
      hc.setPassword(password);
    }
    hc.setMaximumPoolSize(poolSize);
    hc.setMinimumIdle(Math.min(2, poolSize));
    // a request waits at most this long for a connection; health checks must answer quickly
    hc.setConnectionTimeout(5_000);
    hc.setPoolName("coplan");
    // fail at once with the real reason instead of a pool time-out later
    hc.setInitializationFailTimeout(10_000);
    hc.addDataSourceProperty("ApplicationName", "coplan");
    HikariDataSource ds;
    try {
      ds = new HikariDataSource(hc);
    } catch (RuntimeException e) {
      throw new ConfigException(
          "cannot connect to the database at " + url + " as " + user + ": " + rootMessage(e));
    }
    ensurePostgis(ds, url);
    return ds;
  }

  /** Applies pending Flyway migrations from {@code db/migration}. */
  public static void migrate(DataSource ds) {
    var result =
        Flyway.configure()
            .dataSource(ds)
            .locations("classpath:db/migration")
            .load()
            .migrate();
    LOG.info(
        "Database schema at version {} ({} migrations applied now)",
        result.targetSchemaVersion,
        result.migrationsExecuted);
  }

  private static void ensurePostgis(DataSource ds, String url) {
    try (Connection c = ds.getConnection();
        Statement st = c.createStatement()) {
      try (ResultSet rs =
          st.executeQuery("SELECT extversion FROM pg_extension WHERE extname = 'postgis'")) {
        if (rs.next()) {
          LOG.info("PostGIS {} present", rs.getString(1));
          return;
        }
      }
      try {
        st.execute("CREATE EXTENSION postgis");
      } catch (SQLException e) {
        throw new ConfigException(
            "PostGIS is not available in the database at "
                + url
                + ": "
                + e.getMessage().strip()
                + ". Install PostGIS 3 on the database server and run CREATE EXTENSION postgis"
                + " as a superuser.");
      }
    } catch (SQLException e) {
      throw new ConfigException("cannot use the database at " + url + ": " + e.getMessage());
    }
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null) {
      t = t.getCause();
    }
    return t.getMessage();
  }

  /**
   * The one way SQL identifiers are quoted. Identifiers cannot be bound, so callers take them only
   * from fixed catalogues (such as {@code Layer}); the quoting guards against the catalogue's own
   * spelling (reserved words, capitals), never against input.
   */
  public static String quoteIdent(String ident) {
    return '"' + ident.replace("\"", "\"\"") + '"';
  }

  static String quoteLiteral(String value) {
    return "'" + value.replace("'", "''") + "'";
  }
}
