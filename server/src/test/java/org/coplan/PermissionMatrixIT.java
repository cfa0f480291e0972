package org.coplan;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.coplan.api.StaticFilesResource;
import org.coplan.auth.Role;
import org.coplan.auth.UserAdmin;
import org.coplan.config.Arguments;
import org.coplan.config.CoplanConfig;
import org.coplan.db.Jdbc;
import org.coplan.http.JsonMapper;
import org.coplan.testing.SignedIn;
import org.coplan.testing.TestServer;
import org.glassfish.jersey.server.model.Resource;
import org.glassfish.jersey.server.model.ResourceMethod;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every operation of the OpenAPI document × every kind of caller, on a settlement that is not
 * public, against the real server: the status must be what the rule table below says for the
 * operation's declared access ({@code x-coplan-access}, or the default under a settlement). A
 * second test fails when a Jersey resource method is missing from the document (or the document
 * names one that does not exist), so no endpoint escapes the matrix.
 *
 * <p>The expected statuses come from this table, not from the server's annotations: a mismatch
 * between what the document promises and what the server does fails the build.
 */
class PermissionMatrixIT {
  // event streams end after a second, so that the matrix can read their whole answer
  static final TestServer server = TestServer.start(Map.of("event-stream-seconds", "1"));
  static final String PASSWORD = "matrix passphrase 2026";
  static final String TARGET = "target";
  static final String SID = "tandale";
  static final String SHARED_PLAN = "baseline";

  /** Who calls. Accounts are named after their role. */
  enum Who {
    ADMIN(null),
    PLANNER(Role.PLANNER),
    ENGINEER(Role.ENGINEER),
    COMMUNITY_REVIEWER(Role.COMMUNITY_REVIEWER),
    VIEWER(Role.VIEWER),
    OUTSIDER(null),
    SHARE_LINK(null),
    ANONYMOUS(null);

    final Role role;

    Who(Role role) {
      this.role = role;
    }

    boolean hasAccount() {
      return this != SHARE_LINK && this != ANONYMOUS;
    }

    String username() {
      return name().toLowerCase().replace('_', '-');
    }
  }

  /** The status a caller must get: ALLOWED is any 2xx the document declares for the operation. */
  static final int ALLOWED = 200;

  static final Map<Who, SignedIn> sessions = new EnumMap<>(Who.class);
  static String shareToken;
  static UserAdmin users;

