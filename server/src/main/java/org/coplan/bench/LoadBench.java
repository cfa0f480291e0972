package org.coplan.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.coplan.CoplanServer;
import org.coplan.auth.Role;
import org.coplan.auth.TokenScope;
import org.coplan.auth.UserAdmin;
import org.coplan.config.Arguments;
import org.coplan.http.JsonMapper;

/**
 * {@code coplan bench load}: on loopback, {@code --editors} (20) engineers each move one structure of
 * the 100k settlement's baseline once a second (a JSON Merge Patch of its geometry, with If-Match),
 * while {@code --viewers} (200) follow the plan's event stream, for {@code --seconds} (60). Reports
 * errors, edit latency (request to answer), event delivery (from the edit's request being sent to
 * the event arriving at each viewer, so an upper bound of commit-to-screen), events a viewer never
 * got, and whether every acknowledged edit is in the history ({@code feature_version}) afterwards.
 */
public final class LoadBench {
  private static final String SID = "synthetic-100k";
  private static final Pattern FEATURE = Pattern.compile("\"id\":\"([0-9a-f-]{36})\",\"version\":(\\d+)");

  private record Ack(String id, int version, long sentNanos, long ackNanos) {}

  private LoadBench() {}

  public static int run(BenchSite site, Arguments args, PrintStream out) throws Exception {
    int editors = args.getInt("editors", "editing clients", 20);
    int viewers = args.getInt("viewers", "event-stream clients", 200);
    int seconds = args.getInt("seconds", "length of the run", 60);
    boolean analysis = "true".equals(args.getString("analysis", "keep the baseline's analysis up to date during the run", "false"));
    site.ensure(List.of(SID), out);
    List<String> tokens = editorTokens(site, editors);
    List<String> ids = site.jdbc().read(c -> {
      List<String> list = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT id::text FROM structures WHERE settlement_id = ? AND plan_id = 'baseline' ORDER BY fid LIMIT ?")) {
        ps.setString(1, SID);
        ps.setInt(2, editors * 997);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            list.add(rs.getString(1));
          }
        }
      }
      return list;
    });
    try (CoplanServer server = site.startServer(Map.of("event-stream-seconds", Integer.toString(seconds + 120)))) {
      String plan = "http://127.0.0.1:" + server.port() + "/api/settlements/" + SID + "/plans/baseline";
      HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
      if (analysis) {
        // asking for the analysis state makes the server analyse the plan and keep it up to date:
        // every edit of the run is then re-analysed (on its own thread) while it is measured
        long t = System.nanoTime();
        HttpResponse<String> status = http.send(HttpRequest.newBuilder(URI.create(plan + "/analysis"))
            .header("Authorization", "Bearer " + tokens.get(0)).build(), HttpResponse.BodyHandlers.ofString());
        if (status.statusCode() != 200) {
          throw new IllegalStateException("analysis: " + status.statusCode() + " " + status.body());
        }
        out.printf("baseline analysed in %.1f s; it is kept up to date during the run%n", (System.nanoTime() - t) / 1e9);
      }
      // viewer → "id-vN" → arrival time
      List<Map<String, Long>> seen = new ArrayList<>();
      CountDownLatch ready = new CountDownLatch(viewers);
      AtomicInteger streamErrors = new AtomicInteger();
      java.util.concurrent.atomic.AtomicBoolean stopping = new java.util.concurrent.atomic.AtomicBoolean();
      List<java.util.concurrent.CompletableFuture<?>> streams = new ArrayList<>();
      for (int v = 0; v < viewers; v++) {
        Map<String, Long> mine = new ConcurrentHashMap<>();
        seen.add(mine);
        HttpRequest req = HttpRequest.newBuilder(URI.create(plan + "/events")).header("Accept", "text/event-stream").build();
        streams.add(http.sendAsync(req, HttpResponse.BodyHandlers.ofLines()).thenAccept(r -> {
          if (r.statusCode() != 200) {
            streamErrors.incrementAndGet();
            ready.countDown();
            return;
          }
          String[] event = {null};
          r.body().forEach(line -> {
            if (line.startsWith("event:")) {
              event[0] = line.substring(6).trim();
              if (event[0].equals("ready")) {
                ready.countDown();
              }
            } else if (line.startsWith("data:") && "feature".equals(event[0])) {
              long now = System.nanoTime();
              // a regex, not a JSON tree: 200 viewers share this JVM's cores with the server
              Matcher m = FEATURE.matcher(line);
              while (m.find()) {
                mine.putIfAbsent(m.group(1) + "-v" + m.group(2), now);
              }
            }
          });
        }).exceptionally(e -> {
          if (!stopping.get()) {
            streamErrors.incrementAndGet();
          }
          return null;
        }));
      }
      if (!ready.await(60, TimeUnit.SECONDS)) {
        out.printf("only %d of %d event streams opened%n", viewers - ready.getCount(), viewers);
      }
      out.printf("%d event streams open; load: %s%n", viewers - ready.getCount(), TileBench.loadAverage());

      List<Ack> acks = new ArrayList<>();
      AtomicInteger editErrors = new AtomicInteger();
      ExecutorService pool = Executors.newFixedThreadPool(editors);
      long start = System.nanoTime();
      List<Future<List<Ack>>> work = new ArrayList<>();
      for (int e = 0; e < editors; e++) {
        String token = tokens.get(e);
        String id = ids.get(e * 997 % ids.size());
        long offset = e * 1_000_000_000L / editors;
        work.add(pool.submit(() -> edit(http, plan, token, id, start + offset, seconds, editErrors)));
      }
      for (Future<List<Ack>> f : work) {
        acks.addAll(f.get());
      }
      pool.shutdown();
      // the last events on their way: wait until no viewer gets anything new for 2 s (at most 30 s)
      long last = -1;
      for (int i = 0; i < 30; i++) {
        long now = seen.stream().mapToLong(Map::size).sum();
        if (now == last && i >= 2) {
          break;
        }
        last = now;
        Thread.sleep(2000);
      }
      stopping.set(true);
      streams.forEach(s -> s.cancel(true));

      double[] editMs = acks.stream().mapToDouble(a -> (a.ackNanos() - a.sentNanos()) / 1e6).toArray();
      List<Double> delivery = new ArrayList<>();
      long missing = 0;
      for (Map<String, Long> viewer : seen) {
        for (Ack a : acks) {
          Long at = viewer.get(a.id() + "-v" + a.version());
          if (at == null) {
            missing++;
          } else {
            delivery.add((at - a.sentNanos()) / 1e6);
          }
        }
      }
      double[] del = delivery.stream().mapToDouble(Double::doubleValue).toArray();
      long inHistory = inHistory(site, acks);
      out.printf("editors %d × 1 edit/s, viewers %d, %d s on %s, analysis %s%n", editors, viewers, seconds, SID,
          analysis ? "kept up to date" : "off");
      out.printf("| measure | result | target |%n|---|---|---|%n");
      out.printf("| edits acknowledged | %d (of %d planned) | — |%n", acks.size(), editors * seconds);
      out.printf("| errors (edits / event streams) | %d / %d | 0 |%n", editErrors.get(), streamErrors.get());
      out.printf("| edit latency p50 / p95 / max | %.0f / %.0f / %.0f ms | p95 ≤ 150 ms |%n",
          PgBench.percentile(editMs, 50), PgBench.percentile(editMs, 95), PgBench.percentile(editMs, 100));
      out.printf("| event delivery p50 / p95 / max (%d deliveries) | %.0f / %.0f / %.0f ms | p95 ≤ 1 s |%n", del.length,
          PgBench.percentile(del, 50), PgBench.percentile(del, 95), PgBench.percentile(del, 100));
      out.printf("| events a viewer never got | %d | 0 |%n", missing);
      out.printf("| acknowledged edits in the history | %d of %d | all |%n", inHistory, acks.size());
      out.println("load after: " + TileBench.loadAverage());
      boolean ok = editErrors.get() == 0 && streamErrors.get() == 0 && missing == 0 && inHistory == acks.size();
      return ok ? 0 : 1;
    }
  }

  /** One editor: every second, move the structure by a few centimetres and back. */
  private static List<Ack> edit(HttpClient http, String plan, String token, String id, long startNanos, int seconds,
      AtomicInteger errors) throws Exception {
    String item = plan + "/collections/structures/items/" + id;
    HttpResponse<String> read = http.send(HttpRequest.newBuilder(URI.create(item)).header("Authorization", "Bearer " + token).build(),
        HttpResponse.BodyHandlers.ofString());
    String etag = read.headers().firstValue("ETag").orElseThrow();
    JsonNode geometry = JsonMapper.MAPPER.readTree(read.body()).path("geometry");
    List<Ack> acks = new ArrayList<>();
    for (int i = 0; i < seconds; i++) {
      long due = startNanos + i * 1_000_000_000L;
      long wait = due - System.nanoTime();
      if (wait > 0) {
        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
      }
      ObjectNode patch = JsonMapper.MAPPER.createObjectNode();
      patch.set("geometry", shifted(geometry, i % 2 == 0 ? 2e-7 : -2e-7));
      HttpRequest req = HttpRequest.newBuilder(URI.create(item))
          .method("PATCH", HttpRequest.BodyPublishers.ofString(patch.toString()))
          .header("Authorization", "Bearer " + token).header("If-Match", etag)
          .header("Content-Type", "application/merge-patch+json").header("Prefer", "return=minimal").build();
      long sent = System.nanoTime();
      HttpResponse<String> r = http.send(req, HttpResponse.BodyHandlers.ofString());
      long acked = System.nanoTime();
      if (r.statusCode() / 100 != 2) {
        errors.incrementAndGet();
        continue;
      }
      etag = r.headers().firstValue("ETag").orElseThrow();
      geometry = patch.get("geometry");
      // ETag "<id>-v<version>"
      int version = Integer.parseInt(etag.substring(etag.lastIndexOf("-v") + 2, etag.length() - 1));
      acks.add(new Ack(id, version, sent, acked));
    }
    return acks;
  }

  private static JsonNode shifted(JsonNode polygon, double dx) {
    ObjectNode g = polygon.deepCopy();
    for (JsonNode ring : g.path("coordinates")) {
      for (JsonNode p : ring) {
        ArrayNode xy = (ArrayNode) p;
        xy.set(0, JsonMapper.MAPPER.getNodeFactory().numberNode(Math.round((xy.get(0).asDouble() + dx) * 1e8) / 1e8));
      }
    }
    return g;
  }

  private static long inHistory(BenchSite site, List<Ack> acks) {
    return site.jdbc().read(c -> {
      long n = 0;
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT 1 FROM feature_version WHERE settlement_id = ? AND plan_id = 'baseline' AND layer = 'structures'"
              + " AND feature_id = ?::uuid AND version = ?")) {
        for (Ack a : acks) {
          ps.setString(1, SID);
          ps.setString(2, a.id());
          ps.setInt(3, a.version());
          try (ResultSet rs = ps.executeQuery()) {
            n += rs.next() ? 1 : 0;
          }
        }
      }
      return n;
    });
  }

  /** A read-write token per editor account (bench-editor-N, an engineer of the settlement). */
  private static List<String> editorTokens(BenchSite site, int editors) {
    UserAdmin admin = UserAdmin.open(site.jdbc(), "cli:bench");
    List<String> tokens = new ArrayList<>();
    for (int e = 1; e <= editors; e++) {
      String name = "bench-editor-" + e;
      if (admin.find(name).isEmpty()) {
        admin.add(name, "Benchmark editor " + e, UserAdmin.randomPassword(), false);
      }
      admin.setRole(name, SID, Role.ENGINEER);
      tokens.add(admin.createToken(name, "bench load " + System.currentTimeMillis(), TokenScope.READ_WRITE, SID));
    }
    return tokens;
  }
}
