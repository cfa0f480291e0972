package org.coplan.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.coplan.db.PgConnection;
import org.coplan.tiles.TileQueryText;

/**
 * The floor: the server's own tile SQL ({@link TileQueryText}), run by {@code pgbench} on the same
 * database, over the same tiles, with as many connections as {@code wrk} uses. Tiles are picked at
 * random from the list inside pgbench (the list is a CASE expression, a few microseconds of client
 * work), so no lookup query adds to the floor's time. Statements are prepared, as the server's are.
 */
final class PgBench {
  private static final Pattern TPS = Pattern.compile("tps = ([0-9.]+) \\(without initial connection time\\)");
  private static final Pattern FAILED = Pattern.compile("number of failed transactions: (\\d+)");
  private static final long Z = 100_000_000_000_000L;
  private static final long X = 10_000_000L;

  record Result(double tps, double p50, double p99, long transactions, long failed) {}

  private final Path dir;
  private final PgConnection db;

  PgBench(Path dir, PgConnection db) throws IOException {
    this.dir = Files.createDirectories(dir);
    this.db = db;
  }

  static void require() {
    Tools.require("pgbench", "postgresql-client (or postgresql-15)");
  }

  /** The pgbench script that cuts a random tile of the list, one zoom's SQL per \if branch. */
  static String script(List<TileSets.Tile> tiles) {
    StringBuilder s = new StringBuilder();
    s.append("\\set i random(0, ").append(tiles.size() - 1).append(")\n");
    s.append("\\set t CASE");
    for (int i = 0; i < tiles.size() - 1; i++) {
      s.append(" WHEN :i = ").append(i).append(" THEN ").append(encode(tiles.get(i)));
    }
    s.append(" ELSE ").append(encode(tiles.get(tiles.size() - 1))).append(" END\n");
    s.append("\\set z :t / ").append(Z).append("\n");
    s.append("\\set x (:t / ").append(X).append(") % ").append(X).append("\n");
    s.append("\\set y :t % ").append(X).append("\n");
    TreeMap<Integer, String> byZoom = new TreeMap<>();
    TileQueryText.Variables vars = new TileQueryText.Variables(":sid", ":pid", ":z", ":x", ":y");
    tiles.forEach(t -> byZoom.computeIfAbsent(t.z(), z -> TileQueryText.sql(z, vars)));
    if (byZoom.size() == 1) {
      return s.append(byZoom.firstEntry().getValue()).append(";\n").toString();
    }
    String keyword = "\\if";
    for (Map.Entry<Integer, String> e : byZoom.entrySet()) {
      s.append(keyword).append(" :z = ").append(e.getKey()).append("\n").append(e.getValue()).append(";\n");
      keyword = "\\elif";
    }
    return s.append("\\endif\n").toString();
  }

  private static long encode(TileSets.Tile t) {
    return t.z() * Z + t.x() * X + t.y();
  }

  Result run(String settlementId, List<TileSets.Tile> tiles, int clients, int seconds) throws IOException, InterruptedException {
    String name = "floor-" + Long.toHexString(System.nanoTime());
    Path script = dir.resolve(name + ".sql");
    Files.writeString(script, script(tiles));
    Path logs = Files.createDirectories(dir.resolve(name));
    List<String> cmd = new ArrayList<>(List.of("pgbench", "-n", "-M", "prepared",
        "-h", db.host(), "-p", Integer.toString(db.port()), "-U", db.user(),
        "-c", Integer.toString(clients), "-j", Integer.toString(Math.min(clients, 2)), "-T", Integer.toString(seconds),
        "-D", "sid=" + settlementId, "-D", "pid=baseline", "-f", script.toString(),
        "-l", "--log-prefix=" + logs.resolve("tx"), db.database()));
    String out = Tools.run(cmd, db.environment(), seconds + 300);
    Matcher m = TPS.matcher(out);
    if (!m.find()) {
      throw new IOException("pgbench said: " + out);
    }
    double tps = Double.parseDouble(m.group(1));
    Matcher f = FAILED.matcher(out);
    long failed = f.find() ? Long.parseLong(f.group(1)) : 0;
    double[] latencies = latencies(logs);
    deleteTree(logs);
    Files.deleteIfExists(script);
    return new Result(tps, percentile(latencies, 50), percentile(latencies, 99), latencies.length, failed);
  }

  /** Per-transaction latencies in ms from pgbench's logs (third field, microseconds). */
  private static double[] latencies(Path logs) throws IOException {
    List<Double> values = new ArrayList<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(logs)) {
      for (Path file : files) {
        for (String line : Files.readAllLines(file)) {
          String[] f = line.split(" ");
          if (f.length > 2) {
            values.add(Long.parseLong(f[2]) / 1000.0);
          }
        }
      }
    }
    return values.stream().mapToDouble(Double::doubleValue).toArray();
  }

  static double percentile(double[] values, double p) {
    if (values.length == 0) {
      return Double.NaN;
    }
    double[] v = values.clone();
    Arrays.sort(v);
    return v[Math.min(v.length - 1, (int) Math.ceil(p / 100 * v.length) - 1)];
  }

  private static void deleteTree(Path dir) throws IOException {
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
      for (Path f : files) {
        Files.delete(f);
      }
    }
    Files.delete(dir);
  }
}
