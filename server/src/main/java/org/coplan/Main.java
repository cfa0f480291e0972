package org.coplan;

import org.coplan.io.IoCommand;

import com.zaxxer.hikari.HikariDataSource;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.coplan.auth.AccountBootstrap;
import org.coplan.config.Arguments;
import org.coplan.config.ConfigException;
import org.coplan.config.CoplanConfig;
import org.coplan.db.Database;
import org.coplan.db.EmbeddedPostgres;
import org.coplan.db.Jdbc;
import org.coplan.db.PgConnection;
import org.coplan.demo.DemoLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * Entry point: {@code coplan [serve] [--port N] ...}. Builds the configuration, opens the database
 * (the embedded cluster unless {@code COPLAN_DB_URL} is set), migrates it, loads the demo and serves
 * HTTP until SIGTERM or Ctrl-C, then stops Jetty, the pool and the cluster in that order.
 */
public final class Main {
  private static final Logger LOG = LoggerFactory.getLogger(Main.class);

  private Main() {}

  public static void main(String[] argv) {
    SLF4JBridgeHandler.removeHandlersForRootLogger();
    SLF4JBridgeHandler.install();
    if (argv.length > 0 && List.of("import", "export", "households").contains(argv[0])) {
      // clients of a running server, with options of their own (repeated --map, flags without values)
      System.exit(IoCommand.run(argv, System.getenv(), System.out, System.err));
    }
    try {
      Arguments args = Arguments.fromCommandLine(argv, System.getenv());
      List<String> words = args.positional();
      String command = words.isEmpty() ? "serve" : words.get(0);
      switch (command) {
        case "serve" -> serve(args);
        case "user" -> System.exit(UserCommand.run(argv, System.getenv(), System.in, System.out, System.err));
        case "generate" -> System.exit(AnalysisCommand.generate(argv, System.getenv(), System.out));
        case "bench" -> System.exit(BenchCommand.handles(argv, System.getenv())
            ? BenchCommand.run(argv, System.getenv(), System.out)
            : AnalysisCommand.bench(argv, System.getenv(), System.out));
        case "help", "--help" -> usage();
        default -> {
          System.err.println("coplan: unknown command '" + command + "'");
          usage();
          System.exit(2);
        }
      }
    } catch (ConfigException e) {
      System.err.println("coplan: " + e.getMessage());
      System.exit(1);
    }
  }

  private static void usage() {
    System.err.println(
        """
        usage: coplan [serve] [--port N] [--home DIR] [--db-url JDBC_URL] [--demo true|false]
          serve   start the server (default); options may also be given as COPLAN_* variables
          user    manage accounts: coplan user --help
          import, export, households   files in and out of a running server: coplan import --help
          generate  a synthetic settlement: --structures N --footpaths M --services K --seed S [--id ID]
          bench     benchmarks: coplan bench analysis|tiles|load|memory (see docs/performance.md)
        """);
  }

  /** The database the server will use, and how to release it. */
  record OpenDatabase(HikariDataSource dataSource, PgConnection connection, EmbeddedPostgres cluster)
      implements AutoCloseable {
    @Override
    public void close() {
      dataSource.close();
      if (cluster != null) {
        cluster.close();
      }
    }
  }

  static OpenDatabase openDatabase(CoplanConfig.Database db) {
    if (!db.embedded()) {
      HikariDataSource ds = Database.open(db.url(), db.user(), db.password(), db.poolSize());
      return new OpenDatabase(ds, PgConnection.fromJdbcUrl(db.url(), db.user(), db.password()), null);
    }
    EmbeddedPostgres cluster =
        EmbeddedPostgres.start(db.home(), db.pgBin(), EmbeddedPostgres.Durability.DURABLE);
    try {
      Database.createDatabaseIfMissing(
          cluster.jdbcUrl("postgres"), cluster.superuser(), Database.EMBEDDED_DB_NAME, null);
      String url = cluster.jdbcUrl(Database.EMBEDDED_DB_NAME);
      HikariDataSource ds = Database.open(url, cluster.superuser(), null, db.poolSize());
      return new OpenDatabase(ds, PgConnection.fromJdbcUrl(url, cluster.superuser(), null), cluster);
    } catch (RuntimeException e) {
      cluster.close();
      throw e;
    }
  }

  private static void serve(Arguments args) {
    CoplanConfig config = CoplanConfig.from(args);
    args.described()
        .forEach(d -> LOG.info("config {} = {} ({}) — {}", d.key(), d.value(), d.source(), d.description()));
    OpenDatabase db = openDatabase(config.database());
    CountDownLatch stopped = new CountDownLatch(1);
    try {
      Database.migrate(db.dataSource());
      boolean demoLoadedNow =
          config.demo().load()
              && new DemoLoader(new Jdbc(db.dataSource()), db.connection(), config.demo().dataDir()).loadIfMissing();
      new AccountBootstrap(new Jdbc(db.dataSource()), config.security(), System.out)
          .run(demoLoadedNow ? DemoLoader.SETTLEMENT_ID : null);
      CoplanServer server = CoplanServer.start(config, db.dataSource());
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    LOG.info("Stopping");
                    try {
                      server.close();
                    } catch (Exception e) {
                      LOG.warn("HTTP server did not stop cleanly: {}", e.getMessage());
                    }
                    db.close();
                    stopped.countDown();
                  },
                  "shutdown"));
      LOG.info("coplan serving http://localhost:{}/", server.port());
      System.out.println("coplan serving http://localhost:" + server.port() + "/");
      server.join();
      stopped.await();
    } catch (ConfigException e) {
      db.close();
      throw e;
    } catch (Exception e) {
      LOG.error("coplan failed to start", e);
      db.close();
      System.exit(1);
    }
  }
}
