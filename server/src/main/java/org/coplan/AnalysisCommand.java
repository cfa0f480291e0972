package org.coplan;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import org.coplan.analysis.AnalysisBench;
import org.coplan.analysis.synthetic.SyntheticSettlement;
import org.coplan.analysis.synthetic.SyntheticWriter;
import org.coplan.config.Arguments;
import org.coplan.config.CoplanConfig;
import org.coplan.db.Database;
import org.coplan.db.Jdbc;

/**
 * {@code coplan generate --structures N --footpaths M --services K --seed S [--id ID]}: a synthetic
 * settlement into the database; {@code coplan bench analysis [--structures N ...] [--moves N]
 * [--db false]}: the analysis benchmark (see docs/performance.md). Both open the configured
 * database (the embedded one unless COPLAN_DB_URL is set), so a server on the same embedded
 * cluster must not be running.
 */
final class AnalysisCommand {
  private AnalysisCommand() {}

  static int generate(String[] argv, Map<String, String> env, PrintStream out) {
    Arguments args = Arguments.fromCommandLine(argv, env);
    int n = args.getInt("structures", "structures to generate", 10_000);
    int m = args.getInt("footpaths", "footpath segments to generate", 400);
    int k = args.getInt("services", "services to generate", 60);
    int seed = args.getInt("seed", "random seed", 1);
    String id = args.getString("id", "settlement id", "synthetic-" + seed);
    try (Main.OpenDatabase db = Main.openDatabase(CoplanConfig.from(args).database())) {
      Database.migrate(db.dataSource());
      SyntheticSettlement s = SyntheticSettlement.generate(n, m, k, seed);
      SyntheticWriter.write(new Jdbc(db.dataSource()), id, "Synthetic settlement " + seed, s);
      out.printf("settlement %s: %d structures, %d footpath segments, %d services%n",
          id, s.structures().size(), s.paths().size(), s.services().size());
      return 0;
    }
  }

  static int bench(String[] argv, Map<String, String> env, PrintStream out) {
    Arguments args = Arguments.fromCommandLine(argv, env);
    List<String> words = args.positional();
    if (words.size() < 2 || !words.get(1).equals("analysis")) {
      System.err.println("usage: coplan bench analysis [--structures 100000] [--footpaths 3000] [--services 500] [--seed 1] [--moves 50] [--db true]");
      return 2;
    }
    int n = args.getInt("structures", "structures", 100_000);
    int m = args.getInt("footpaths", "footpath segments", 3_000);
    int k = args.getInt("services", "services", 500);
    int seed = args.getInt("seed", "random seed", 1);
    int moves = args.getInt("moves", "footpath moves measured", 50);
    boolean withDb = !"false".equals(args.getString("db", "also measure through the database", "true"));
    out.printf("coplan bench analysis on %d processors, max heap %d MB%n",
        Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() / (1024 * 1024));
    if (!withDb) {
      AnalysisBench.run(null, n, m, k, seed, moves, out);
      return 0;
    }
    try (Main.OpenDatabase db = Main.openDatabase(CoplanConfig.from(args).database())) {
      Database.migrate(db.dataSource());
      AnalysisBench.run(new Jdbc(db.dataSource()), n, m, k, seed, moves, out);
      return 0;
    }
  }
}