  @BeforeAll
  static void setUp() {
    server.database().execute("UPDATE settlement SET is_public = false WHERE id = ?", SID);
    server.settled();
    users = UserAdmin.open(new Jdbc(server.database().dataSource()), "matrix");
    for (Who who : Who.values()) {
      if (who.hasAccount()) {
        users.add(who.username(), null, PASSWORD, who == Who.ADMIN);
        if (who.role != null) {
          users.setRole(who.username(), SID, who.role);
        }
        sessions.put(who, SignedIn.login(server, who.username(), PASSWORD));
      }
    }
    users.add(TARGET, null, PASSWORD, false);
    shareToken = TestServer.json(sessions.get(Who.PLANNER).request("POST", shareLinks(), "{\"label\":\"matrix\"}")).get("token").asText();
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  // ------------------------------------------------------------------ the rule table

  /**
   * What each kind of caller gets under each rule, on a hidden settlement. Roles rank viewer <
   * community_reviewer < engineer < planner; admins pass everything; a share link reads its own
   * plan only and is no sign-in; signed-in outsiders get the 404 of a missing settlement.
   */
  static int expected(String access, Who who, boolean pathHasSharedPlan) {
    return switch (access) {
      case "public" -> ALLOWED;
      case "signed-in" -> who.hasAccount() ? ALLOWED : 401;
      case "admin" -> who == Who.ADMIN ? ALLOWED : who.hasAccount() ? 403 : 401;
      case "settlement-read" ->
          switch (who) {
            case ADMIN, PLANNER, ENGINEER, COMMUNITY_REVIEWER, VIEWER -> ALLOWED;
            case SHARE_LINK -> pathHasSharedPlan ? ALLOWED : 401;
            case OUTSIDER -> 404;
            case ANONYMOUS -> 401;
          };
      default -> {
        Role needed = Role.parse(access).orElseThrow(() -> new AssertionError("unknown x-coplan-access '" + access + "'"));
        yield switch (who) {
          case ADMIN -> ALLOWED;
          case PLANNER, ENGINEER, COMMUNITY_REVIEWER, VIEWER -> who.role.ordinal() >= needed.ordinal() ? ALLOWED : 403;
          case OUTSIDER -> 404;
          case SHARE_LINK, ANONYMOUS -> 401;
        };
      }
    };
  }

  /** The declared access, or the default under a settlement: reads need read access, changes a planner. */
  static String accessOf(String path, String method, JsonNode operation) {
    if (operation.has("x-coplan-access")) {
      return operation.get("x-coplan-access").asText();
    }
    assertThat(path).as("%s %s declares no x-coplan-access and is outside a settlement", method, path).startsWith("/api/settlements/{sid}");
    return method.equals("get") ? "settlement-read" : "planner";
  }

  // ------------------------------------------------------------------ the matrix

  @Test
  void everyDocumentedOperationAnswersEveryCallerAsTheRuleTableSays() {
    JsonNode paths = document().get("paths");
    List<String> failures = new ArrayList<>();
    Map<Integer, Integer> seen = new java.util.TreeMap<>();
    int requests = 0;
    int operations = 0;
    for (var path : (Iterable<Map.Entry<String, JsonNode>>) paths::fields) {
      for (var op : (Iterable<Map.Entry<String, JsonNode>>) path.getValue()::fields) {
        operations++;
        String template = path.getKey();
        String method = op.getKey();
        String access = accessOf(template, method, op.getValue());
        Set<Integer> success = successStatuses(op.getValue());
        for (Who who : Who.values()) {
          Call call = prepare(template, method.toUpperCase(), who);
          HttpResponse<byte[]> r = send(call, who);
          int want = expected(access, who, template.contains("{pid}"));
          int got = r.statusCode();
          seen.merge(want, 1, Integer::sum);
          boolean ok = want == ALLOWED ? success.contains(got) : got == want && isProblem(r);
          if (!ok) {
            failures.add(String.format("%-7s %-55s %-18s access=%-15s expected %s, got %d %s",
                method.toUpperCase(), template, who, access, want == ALLOWED ? success : want, got, new String(r.body())));
          }
          if (call.consumesSession() && who.hasAccount()) {
            sessions.put(who, SignedIn.login(server, who.username(), PASSWORD));
          }
          requests++;
        }
      }
    }
    assertThat(failures).as("permission matrix").isEmpty();
    // not vacuous: every documented operation, every caller, and each kind of answer happened
    assertThat(operations).isGreaterThanOrEqualTo(22);
    assertThat(requests).isEqualTo(operations * Who.values().length).isGreaterThanOrEqualTo(176);
    assertThat(seen.keySet()).contains(ALLOWED, 401, 403, 404);
  }

  @Test
  void everyResourceMethodIsDocumentedAndEveryDocumentedOperationExists() {
    Set<String> documented = new TreeSet<>();
    document().get("paths").fields().forEachRemaining(p -> p.getValue().fieldNames().forEachRemaining(m -> documented.add(m.toUpperCase() + " " + p.getKey())));
    CoplanConfig config = CoplanConfig.from(Arguments.of(Map.of()));
    Set<String> served = new TreeSet<>();
    for (Object component : CoplanServer.application(config, server.database().dataSource()).getInstances()) {
      Class<?> type = component.getClass();
      // the web app's files are not API; everything else is
      if (type.isAnnotationPresent(jakarta.ws.rs.Path.class) && type != StaticFilesResource.class) {
        collect(Resource.from(type), "", served);
      }
    }
    assertThat(served).as("resource methods").hasSizeGreaterThanOrEqualTo(22);
    assertThat(documented).as("missing from openapi/coplan.json").containsAll(served);
    assertThat(served).as("documented but not served").containsAll(documented);
  }

  private static void collect(Resource resource, String parent, Set<String> out) {
    String path = join(parent, resource.getPath());
    for (ResourceMethod m : resource.getResourceMethods()) {
      out.add(m.getHttpMethod() + " " + path);
    }
    for (Resource child : resource.getChildResources()) {
      collect(child, path, out);
    }
  }

  /** Joins path templates and drops regular expressions: {@code {path: .+}} becomes {@code {path}}. */
  private static String join(String parent, String child) {
    String joined = ("/" + parent + "/" + (child == null ? "" : child)).replaceAll("/+", "/");
    joined = joined.replaceAll("\\{\\s*(\\w+)\\s*:[^}]*}", "{$1}");
    return joined.length() > 1 && joined.endsWith("/") ? joined.substring(0, joined.length() - 1) : joined;
  }

  // ------------------------------------------------------------------ requests

  /** A request ready to send, and whether it ends the caller's session (so it is renewed after). */
  record Call(String method, String path, String body, boolean consumesSession, String... headers) {}

  static final String ITEMS = "/api/settlements/{sid}/plans/{pid}/collections/{layer}/items";
  static final String IMPORTS = "/api/settlements/{sid}/plans/{pid}/imports";
  /** A household enumeration of one household at a point (a dry run: the matrix changes nothing). */
  static final String HOUSEHOLD_FORM =
      "--matrix-form-boundary\r\nContent-Disposition: form-data; name=\"dryRun\"\r\n\r\ntrue\r\n"
          + "--matrix-form-boundary\r\nContent-Disposition: form-data; name=\"file\"; filename=\"households.csv\"\r\n\r\n"
          + "household_id,lon,lat,people,cell\nH1,39.243,-6.8,4,C1\n\r\n--matrix-form-boundary--\r\n";
  static final String FOOTPATH_FOR_IMPORT =
      "{\"type\":\"Feature\",\"geometry\":{\"type\":\"LineString\",\"coordinates\":[[39.243,-6.8],[39.2434,-6.8002]]},"
          + "\"properties\":{\"class\":\"footpath\",\"width_m\":1.5,\"state\":\"proposed\"}}";
  static final String FORM_BOUNDARY = "matrix-form-boundary";
  /** An import upload: one footpath in Tandale as a GeoJSON file. */
  static final String IMPORT_FORM =
      "--" + FORM_BOUNDARY + "\r\nContent-Disposition: form-data; name=\"layer\"\r\n\r\nfootpaths\r\n"
          + "--" + FORM_BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"path.geojson\"\r\n"
          + "Content-Type: application/geo+json\r\n\r\n{\"type\":\"FeatureCollection\",\"features\":[" + FOOTPATH_FOR_IMPORT + "]}\r\n"
          + "--" + FORM_BOUNDARY + "--\r\n";
  static final String PLAN = "/api/settlements/{sid}/plans/{pid}";
  static final String UNITS = "/api/settlements/{sid}/representation/units/{unitId}";
  static final String MERGE_PATCH = "application/merge-patch+json";
  /** A square of about a kilometre over Tandale: new settlements, and footpaths inside it. */
  static final String BOUNDARY =
      "{\"type\":\"Polygon\",\"coordinates\":[[[39.238,-6.805],[39.248,-6.805],[39.248,-6.795],[39.238,-6.795],[39.238,-6.805]]]}";
  static final String FOOTPATH =
      "{\"type\":\"Feature\",\"geometry\":{\"type\":\"LineString\",\"coordinates\":[[39.243,-6.8],[39.2434,-6.8002]]},"
          + "\"properties\":{\"class\":\"footpath\",\"width_m\":1.5,\"state\":\"proposed\"}}";
  static final java.util.concurrent.atomic.AtomicInteger serial = new java.util.concurrent.atomic.AtomicInteger();

  /** A new id for a settlement or plan, unique in this run. */
  private static String freshId(Who who) {
    return "matrix-" + who.username() + "-" + serial.incrementAndGet();
  }

  /** Request bodies of the documented changes; a new one must be added here to be tested. */
  static final Map<String, Function<Who, String>> BODIES =
      Map.ofEntries(
          Map.entry("POST /api/auth/login", who -> SignedIn.loginBody(TARGET, PASSWORD)),
          Map.entry("POST /api/auth/logout", who -> null),
          Map.entry("POST /api/auth/tokens", who -> "{\"name\":\"matrix\"}"),
          Map.entry("DELETE /api/auth/tokens/{id}", who -> null),
          Map.entry("POST /api/users", who -> "{\"username\":\"new-" + who.username() + "-" + System.nanoTime() + "\",\"password\":\"" + PASSWORD + "\"}"),
          Map.entry("PATCH /api/users/{username}", who -> "{\"displayName\":\"Target of " + who.username() + "\"}"),
          Map.entry("PUT /api/settlements/{sid}/members/{username}", who -> "{\"role\":\"viewer\"}"),
          Map.entry("DELETE /api/settlements/{sid}/members/{username}", who -> null),
          Map.entry("POST /api/settlements/{sid}/plans/{pid}/share-links", who -> "{\"label\":\"matrix\"}"),
          Map.entry("DELETE /api/settlements/{sid}/plans/{pid}/share-links/{id}", who -> null),
          Map.entry("POST /api/settlements", who -> "{\"id\":\"" + freshId(who) + "\",\"name\":\"Matrix\",\"boundary\":" + BOUNDARY + "}"),
          Map.entry("PATCH /api/settlements/{sid}", who -> "{\"notes\":\"noted by " + who.username() + "\"}"),
          Map.entry("DELETE /api/settlements/{sid}", who -> null),
          Map.entry("POST /api/settlements/{sid}/plans", who -> "{\"id\":\"" + freshId(who) + "\",\"name\":\"Matrix\"}"),
          Map.entry("PATCH /api/settlements/{sid}/plans/{pid}", who -> "{\"name\":\"Renamed by " + who.username() + "\"}"),
          Map.entry("DELETE /api/settlements/{sid}/plans/{pid}", who -> null),
          Map.entry("POST " + ITEMS, who -> FOOTPATH),
          Map.entry("PUT " + ITEMS + "/{id}", who -> FOOTPATH),
          Map.entry("PATCH " + ITEMS + "/{id}", who -> "{\"properties\":{\"width_m\":2.0}}"),
          Map.entry("DELETE " + ITEMS + "/{id}", who -> null),
          Map.entry("POST " + ITEMS + "/{id}/restore", who -> "{\"version\":1}"),
          Map.entry("POST " + ITEMS + "/{id}/undelete", who -> null),
          Map.entry("POST " + IMPORTS, who -> IMPORT_FORM),
          Map.entry("PATCH " + IMPORTS + "/{importId}", who -> "{\"defaults\":{\"surface\":\"earth\"}}"),
          Map.entry("DELETE " + IMPORTS + "/{importId}", who -> null),
          Map.entry("POST " + IMPORTS + "/{importId}/commit", who -> "{}"),
          Map.entry("POST /api/imports", who -> IMPORT_FORM),
          Map.entry("POST /api/settlements/{sid}/households", who -> HOUSEHOLD_FORM),
          Map.entry("PATCH /api/imports/{importId}", who -> "{\"defaults\":{\"surface\":\"earth\"}}"),
          Map.entry("DELETE /api/imports/{importId}", who -> null),
          Map.entry("POST /api/imports/{importId}/commit", who -> "{\"createSettlement\":{\"name\":\"Matrix import\"}}"),
          // community review (review.json)
          Map.entry("PUT " + UNITS, who -> "{\"level\":\"segment\",\"name\":\"Matrix segment\"}"),
          Map.entry("DELETE " + UNITS, who -> null),
          Map.entry("PUT /api/settlements/{sid}/representation/structures/{structureId}", who -> "{\"cell\":\"C0001\"}"),
          Map.entry("PUT /api/settlements/{sid}/representation/structures", who -> "{\"cell\":\"C0001\",\"structures\":[\""
              + server.database().scalar("SELECT id::text FROM structures WHERE settlement_id = ? LIMIT 1", SID) + "\"]}"),
          Map.entry("POST /api/settlements/{sid}/representation/import", who -> "cell,cluster,segment,structure\n"),
          Map.entry("POST " + PLAN + "/proposals", who -> "{\"name\":\"Matrix proposal\"}"),
          Map.entry("POST " + PLAN + "/comments", who -> "{\"body\":\"Comment by " + who.username() + "\"}"),
          Map.entry("POST " + PLAN + "/reactions", who -> "{\"proposal\":\"plan\",\"stance\":\"agree\"}"),
          Map.entry("POST " + PLAN + "/meetings", who -> "{\"heldOn\":\"2026-01-15\",\"forumLevel\":\"cell\",\"attendance\":9,"
              + "\"facilitator\":\"Matrix\",\"decisions\":[{\"proposal\":\"plan\",\"outcome\":\"needs_change\",\"reason\":\"matrix\"}]}"),
          Map.entry("POST " + PLAN + "/review-status", who -> "{\"status\":\"in_review\"}"),
          Map.entry("PUT /api/settlements/{sid}/rules", who -> "{\"preset\":\"cape-town\"}"),
          Map.entry("POST /api/settlements/{sid}/plans/{pid}/analysis", who -> null));

  /** Query strings an operation needs to succeed. */
  static final Map<String, String> QUERIES = Map.of("GET /api/settlements/{sid}/compare", "?plans=baseline");

  /**
   * What a change needs besides its body: its own target where the change would use up a shared
   * one (an archived settlement, a deleted plan or feature), the feature's ETag, the media type.
   */
  private static Map<String, String> targetOf(String key, Who who, List<String> headers) {
    Map<String, String> values = new java.util.HashMap<>();
    switch (key) {
      case "DELETE /api/settlements/{sid}" -> values.put("sid", freshSettlement(who));
      case "PATCH /api/settlements/{sid}/plans/{pid}", "DELETE /api/settlements/{sid}/plans/{pid}" -> values.put("pid", freshPlan(who));
      case "POST " + ITEMS -> values.put("layer", "footpaths");
      case "PUT " + ITEMS + "/{id}", "PATCH " + ITEMS + "/{id}", "DELETE " + ITEMS + "/{id}" -> freshFootpath(0, values, headers);
      case "POST " + ITEMS + "/{id}/restore" -> freshFootpath(1, values, headers);
      case "POST " + ITEMS + "/{id}/undelete" -> freshFootpath(-1, values, headers);
      case "POST " + IMPORTS, "POST /api/imports", "POST /api/settlements/{sid}/households" -> headers.addAll(List.of("Content-Type", "multipart/form-data; boundary=" + FORM_BOUNDARY));
      case "DELETE " + IMPORTS + "/{importId}", "POST " + IMPORTS + "/{importId}/commit" -> values.put("importId", freshImport(IMPORTS));
      case "DELETE /api/imports/{importId}", "POST /api/imports/{importId}/commit" -> values.put("importId", freshImport("/api/imports"));
      case "DELETE " + UNITS -> values.put("unitId", freshUnit(who));
      case "GET " + UNITS + "/structures" -> values.put("unitId", "C0001");
      case "POST " + PLAN + "/review-status" -> values.put("pid", freshPlan(who));
      case "POST /api/settlements/{sid}/representation/import" -> headers.addAll(List.of("Content-Type", "text/csv"));
      default -> {}
    }
    // merge patches of settlements, plans and features
    if (key.startsWith("PATCH /api/settlements/") && !key.contains("/members/")) {
      headers.addAll(List.of("Content-Type", MERGE_PATCH));
    }
    return values;
  }

  private static Call prepare(String template, String method, Who who) {
    String key = method + " " + template;
    String body = null;
    if (!method.equals("GET")) {
      assertThat(BODIES).as("no request body for %s in PermissionMatrixIT.BODIES", key).containsKey(key);
      body = BODIES.get(key).apply(who);
    }
    // the target of member and account changes is a viewer again before every request
    users.setRole(TARGET, SID, Role.VIEWER);
    List<String> headers = new ArrayList<>();
    Map<String, String> own = targetOf(key, who, headers);
    StringBuilder path = new StringBuilder();
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\{(\\w+)}").matcher(template);
    while (m.find()) {
      String v = own.containsKey(m.group(1)) ? own.get(m.group(1)) : value(m.group(1), template, who);
      m.appendReplacement(path, java.util.regex.Matcher.quoteReplacement(v));
    }
    m.appendTail(path);
    path.append(QUERIES.getOrDefault(key, ""));
    boolean consumes = key.equals("POST /api/auth/login") || key.equals("POST /api/auth/logout");
    return new Call(method, path.toString(), body, consumes, headers.toArray(String[]::new));
  }

  /** Path parameter values from the demo data (and fresh credentials to revoke). */
  private static String value(String parameter, String template, Who who) {
    return switch (parameter) {
      case "sid" -> SID;
      case "pid" -> SHARED_PLAN;
      case "username" -> TARGET;
      case "id" ->
          template.startsWith("/api/auth/tokens")
              ? freshTokenId(who)
              : template.contains("/items/")
                  ? server.database().scalar("SELECT id::text FROM structures WHERE settlement_id = ? LIMIT 1", SID)
                  : freshShareLinkId();
      case "collectionId", "layer" -> "structures";
      case "importId" -> freshImport(template.startsWith("/api/imports") ? "/api/imports" : IMPORTS);
      case "featureId" -> server.database().scalar("SELECT id::text FROM structures WHERE settlement_id = ? LIMIT 1", SID);
      case "tileMatrixSetId" -> "WebMercatorQuad";
      case "unitId" -> "matrix-" + who.username();
      case "structureId" -> server.database().scalar("SELECT id::text FROM structures WHERE settlement_id = ? LIMIT 1", SID);
      case "z", "tileMatrix" -> "16";
      // the z16 tile over the middle of Tandale (39.243 E, 6.800 S)
      case "x", "tileCol" -> Integer.toString(tile(39.243, -6.800)[0]);
      case "y", "tileRow" -> Integer.toString(tile(39.243, -6.800)[1]);
      default -> throw new AssertionError("no value for path parameter {" + parameter + "} in " + template + "; add one to PermissionMatrixIT.value");
    };
  }

  private static int[] tile(double lon, double lat) {
    double n = Math.pow(2, 16);
    double rad = Math.toRadians(lat);
    return new int[] {(int) ((lon + 180) / 360 * n), (int) ((1 - Math.log(Math.tan(rad) + 1 / Math.cos(rad)) / Math.PI) / 2 * n)};
  }

  /** A token of the caller (or of the target, for callers without an account) to revoke. */
  private static String freshTokenId(Who who) {
    String token = users.createToken(who.hasAccount() ? who.username() : TARGET, "to revoke", org.coplan.auth.TokenScope.READ, null);
    return server.database().scalar("SELECT id::text FROM api_token WHERE token_hash = sha256(convert_to(?, 'UTF8'))", token);
  }

  /** A hidden settlement made by the admin, where each role account has its role, as in {@link #SID}. */
  private static String freshSettlement(Who who) {
    String id = freshId(who);
    HttpResponse<byte[]> r = sessions.get(Who.ADMIN).request("POST", "/api/settlements",
        "{\"id\":\"" + id + "\",\"name\":\"To archive\",\"boundary\":" + BOUNDARY + "}");
    assertThat(r.statusCode()).as("new settlement: %s", new String(r.body())).isEqualTo(201);
    server.database().execute("UPDATE settlement SET is_public = false WHERE id = ?", id);
    server.settled();
    for (Who member : Who.values()) {
      if (member.role != null) {
        users.setRole(member.username(), id, member.role);
      }
    }
    return id;
  }

  private static String freshPlan(Who who) {
    String id = freshId(who);
    HttpResponse<byte[]> r = sessions.get(Who.ADMIN).request("POST", "/api/settlements/" + SID + "/plans", "{\"id\":\"" + id + "\",\"name\":\"Matrix\"}");
    assertThat(r.statusCode()).as("new plan: %s", new String(r.body())).isEqualTo(201);
    return id;
  }

  /**
   * A footpath of the shared plan made by the admin for one change, then changed once more
   * ({@code then} 1: patched; -1: deleted; 0: as made); its id and layer go into the path, its
   * ETag into If-Match.
   */
  private static void freshFootpath(int then, Map<String, String> values, List<String> headers) {
    SignedIn admin = sessions.get(Who.ADMIN);
    String items = "/api/settlements/" + SID + "/plans/" + SHARED_PLAN + "/collections/footpaths/items";
    HttpResponse<byte[]> r = admin.request("POST", items, FOOTPATH);
    assertThat(r.statusCode()).as("new footpath: %s", new String(r.body())).isEqualTo(201);
    String location = r.headers().firstValue("Location").orElseThrow();
    String id = location.substring(location.lastIndexOf('/') + 1);
    String etag = r.headers().firstValue("ETag").orElseThrow();
    if (then != 0) {
      r = then > 0
          ? admin.request("PATCH", items + "/" + id, "{\"properties\":{\"width_m\":2.5}}", "Content-Type", MERGE_PATCH, "If-Match", etag)
          : admin.request("DELETE", items + "/" + id, null, "If-Match", etag);
      assertThat(r.statusCode()).as("footpath changed: %s", new String(r.body())).isBetween(200, 204);
      etag = then > 0 ? r.headers().firstValue("ETag").orElseThrow() : "\"" + id + "-v2\"";
    }
    values.put("layer", "footpaths");
    values.put("id", id);
    headers.addAll(List.of("If-Match", etag));
  }

  /** A staged import made by the admin (in the shared plan, or for a new settlement). */
  private static String freshImport(String uploadTemplate) {
    String path = uploadTemplate.replace("{sid}", SID).replace("{pid}", SHARED_PLAN);
    HttpResponse<byte[]> r =
        sessions.get(Who.ADMIN).request("POST", path, IMPORT_FORM, "Content-Type", "multipart/form-data; boundary=" + FORM_BOUNDARY);
    assertThat(r.statusCode()).as("new import: %s", new String(r.body())).isEqualTo(201);
    return TestServer.json(r).get("id").asText();
  }

  /** A segment made by the admin for one caller to delete. */
  private static String freshUnit(Who who) {
    String id = freshId(who);
    HttpResponse<byte[]> r = sessions.get(Who.ADMIN).request("PUT", "/api/settlements/" + SID + "/representation/units/" + id,
        "{\"level\":\"segment\",\"name\":\"To delete\"}");
    assertThat(r.statusCode()).as("new unit: %s", new String(r.body())).isEqualTo(201);
    return id;
  }

  private static String freshShareLinkId() {
    return TestServer.json(sessions.get(Who.PLANNER).request("POST", shareLinks(), "{\"label\":\"to revoke\"}")).get("id").asText();
  }

  private static String shareLinks() {
    return "/api/settlements/" + SID + "/plans/" + SHARED_PLAN + "/share-links";
  }

  private static HttpResponse<byte[]> send(Call call, Who who) {
    return switch (who) {
      case ANONYMOUS -> server.request(call.method(), call.path(), call.body(), call.headers());
      case SHARE_LINK -> server.request(call.method(), call.path(), call.body(), with(call.headers(), "X-Share-Token", shareToken));
      default -> sessions.get(who).request(call.method(), call.path(), call.body(), call.headers());
    };
  }

  private static String[] with(String[] headers, String name, String value) {
    String[] all = java.util.Arrays.copyOf(headers, headers.length + 2);
    all[headers.length] = name;
    all[headers.length + 1] = value;
    return all;
  }

  private static boolean isProblem(HttpResponse<byte[]> r) {
    return r.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json")
        && (r.statusCode() != 401 || r.headers().firstValue("WWW-Authenticate").isPresent());
  }

  private static Set<Integer> successStatuses(JsonNode operation) {
    Set<Integer> out = new TreeSet<>();
    operation.get("responses").fieldNames().forEachRemaining(code -> {
      if (code.startsWith("2")) {
        out.add(Integer.parseInt(code));
      }
    });
    return out.isEmpty() ? Set.of(200, 201, 202, 204) : out;
  }

  /** The document as served: coplan.json with every feature's part (OpenApiResource.PARTS) merged in. */
  private static JsonNode document() {
    return org.coplan.api.OpenApiResource.document();
  }
}
