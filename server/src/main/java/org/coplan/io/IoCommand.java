package org.coplan.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.coplan.http.JsonMapper;

/**
 * {@code coplan import|export|households}: the import and export API from the command line, as a
 * client of a running server ({@code --server}, default {@code http://localhost:8080}) with an API
 * token ({@code --token} or {@code COPLAN_TOKEN}; see docs/security.md). An import uploads, prints
 * the preview's summary and problems, and commits unless errors stop it or {@code --dry-run} was
 * given, showing a progress line while the commit runs.
 */
public final class IoCommand {
  private final Map<String, List<String>> options = new LinkedHashMap<>();
  private final List<String> positional = new ArrayList<>();
  private final PrintStream out;
  private final PrintStream err;
  private final HttpClient http = HttpClient.newHttpClient();
  private String server;
  private String token;

  private IoCommand(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  /** Runs the command; returns the exit code (0 done, 1 refused or failed, 2 usage). */
  public static int run(String[] argv, Map<String, String> env, PrintStream out, PrintStream err) {
    IoCommand c = new IoCommand(out, err);
    try {
      c.parse(argv);
      c.server = c.one("server", env.getOrDefault("COPLAN_SERVER", "http://localhost:8080")).replaceAll("/+$", "");
      c.token = c.one("token", env.get("COPLAN_TOKEN"));
      String command = c.positional.isEmpty() ? "" : c.positional.get(0);
      return switch (command) {
        case "import" -> c.importFile();
        case "export" -> c.export();
        case "households" -> c.households();
        default -> c.usage();
      };
    } catch (UsageException e) {
      err.println("coplan: " + e.getMessage());
      return c.usage();
    } catch (IOException e) {
      err.println("coplan: cannot reach " + c.server + ": " + e.getMessage());
      return 1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 1;
    }
  }

  private int usage() {
    err.println(
        """
        usage:
          coplan import FILE (--settlement S [--plan P] | --create-settlement NAME) --layer L
                 [--source-layer X] [--crs EPSG:n] [--map SOURCE=ATTRIBUTE ...] [--set ATTRIBUTE=VALUE ...]
                 [--repair] [--skip-outside] [--dry-run] [--report FILE.csv]
          coplan export --settlement S [--plan P] [--format gpkg|shp|geojson|kml|csv|dxf] [--layers a,b] [-o FILE]
          coplan households FILE --settlement S [--dry-run]
        common: [--server URL] (COPLAN_SERVER, default http://localhost:8080) [--token TOKEN] (COPLAN_TOKEN)
        """);
    return 2;
  }

  private int importFile() throws IOException, InterruptedException {
    Path file = file();
    String layer = required("layer");
    String settlement = one("settlement", null);
    String create = one("create-settlement", null);
    if ((settlement == null) == (create == null)) {
      throw new UsageException("give either --settlement or --create-settlement");
    }
    String base = settlement == null ? "/api/imports" : "/api/settlements/" + settlement + "/plans/" + one("plan", "baseline") + "/imports";
    Map<String, String> form = new LinkedHashMap<>();
    form.put("layer", layer);
    optional(form, "sourceLayer", one("source-layer", null));
    optional(form, "crs", one("crs", null));
    ObjectNode mapping = JsonMapper.MAPPER.createObjectNode();
    for (String m : options.getOrDefault("map", List.of())) {
      String[] kv = pair(m, "--map SOURCE=ATTRIBUTE");
      if (kv[1].isEmpty()) {
        mapping.putNull(kv[0]);
      } else {
        mapping.put(kv[0], kv[1]);
      }
    }
    ObjectNode defaults = JsonMapper.MAPPER.createObjectNode();
    for (String s : options.getOrDefault("set", List.of())) {
      String[] kv = pair(s, "--set ATTRIBUTE=VALUE");
      defaults.set(kv[0], value(kv[1]));
    }
    form.put("mapping", mapping.toString());
    form.put("defaults", defaults.toString());
    HttpResponse<byte[]> staged = send("POST", base, "multipart/form-data; boundary=" + BOUNDARY, multipart(file, form));
    if (staged.statusCode() != 201) {
      return failed(staged);
    }
    JsonNode preview = JsonMapper.MAPPER.readTree(staged.body());
    String job = base + "/" + preview.get("id").asText();
    printPreview(preview);
    String report = one("report", null);
    if (report != null) {
      Files.write(Path.of(report), send("GET", job + "/report.csv", null, null).body());
      out.println("report: " + report);
    }
    if (options.containsKey("dry-run")) {
      out.println("dry run: nothing stored; the import stays staged as " + job);
      return preview.get("committable").asBoolean() ? 0 : 1;
    }
    ObjectNode commit = JsonMapper.MAPPER.createObjectNode();
    commit.put("repair", options.containsKey("repair"));
    commit.put("skipOutside", options.containsKey("skip-outside"));
    if (create != null) {
      commit.putObject("createSettlement").put("name", create);
    }
    CompletableFuture<HttpResponse<byte[]>> done =
        http.sendAsync(request("POST", job + "/commit", "application/json", commit.toString().getBytes(StandardCharsets.UTF_8)), HttpResponse.BodyHandlers.ofByteArray());
    while (!done.isDone()) {
      Thread.sleep(300);
      HttpResponse<byte[]> now = send("GET", job, null, null);
      if (now.statusCode() == 200) {
        JsonNode p = JsonMapper.MAPPER.readTree(now.body()).get("progress");
        if (p.get("phase").asText().equals("writing")) {
          err.printf(Locale.ROOT, "\rwriting %d/%d (%.0f%%)", p.get("done").asInt(), p.get("total").asInt(), 100 * p.get("fraction").asDouble());
        }
      }
    }
    HttpResponse<byte[]> committed = done.join();
    err.println();
    if (committed.statusCode() != 200) {
      return failed(committed);
    }
    JsonNode result = JsonMapper.MAPPER.readTree(committed.body()).get("result");
    out.printf("committed: %d features into %s/%s%s%s%n", result.get("created").asInt(), result.get("settlement").asText(),
        result.get("plan").asText(), result.get("skippedRows").size() > 0 ? ", " + result.get("skippedRows").size() + " outside left out" : "",
        result.get("repairs").size() > 0 ? ", " + result.get("repairs").size() + " repaired" : "");
    return 0;
  }

  private void printPreview(JsonNode p) {
    out.printf("%s: %d features (%s), CRS %s → layer %s%n", p.at("/source/fileName").asText(), p.get("featureCount").asInt(),
        p.get("geometryTypes"), p.at("/crs/given").isTextual() ? p.at("/crs/given").asText() + " (given)"
            : p.at("/crs/declared").isTextual() ? p.at("/crs/declared").asText() : "none", p.get("layer").asText());
    out.println("mapping: " + p.get("mapping") + (p.get("defaults").isEmpty() ? "" : ", defaults: " + p.get("defaults")));
    JsonNode s = p.get("summary");
    out.printf("%d errors, %d warnings (%d repairable, %d outside the settlement)%n", s.get("errors").asInt(), s.get("warnings").asInt(),
        s.get("repairable").asInt(), s.get("outside").asInt());
    int shown = 0;
    for (JsonNode problem : p.get("problems")) {
      if (shown++ == 20) {
        out.println("  … " + (p.get("problemsTotal").asInt() - 20) + " more (--report FILE.csv lists all)");
        break;
      }
      out.printf("  %s %s%s%s: %s%n", problem.get("severity").asText(), problem.get("code").asText(),
          problem.has("row") ? " row " + problem.get("row").asInt() : "", problem.has("field") ? " " + problem.get("field").asText() : "",
          problem.get("detail").asText());
    }
  }

  private int export() throws IOException, InterruptedException {
    String settlement = required("settlement");
    String format = one("format", "gpkg");
    String path = "/api/settlements/" + settlement + "/plans/" + one("plan", "baseline") + "/export?format=" + format;
    String layers = one("layers", null);
    if (layers != null) {
      path += "&layers=" + java.net.URLEncoder.encode(layers, StandardCharsets.UTF_8);
    }
    HttpResponse<byte[]> r = send("GET", path, null, null);
    if (r.statusCode() != 200) {
      return failed(r);
    }
    String name = r.headers().firstValue("Content-Disposition").orElse("").replaceAll(".*filename=\"([^\"]+)\".*", "$1");
    Path target = Path.of(one("o", name.isEmpty() ? settlement + "." + format : name));
    Files.write(target, r.body());
    out.println("wrote " + target + " (" + r.body().length + " bytes)");
    return 0;
  }

  private int households() throws IOException, InterruptedException {
    Path file = file();
    String settlement = required("settlement");
    Map<String, String> form = new LinkedHashMap<>();
    form.put("dryRun", Boolean.toString(options.containsKey("dry-run")));
    HttpResponse<byte[]> r =
        send("POST", "/api/settlements/" + settlement + "/households", "multipart/form-data; boundary=" + BOUNDARY, multipart(file, form));
    if (r.statusCode() != 200) {
      return failed(r);
    }
    JsonNode j = JsonMapper.MAPPER.readTree(r.body());
    out.printf("%d rows: %d matched to %d structures (%d households, %d people)%s; %d unmatched%n", j.get("rows").asInt(),
        j.get("matched").asInt(), j.get("structuresMatched").asInt(), j.get("households").asInt(), j.get("people").asInt(),
        j.get("dryRun").asBoolean() ? " — dry run, nothing stored" : "", j.get("unmatched").size());
    j.get("unmatched").forEach(u -> out.printf("  row %d: %s%n", u.get("row").asInt(), u.get("reason").asText()));
    return 0;
  }

  private static final String BOUNDARY = "coplan-" + UUID.randomUUID();

  /** A Shapefile named by its .shp is sent as a ZIP of its parts (.shp, .shx, .dbf, .prj, .cpg ...). */
  private static byte[] content(Path file) throws IOException {
    String name = file.getFileName().toString();
    if (!name.toLowerCase(Locale.ROOT).endsWith(".shp")) {
      return Files.readAllBytes(file);
    }
    String base = name.substring(0, name.length() - 4);
    Path dir = file.toAbsolutePath().getParent();
    ByteArrayOutputStream zip = new ByteArrayOutputStream();
    try (java.util.zip.ZipOutputStream z = new java.util.zip.ZipOutputStream(zip);
        var parts = Files.list(dir)) {
      for (Path p : parts.filter(p -> p.getFileName().toString().startsWith(base + ".")).sorted().toList()) {
        z.putNextEntry(new java.util.zip.ZipEntry(p.getFileName().toString()));
        Files.copy(p, z);
        z.closeEntry();
      }
    }
    return zip.toByteArray();
  }

  private static byte[] multipart(Path file, Map<String, String> fields) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    for (var f : fields.entrySet()) {
      b.write(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + f.getKey() + "\"\r\n\r\n" + f.getValue() + "\r\n").getBytes(StandardCharsets.UTF_8));
    }
    String name = file.getFileName().toString().replace("\"", "_").replaceAll("(?i)\\.shp$", ".zip");
    b.write(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + name + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
    b.write(content(file));
    b.write(("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8));
    return b.toByteArray();
  }

  private HttpRequest request(String method, String path, String type, byte[] body) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server + path))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
    if (type != null) {
      b.header("Content-Type", type);
    }
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return b.build();
  }

  private HttpResponse<byte[]> send(String method, String path, String type, byte[] body) throws IOException, InterruptedException {
    return http.send(request(method, path, type, body), HttpResponse.BodyHandlers.ofByteArray());
  }

  private int failed(HttpResponse<byte[]> r) {
    String detail;
    try {
      JsonNode problem = JsonMapper.MAPPER.readTree(r.body());
      detail = problem.path("detail").asText(problem.path("title").asText(new String(r.body(), StandardCharsets.UTF_8)));
    } catch (IOException e) {
      detail = new String(r.body(), StandardCharsets.UTF_8);
    }
    err.println("coplan: refused (" + r.statusCode() + "): " + detail);
    return 1;
  }

  private void parse(String[] argv) {
    for (int i = 0; i < argv.length; i++) {
      String a = argv[i];
      if (a.startsWith("--") || a.equals("-o")) {
        String key = a.replaceFirst("^-+", "");
        String value = null;
        int eq = key.indexOf('=');
        if (eq > 0 && !key.equals("map") && !key.equals("set")) {
          value = key.substring(eq + 1);
          key = key.substring(0, eq);
        } else if (List.of("repair", "skip-outside", "dry-run").contains(key)) {
          value = "true";
        } else if (i + 1 < argv.length) {
          value = argv[++i];
        } else {
          throw new UsageException(a + " needs a value");
        }
        options.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
      } else {
        positional.add(a);
      }
    }
  }

  private String one(String key, String fallback) {
    List<String> v = options.get(key);
    return v == null ? fallback : v.get(v.size() - 1);
  }

  private String required(String key) {
    String v = one(key, null);
    if (v == null) {
      throw new UsageException("--" + key + " is required");
    }
    return v;
  }

  private Path file() {
    if (positional.size() < 2) {
      throw new UsageException("name the file");
    }
    Path p = Path.of(positional.get(1));
    if (!Files.isRegularFile(p)) {
      throw new UsageException("no file " + p);
    }
    return p;
  }

  private static void optional(Map<String, String> form, String key, String value) {
    if (value != null) {
      form.put(key, value);
    }
  }

  private static String[] pair(String s, String how) {
    int eq = s.indexOf('=');
    if (eq <= 0) {
      throw new UsageException("expected " + how + ", got '" + s + "'");
    }
    return new String[] {s.substring(0, eq), s.substring(eq + 1)};
  }

  /** A --set value as JSON: numbers and true/false as such, anything else as text. */
  private static JsonNode value(String s) {
    if (s.matches("-?\\d+(\\.\\d+)?") || s.equals("true") || s.equals("false")) {
      try {
        return JsonMapper.MAPPER.readTree(s);
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    }
    return JsonMapper.MAPPER.getNodeFactory().textNode(s);
  }

  private static final class UsageException extends RuntimeException {
    UsageException(String message) {
      super(message);
    }
  }
}
