package org.coplan;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import org.coplan.bench.BenchSite;
import org.coplan.bench.LoadBench;
import org.coplan.bench.MemoryBench;
import org.coplan.bench.TileBench;
import org.coplan.config.Arguments;
import org.coplan.config.CoplanConfig;

/**
 * {@code coplan bench tiles|load|memory [options]}: the benchmarks that run the real server on the
 * configured database (the embedded cluster of {@code --home} unless COPLAN_DB_URL is set; a server
 * on the same embedded cluster must not be running). {@code coplan bench analysis} is {@link
 * AnalysisCommand}'s. See docs/performance.md.
 */
final class BenchCommand {
  private BenchCommand() {}

  static boolean handles(String[] argv, Map<String, String> env) {
    List<String> words = Arguments.fromCommandLine(argv, env).positional();
    return words.size() >= 2 && List.of("tiles", "load", "memory").contains(words.get(1));
  }

  static int run(String[] argv, Map<String, String> env, PrintStream out) {
    Arguments args = Arguments.fromCommandLine(argv, env);
    String which = args.positional().get(1);
    Main.OpenDatabase db = Main.openDatabase(CoplanConfig.from(args).database());
    // Ctrl-C during a long run still stops the embedded cluster
    Thread stop = new Thread(db::close, "bench-shutdown");
    Runtime.getRuntime().addShutdownHook(stop);
    try (BenchSite site = new BenchSite(argv, env, db.dataSource(), db.connection(), () -> {})) {
      return switch (which) {
        case "tiles" -> TileBench.run(site, args, out);
        case "load" -> LoadBench.run(site, args, out);
        default -> MemoryBench.run(site, args, out);
      };
    } catch (org.coplan.config.ConfigException e) {
      throw e;
    } catch (Exception e) {
      e.printStackTrace();
      System.err.println("coplan bench " + which + " failed: " + e);
      return 1;
    } finally {
      Runtime.getRuntime().removeShutdownHook(stop);
      db.close();
    }
  }
}
