package org.coplan.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.coplan.CoplanServer;
import org.coplan.config.Arguments;
import org.coplan.tiles.TileQueryText;

/**
 * {@code coplan bench tiles}: for each benchmark settlement, every non-empty tile of z14–z18 over it
 * and a replayed pan/zoom session, each set measured with {@code wrk} at 1, 4 and 16 connections
 * against coplan without its tile cache, against coplan with it, and against MapServer, and the
 * floor ({@code pgbench} running coplan's own tile SQL) with as many connections; the three uncached
 * runs of a row follow each other, so their ratios are measured under the same machine load. Before
 * measuring, every tile is fetched from coplan, the floor and MapServer and their features counted
 * per layer: coplan must carry exactly the floor's features.
 */
public final class TileBench {
  private final BenchSite site;
  private final PrintStream out;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  private TileBench(BenchSite site, PrintStream out) {
    this.site = site;
    this.out = out;
  }

  /** Options: --settlements, --connections, --seconds, --sets, --uncached, --mapserver, --work-dir. */
  public static int run(BenchSite site, Arguments args, PrintStream out) throws Exception {
    List<String> settlements = List.of(args.getString("settlements", "benchmark settlements",
        String.join(",", BenchSite.SETTLEMENTS.keySet())).split(","));
    List<Integer> connections = ints(args.getString("connections", "wrk and pgbench connections", "1,4,16"));
    int seconds = args.getInt("seconds", "seconds each system is measured per row", 6);
    int rounds = args.getInt("rounds", "interleaved slices the seconds are split into", 3);
    int slice = Math.max(1, seconds / rounds);
    List<String> sets = List.of(args.getString("sets", "tile sets: zooms and/or replay", "14,15,16,17,18,replay").split(","));
    String uncached = args.getString("uncached", "server flags that turn the tile cache off (k=v,k=v)", "tile-cache-bytes=0");
    boolean withMapServer = args.getBoolean("mapserver", "also measure MapServer 8", true);
    // a directory of its own per run: two runs must never share MapServer's socket or mapfiles
    Path work = args.getPath("work-dir", "scratch directory", null);
    if (work == null) {
      work = java.nio.file.Files.createTempDirectory("coplan-bench-tiles-");
    }
    Wrk.require();
    PgBench.require();
    if (withMapServer) {
      MapServerPeer.require();
    }
    site.ensure(settlements, out);
    Wrk wrk = new Wrk(work.resolve("wrk"));
    PgBench pgbench = new PgBench(work.resolve("pgbench"), site.connection());
    try (CoplanServer cold = site.startServer(flags(uncached));
        CoplanServer warm = site.startServer(Map.of());
        MapServerPeer mapserver = withMapServer
            ? MapServerPeer.start(work.resolve("mapserver"), site.connection(), settlements,
                connections.stream().mapToInt(Integer::intValue).max().orElse(1))
            : null) {
      TileBench bench = new TileBench(site, out);
      out.printf("coplan bench tiles: %d processors, %d × %d s per system and row, uncached server flags: %s%n",
          Runtime.getRuntime().availableProcessors(), rounds, slice, uncached);
      out.println("load before: " + loadAverage());
      for (String sid : settlements) {
        Map<String, List<TileSets.Tile>> tileSets = bench.tileSets(sid, sets, cold, mapserver);
        out.printf("%n#### %s%n%n", sid);
        out.println("| tiles | conns | floor tiles/s | coplan uncached tiles/s | ÷ floor | MapServer tiles/s | coplan ÷ MapServer"
            + " | coplan cached tiles/s | p99 ms floor / uncached / MapServer / cached | errors |");
        out.println("|---|---|---|---|---|---|---|---|---|---|");
        for (Map.Entry<String, List<TileSets.Tile>> set : tileSets.entrySet()) {
          List<TileSets.Tile> tiles = set.getValue();
          if (tiles.isEmpty()) {
            continue;
          }
          List<String> coplanPaths = tiles.stream().map(t -> tilePath(sid, t)).toList();
          // the cached server has seen every tile once (the cache's steady state while people look around)
          bench.fetchAll(warm, coplanPaths);
          for (int c : connections) {
            // interleaved slices: on a shared machine the load drifts, and each ratio should compare
            // systems measured under the same load
            Mean floor = new Mean();
            Mean coplan = new Mean();
            Mean ms = new Mean();
            Mean cached = new Mean();
            long errors = 0;
            for (int r = 0; r < rounds; r++) {
              PgBench.Result f = pgbench.run(sid, tiles, c, slice);
              floor.add(f.tps(), f.p99());
              Wrk.Result u = wrk.run(base(cold), coplanPaths, c, slice);
              coplan.add(u.rps(), u.p99());
              Wrk.Result m = mapserver == null ? null
                  : wrk.run(mapserver.baseUrl(), tiles.stream().map(t -> mapserver.path(sid, t)).toList(), c, slice);
              if (m != null) {
                ms.add(m.rps(), m.p99());
              }
              Wrk.Result w = wrk.run(base(warm), coplanPaths, c, slice);
              cached.add(w.rps(), w.p99());
              errors += f.failed() + u.errors() + w.errors() + (m == null ? 0 : m.errors());
            }
            out.printf("| %s (%d) | %d | %.1f | %.1f | %.2f | %s | %s | %.0f | %.0f / %.0f / %s / %.1f | %d |%n",
                set.getKey(), tiles.size(), c, floor.rate(), coplan.rate(), coplan.rate() / floor.rate(),
                mapserver == null ? "—" : String.format("%.1f", ms.rate()),
                mapserver == null ? "—" : String.format("%.2f", coplan.rate() / ms.rate()),
                cached.rate(), floor.p99(), coplan.p99(), mapserver == null ? "—" : String.format("%.0f", ms.p99()),
                cached.p99(), errors);
          }
        }
      }
      out.println();
      out.println("load after: " + loadAverage());
    }
    return 0;
  }

