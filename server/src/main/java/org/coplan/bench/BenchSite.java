package org.coplan.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.sql.DataSource;
import org.coplan.CoplanServer;
import org.coplan.analysis.synthetic.SyntheticSettlement;
import org.coplan.analysis.synthetic.SyntheticWriter;
import org.coplan.config.Arguments;
import org.coplan.config.CoplanConfig;
import org.coplan.db.Database;
import org.coplan.db.Jdbc;
import org.coplan.db.PgConnection;
import org.coplan.demo.DemoLoader;
import org.coplan.settlements.SettlementRepository;

/**
 * The data a benchmark runs on, in the configured database (the embedded cluster of {@code --home}
 * unless {@code COPLAN_DB_URL} is set): the Tandale demo and the synthetic settlements of 100k and
 * 500k structures, generated once with fixed seeds, so that every run measures the same rows.
 */
public final class BenchSite implements AutoCloseable {
  /** A generated settlement: what {@code coplan generate} is given to make it. */
  record Synthetic(int structures, int footpaths, int services, int seed) {}

  /**
   * The benchmark settlements: id → how it is made (null = the Tandale demo). 30 structures per
   * footpath segment and one service per 200 structures, as in {@code bench analysis}.
   */
  static final Map<String, Synthetic> SETTLEMENTS = new LinkedHashMap<>();

  static {
    SETTLEMENTS.put(DemoLoader.SETTLEMENT_ID, null);
    SETTLEMENTS.put("synthetic-100k", new Synthetic(100_000, 3_000, 500, 1));
    SETTLEMENTS.put("synthetic-500k", new Synthetic(500_000, 15_000, 2_500, 5));
  }

  private final String[] argv;
  private final Map<String, String> env;
  private final CoplanConfig config;
  private final DataSource dataSource;
  private final PgConnection connection;
  private final AutoCloseable closer;

  /**
   * @param argv the command line, so that servers started here get its options
   * @param closer releases the database (pool and embedded cluster)
   */
  public BenchSite(String[] argv, Map<String, String> env, DataSource ds, PgConnection connection, AutoCloseable closer) {
    this.argv = argv.clone();
    this.env = Map.copyOf(env);
    this.config = CoplanConfig.from(Arguments.fromCommandLine(argv, env));
    this.dataSource = ds;
    this.connection = connection;
    this.closer = closer;
    Database.migrate(ds);
  }

  DataSource dataSource() {
    return dataSource;
  }

  Jdbc jdbc() {
    return new Jdbc(dataSource);
  }

  PgConnection connection() {
    return connection;
  }

  /** Loads Tandale and generates the synthetic settlements that are missing. */
  void ensure(Iterable<String> settlementIds, PrintStream out) {
    SettlementRepository settlements = new SettlementRepository(jdbc());
    for (String id : settlementIds) {
      if (!SETTLEMENTS.containsKey(id)) {
        throw new IllegalArgumentException("unknown benchmark settlement " + id + "; one of " + SETTLEMENTS.keySet());
      }
      if (settlements.find(id).isPresent()) {
        continue;
      }
      long t = System.nanoTime();
      Synthetic g = SETTLEMENTS.get(id);
      if (g == null) {
        new DemoLoader(jdbc(), connection, config.demo().dataDir()).loadIfMissing();
      } else {
        SyntheticSettlement s = SyntheticSettlement.generate(g.structures(), g.footpaths(), g.services(), g.seed());
        SyntheticWriter.write(jdbc(), id, "Synthetic settlement " + g.seed(), s);
      }
      out.printf("loaded %s in %.0f s%n", id, (System.nanoTime() - t) / 1e9);
    }
    jdbc().read(c -> c.createStatement().execute("ANALYZE"));
  }

  /**
   * A server on a free loopback port, configured by the command line with {@code overrides} (flag
   * names without dashes) on top.
   */
  CoplanServer startServer(Map<String, String> overrides) throws Exception {
    List<String> words = new ArrayList<>(Arrays.asList(argv));
    Map<String, String> extra = new LinkedHashMap<>(overrides);
    extra.put("port", "0");
    extra.put("host", "127.0.0.1");
    // later flags win
    extra.forEach((k, v) -> words.addAll(List.of("--" + k + "=" + v)));
    return CoplanServer.start(CoplanConfig.from(Arguments.fromCommandLine(words.toArray(String[]::new), env)), dataSource);
  }

  @Override
  public void close() throws Exception {
    closer.close();
  }
}
