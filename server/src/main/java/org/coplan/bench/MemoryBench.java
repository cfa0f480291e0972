package org.coplan.bench;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.coplan.CoplanServer;
import org.coplan.auth.UserAdmin;
import org.coplan.auth.TokenScope;
import org.coplan.config.Arguments;

/**
 * {@code coplan bench memory}: the 500k-structure settlement served and analysed in this JVM (run it
 * with {@code COPLAN_JAVA_OPTS=-Xmx2g}): every tile of z12–z18 over it fetched by four clients, then
 * the baseline's full analysis run through the API, then the tiles again (now with conflicts).
 * Reports the heap limit, the peak of every heap pool and the live heap after a full GC; the run
 * fails if any request fails (an OutOfMemoryError answers 500).
 */
public final class MemoryBench {
  private static final String SID = "synthetic-500k";

  private MemoryBench() {}

  public static int run(BenchSite site, Arguments args, PrintStream out) throws Exception {
    String sid = args.getString("settlement", "settlement to serve and analyse", SID);
    site.ensure(List.of(sid), out);
    String token = adminToken(site);
    resetPeaks();
    try (CoplanServer server = site.startServer(java.util.Map.of())) {
      String base = "http://127.0.0.1:" + server.port() + "/api/settlements/" + sid + "/plans/baseline";
      HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
      double[] box = TileSets.box(site.jdbc(), sid);
      List<String> paths = new ArrayList<>();
      for (int z = 12; z <= 18; z++) {
        TileSets.covering(box, z).forEach(t -> paths.add(base + "/tiles/" + t.path() + ".mvt"));
      }
      out.printf("max heap %d MB; %d tiles z12–z18 over %s%n", Runtime.getRuntime().maxMemory() >> 20, paths.size(), sid);
      long failures = fetch(http, paths, out, "tiles (first pass)");
      long t = System.nanoTime();
      HttpResponse<String> analysis = http.send(HttpRequest.newBuilder(URI.create(base + "/analysis"))
          .POST(HttpRequest.BodyPublishers.noBody()).header("Authorization", "Bearer " + token)
          .timeout(Duration.ofMinutes(30)).build(), HttpResponse.BodyHandlers.ofString());
      out.printf("full analysis through the API: %d in %.1f s: %s%n", analysis.statusCode(), (System.nanoTime() - t) / 1e9,
          analysis.body().length() > 300 ? analysis.body().substring(0, 300) + "…" : analysis.body());
      failures += analysis.statusCode() == 200 ? 0 : 1;
      failures += fetch(http, paths, out, "tiles (after analysis)");
      out.printf("peak heap (sum of pool peaks): %d MB of %d MB; after full GC: %d MB live%n",
          peakHeapMb(), Runtime.getRuntime().maxMemory() >> 20, liveMb());
      out.println("failed requests: " + failures + "; load: " + TileBench.loadAverage());
      return failures == 0 ? 0 : 1;
    }
  }

  private static long fetch(HttpClient http, List<String> urls, PrintStream out, String what) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    AtomicLong failures = new AtomicLong();
    AtomicLong bytes = new AtomicLong();
    long t = System.nanoTime();
    List<Future<?>> all = new ArrayList<>();
    for (String url : urls) {
      all.add(pool.submit(() -> {
        HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMinutes(5)).build(),
            HttpResponse.BodyHandlers.ofByteArray());
        bytes.addAndGet(r.body().length);
        if (r.statusCode() != 200 && r.statusCode() != 204) {
          failures.incrementAndGet();
        }
        return null;
      }));
    }
    for (Future<?> f : all) {
      try {
        f.get();
      } catch (Exception e) {
        failures.incrementAndGet();
      }
    }
    pool.shutdown();
    out.printf("%s: %d requests, %d MB, %.1f s, %d failed; heap peak so far %d MB%n", what, urls.size(), bytes.get() >> 20,
        (System.nanoTime() - t) / 1e9, failures.get(), peakHeapMb());
    return failures.get();
  }

  private static String adminToken(BenchSite site) {
    UserAdmin admin = UserAdmin.open(site.jdbc(), "cli:bench");
    if (admin.find("bench-admin").isEmpty()) {
      admin.add("bench-admin", "Benchmark admin", UserAdmin.randomPassword(), true);
    }
    return admin.createToken("bench-admin", "bench memory " + System.currentTimeMillis(), TokenScope.READ_WRITE, null);
  }

  private static void resetPeaks() {
    System.gc();
    ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
  }

  private static long peakHeapMb() {
    long sum = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        sum += pool.getPeakUsage().getUsed();
      }
    }
    return sum >> 20;
  }

  private static long liveMb() {
    System.gc();
    Runtime rt = Runtime.getRuntime();
    return (rt.totalMemory() - rt.freeMemory()) >> 20;
  }
}