  /**
   * The tile sets of a settlement: per zoom the tiles coplan does not answer empty, and the replay.
   * Every zoom tile is also cut by the floor SQL and by MapServer, and their features counted.
   */
  private Map<String, List<TileSets.Tile>> tileSets(String sid, List<String> sets, CoplanServer coplan, MapServerPeer ms)
      throws IOException, InterruptedException {
    double[] box = TileSets.box(site.jdbc(), sid);
    Map<String, List<TileSets.Tile>> result = new LinkedHashMap<>();
    out.printf("%n%s: features per layer, summed over the non-empty tiles (coplan = floor is required)%n%n", sid);
    out.println("| zoom | tiles | mean KB | max KB | max ms (uncached, 1st fetch) | coplan | floor | MapServer | tiles differing coplan/floor | coplan/MapServer |");
    out.println("|---|---|---|---|---|---|---|---|---|---|");
    for (String set : sets) {
      if (set.equals("replay")) {
        result.put("replay", TileSets.replay(box, sid.hashCode()));
        continue;
      }
      int z = Integer.parseInt(set);
      List<TileSets.Tile> kept = new ArrayList<>();
      Map<String, Integer> coplanSum = new TreeMap<>();
      Map<String, Integer> floorSum = new TreeMap<>();
      Map<String, Integer> msSum = new TreeMap<>();
      int floorDiffs = 0;
      int msDiffs = 0;
      long bytes = 0;
      long maxBytes = 0;
      double maxMs = 0;
      for (TileSets.Tile t : TileSets.covering(box, z)) {
        long t0 = System.nanoTime();
        byte[] c = get(base(coplan) + tilePath(sid, t));
        maxMs = Math.max(maxMs, (System.nanoTime() - t0) / 1e6);
        byte[] f = floorTile(sid, t);
        if (c.length == 0 && f.length == 0) {
          continue;
        }
        kept.add(t);
        bytes += c.length;
        maxBytes = Math.max(maxBytes, c.length);
        Map<String, Integer> cc = MvtCount.of(c);
        Map<String, Integer> fc = MvtCount.of(f);
        cc.forEach((k, v) -> coplanSum.merge(k, v, Integer::sum));
        fc.forEach((k, v) -> floorSum.merge(k, v, Integer::sum));
        floorDiffs += cc.equals(fc) ? 0 : 1;
        if (ms != null) {
          Map<String, Integer> mc = new TreeMap<>();
          // MapServer needs a layer per geometry type: "services-lines" counts as "services"
          MvtCount.of(get(ms.baseUrl() + ms.path(sid, t))).forEach((k, v) -> mc.merge(k.replaceFirst("-(lines|polygons)$", ""), v, Integer::sum));
          mc.forEach((k, v) -> msSum.merge(k, v, Integer::sum));
          msDiffs += cc.equals(mc) ? 0 : 1;
        }
      }
      out.printf("| %d | %d | %.1f | %.1f | %.0f | %s | %s | %s | %d | %s |%n", z, kept.size(),
          kept.isEmpty() ? 0 : bytes / 1024.0 / kept.size(), maxBytes / 1024.0, maxMs, coplanSum, floorSum,
          ms == null ? "—" : msSum, floorDiffs, ms == null ? "—" : Integer.toString(msDiffs));
      if (floorDiffs > 0) {
        out.printf("WARNING: %d tiles of z%d differ from the floor's features%n", floorDiffs, z);
      }
      result.put("z" + z, kept);
    }
    return result;
  }

