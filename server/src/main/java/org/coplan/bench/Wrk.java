package org.coplan.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs {@code wrk} (Debian package {@code wrk}) over a list of URL paths, each request for a path
 * picked at random, as pgbench picks the floor's tiles: a short slice at a low rate then samples the
 * whole list, not a run of neighbours (which would also favour a server that coalesces requests).
 * Timeouts are raised to 30 s so that slow tiles are measured, not dropped.
 */
final class Wrk {
  private static final Pattern RPS = Pattern.compile("Requests/sec:\\s+([0-9.]+)");
  private static final Pattern P99 = Pattern.compile("^\\s+99%\\s+([0-9.]+)(us|ms|s|m)\\s*$", Pattern.MULTILINE);
  private static final Pattern P50 = Pattern.compile("^\\s+50%\\s+([0-9.]+)(us|ms|s|m)\\s*$", Pattern.MULTILINE);
  private static final Pattern NON2XX = Pattern.compile("Non-2xx or 3xx responses: (\\d+)");
  private static final Pattern SOCKET = Pattern.compile("Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)");
  private static final Pattern REQUESTS = Pattern.compile("(\\d+) requests in");

  private static final String SCRIPT =
      """
      local paths = {}
      for line in io.lines(os.getenv("WRK_PATHS")) do paths[#paths + 1] = line end
      local counter = 0
      function setup(thread)
        counter = counter + 1
        thread:set("id", counter)
      end
      function init(args)
        math.randomseed(os.time() + (id or 0) * 7919)
      end
      function request()
        return wrk.format("GET", paths[math.random(#paths)])
      end
      """;

  /** @param rps requests per second; p50, p99 in milliseconds; errors = non-2xx/3xx plus socket errors */
  record Result(double rps, double p50, double p99, long requests, long errors) {}

  private final Path dir;

  Wrk(Path dir) throws IOException {
    this.dir = Files.createDirectories(dir);
    Files.writeString(dir.resolve("paths.lua"), SCRIPT);
  }

  static void require() {
    Tools.require("wrk", "wrk");
  }

  Result run(String baseUrl, List<String> paths, int connections, int seconds) throws IOException, InterruptedException {
    Path list = dir.resolve("paths-" + Long.toHexString(System.nanoTime()) + ".txt");
    Files.write(list, paths);
    List<String> cmd = new ArrayList<>(List.of("wrk", "--latency", "--timeout", "30s",
        "-t", Integer.toString(Math.min(connections, 2)), "-c", Integer.toString(connections),
        "-d", seconds + "s", "-s", dir.resolve("paths.lua").toString(), baseUrl));
    String out = Tools.run(cmd, java.util.Map.of("WRK_PATHS", list.toString()), seconds + 120);
    Files.deleteIfExists(list);
    long errors = find(NON2XX, out).map(Long::parseLong).orElse(0L);
    Matcher s = SOCKET.matcher(out);
    if (s.find()) {
      for (int g = 1; g <= 4; g++) {
        errors += Long.parseLong(s.group(g));
      }
    }
    return new Result(Double.parseDouble(find(RPS, out).orElseThrow(() -> new IOException("wrk said: " + out))),
        millis(P50, out), millis(P99, out), Long.parseLong(find(REQUESTS, out).orElse("0")), errors);
  }

  private static java.util.Optional<String> find(Pattern p, String text) {
    Matcher m = p.matcher(text);
    return m.find() ? java.util.Optional.of(m.group(1)) : java.util.Optional.empty();
  }

  private static double millis(Pattern p, String text) {
    Matcher m = p.matcher(text);
    if (!m.find()) {
      return Double.NaN;
    }
    double v = Double.parseDouble(m.group(1));
    return switch (m.group(2)) {
      case "us" -> v / 1000;
      case "s" -> v * 1000;
      case "m" -> v * 60_000;
      default -> v;
    };
  }
}