  /** The tile as the floor cuts it: the server's SQL with the values written in. */
  private byte[] floorTile(String sid, TileSets.Tile t) {
    String sql = TileQueryText.sql(t.z(), new TileQueryText.Variables(
        "'" + sid.replace("'", "''") + "'", "'baseline'", Integer.toString(t.z()), Integer.toString(t.x()), Integer.toString(t.y())));
    return site.jdbc().read(c -> {
      try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
        rs.next();
        byte[] b = rs.getBytes(1);
        return b == null ? new byte[0] : b;
      }
    });
  }

  private void fetchAll(CoplanServer server, List<String> paths) throws IOException, InterruptedException {
    for (String p : new java.util.LinkedHashSet<>(paths)) {
      get(base(server) + p);
    }
  }

  private byte[] get(String url) throws IOException, InterruptedException {
    HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(120)).build(),
        HttpResponse.BodyHandlers.ofByteArray());
    if (r.statusCode() == 204) {
      return new byte[0];
    }
    if (r.statusCode() != 200) {
      throw new IOException(url + " answered " + r.statusCode() + ": " + new String(r.body(), java.nio.charset.StandardCharsets.UTF_8));
    }
    return r.body();
  }

  static String tilePath(String sid, TileSets.Tile t) {
    return "/api/settlements/" + sid + "/plans/baseline/tiles/" + t.path() + ".mvt";
  }

  private static String base(CoplanServer server) {
    return "http://127.0.0.1:" + server.port();
  }

  /** Rates and p99s of the slices of one measurement: the mean rate, the worst p99. */
  private static final class Mean {
    private double sum;
    private int n;
    private double p99;

    void add(double rate, double p99) {
      sum += rate;
      n++;
      this.p99 = Math.max(this.p99, p99);
    }

    double rate() {
      return n == 0 ? Double.NaN : sum / n;
    }

    double p99() {
      return p99;
    }
  }

  static Map<String, String> flags(String list) {
    Map<String, String> flags = new LinkedHashMap<>();
    for (String kv : list.split(",")) {
      int eq = kv.indexOf('=');
      if (eq > 0) {
        flags.put(kv.substring(0, eq).trim(), kv.substring(eq + 1).trim());
      }
    }
    return flags;
  }

  private static List<Integer> ints(String list) {
    return java.util.Arrays.stream(list.split(",")).map(String::trim).map(Integer::parseInt).toList();
  }

  static String loadAverage() {
    try {
      return java.nio.file.Files.readString(Path.of("/proc/loadavg")).trim();
    } catch (IOException e) {
      return "unknown";
    }
  }
}
