package org.coplan.tiles;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.coplan.auth.Role;
import org.coplan.auth.UserAdmin;
import org.coplan.db.Jdbc;
import org.coplan.testing.Requests;
import org.coplan.testing.SignedIn;
import org.coplan.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Tiles and exports never leak across settlements, plans or permissions, whatever a cache between
 * the database and the caller has seen: two hidden settlements over the same ground (Tandale and a
 * twin, Kigogo, with one structure of its own in the same z16 tile), requests in both orders, and
 * callers who may not see what a member has just fetched — with and without the member's ETag,
 * because a 304 would confirm the content as surely as a 200.
 */
class TileAndExportLeakIT {
  static final TestServer server = TestServer.start();
  static final int Z = 16;
  static final int X = DecodedTile.column(39.2432, Z);
  static final int Y = DecodedTile.row(-6.8003, Z);
  static final String PASSWORD = "leak test passphrase 2026";
  static SignedIn tandaleViewer;
  static SignedIn tandaleEngineer;
  static SignedIn kigogoEngineer;
  static String kigogoStructure;

  @BeforeAll
  static void setUp() {
    server.database().execute("UPDATE settlement SET is_public = false WHERE id = 'tandale'");
    // the twin lies on the same ground: a tile key without the settlement would serve one for the other
    server.database().execute(
        "INSERT INTO settlement (id, name, boundary, metric_srid, is_public)"
            + " SELECT 'kigogo', 'Kigogo', boundary, metric_srid, false FROM settlement WHERE id = 'tandale'");
    server.database().execute("INSERT INTO plan (settlement_id, id, name, status) VALUES ('kigogo', 'baseline', 'Existing', 'baseline')");
    HttpResponse<byte[]> made =
        Requests.send(server, "POST", "/api/settlements/kigogo/plans/baseline/collections/structures/items", Requests.GEOJSON,
            "{\"type\":\"Feature\",\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[39.2431,-6.8004],[39.2433,-6.8004],"
                + "[39.2433,-6.8002],[39.2431,-6.8002],[39.2431,-6.8004]]]},\"properties\":{\"use\":\"residential\"}}");
    assertThat(made.statusCode()).as(new String(made.body())).isEqualTo(201);
    kigogoStructure = TestServer.json(made).get("id").asText();
    // a proposal of Tandale with one change, so that its tiles differ from the baseline's
    assertThat(Requests.send(server, "POST", "/api/settlements/tandale/plans", Requests.JSON, "{\"id\":\"clinic\",\"name\":\"Clinic\"}").statusCode())
        .isEqualTo(201);

    UserAdmin users = UserAdmin.open(new Jdbc(server.database().dataSource()), "leak test");
    users.add("t-viewer", null, PASSWORD, false);
    users.setRole("t-viewer", "tandale", Role.VIEWER);
    users.add("t-engineer", null, PASSWORD, false);
    users.setRole("t-engineer", "tandale", Role.ENGINEER);
    users.add("k-engineer", null, PASSWORD, false);
    users.setRole("k-engineer", "kigogo", Role.ENGINEER);
    tandaleViewer = SignedIn.login(server, "t-viewer", PASSWORD);
    tandaleEngineer = SignedIn.login(server, "t-engineer", PASSWORD);
    kigogoEngineer = SignedIn.login(server, "k-engineer", PASSWORD);
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  static String tile(String sid, String pid) {
    return "/api/settlements/" + sid + "/plans/" + pid + "/tiles/" + Z + "/" + X + "/" + Y + ".mvt";
  }

  static Set<String> structureIds(HttpResponse<byte[]> tile) {
    assertThat(tile.statusCode()).as("tile %s", tile.uri()).isEqualTo(200);
    Set<String> ids = new HashSet<>();
    DecodedTile.of(tile.body()).layer("structures").forEach(f -> ids.add((String) f.properties().get("id")));
    return ids;
  }

  static Set<String> stored(String sid) {
    String ids = server.database().scalar("SELECT string_agg(id::text, ',') FROM structures WHERE settlement_id = ?", sid);
    return new HashSet<>(List.of(ids.split(",")));
  }

  @Test
  void aTileOfOneSettlementNeverCarriesAnotherSettlementsFeatures() {
    // Kigogo first, then Tandale, then Kigogo again: whichever filled a cache, each gets its own
    Set<String> kigogoFirst = structureIds(kigogoEngineer.get(tile("kigogo", "baseline")));
    HttpResponse<byte[]> tandale = tandaleViewer.get(tile("tandale", "baseline"));
    Set<String> tandaleIds = structureIds(tandale);
    HttpResponse<byte[]> kigogo = kigogoEngineer.get(tile("kigogo", "baseline"));

    assertThat(kigogoFirst).containsExactly(kigogoStructure);
    assertThat(structureIds(kigogo)).containsExactly(kigogoStructure);
    assertThat(DecodedTile.of(kigogo.body()).layers().keySet()).containsExactly("structures");
    assertThat(tandaleIds).hasSizeGreaterThan(100).doesNotContain(kigogoStructure);
    assertThat(stored("tandale")).containsAll(tandaleIds);
    assertThat(kigogo.headers().firstValue("ETag")).isNotEqualTo(tandale.headers().firstValue("ETag"));
  }

  @Test
  void aTileAMemberHasFetchedIsRefusedToEveryoneElseEvenWithItsETag() {
    HttpResponse<byte[]> seen = tandaleViewer.get(tile("tandale", "baseline"));
    assertThat(seen.statusCode()).isEqualTo(200);
    String etag = seen.headers().firstValue("ETag").orElseThrow();
    // no shared cache may keep it, and private caches key it by the caller's credentials
    assertThat(seen.headers().firstValue("Cache-Control").orElseThrow()).contains("private");
    assertThat(String.join(",", seen.headers().allValues("Vary"))).contains("Cookie", "Authorization", "X-Share-Token");
    assertThat(tandaleViewer.request("GET", tile("tandale", "baseline"), null, "If-None-Match", etag).statusCode()).isEqualTo(304);

    assertRefused(server.get(tile("tandale", "baseline")), 401, "unauthenticated");
    assertRefused(server.get(tile("tandale", "baseline"), "If-None-Match", etag), 401, "unauthenticated");
    // a member of another settlement learns nothing, not even that Tandale exists
    assertRefused(kigogoEngineer.get(tile("tandale", "baseline")), 404, "not-found");
    assertRefused(kigogoEngineer.request("GET", tile("tandale", "baseline"), null, "If-None-Match", etag), 404, "not-found");
    // a member of both whose API token is scoped to Kigogo reaches no Tandale tile with it
    UserAdmin users = UserAdmin.open(new Jdbc(server.database().dataSource()), "leak test");
    users.add("both", null, PASSWORD, false);
    users.setRole("both", "tandale", Role.VIEWER);
    users.setRole("both", "kigogo", Role.VIEWER);
    String token = users.createToken("both", "kigogo only", org.coplan.auth.TokenScope.READ, "kigogo");
    assertThat(structureIds(server.get(tile("kigogo", "baseline"), "Authorization", "Bearer " + token))).containsExactly(kigogoStructure);
    HttpResponse<byte[]> scoped = server.get(tile("tandale", "baseline"), "Authorization", "Bearer " + token, "If-None-Match", etag);
    assertThat(scoped.statusCode()).isIn(403, 404);
    assertThat(scoped.headers().firstValue("Content-Type")).hasValue("application/problem+json");
  }

  @Test
  void aShareLinkReadsItsOwnPlansTilesOnlyAndNothingOnceRevoked() {
    // a member fetched both plans' tiles: the link may have the baseline's only
    assertThat(tandaleViewer.get(tile("tandale", "clinic")).statusCode()).isEqualTo(200);
    HttpResponse<byte[]> made = Requests.send(server, "POST", "/api/settlements/tandale/plans/baseline/share-links", Requests.JSON,
        "{\"label\":\"notice board\"}");
    assertThat(made.statusCode()).isEqualTo(201);
    JsonNode link = TestServer.json(made);
    String share = link.get("token").asText();

    HttpResponse<byte[]> shared = server.get(tile("tandale", "baseline"), "X-Share-Token", share);
    assertThat(structureIds(shared)).isEqualTo(structureIds(tandaleViewer.get(tile("tandale", "baseline"))));
    assertThat(shared.headers().firstValue("Cache-Control").orElseThrow()).contains("private");
    assertRefused(server.get(tile("tandale", "clinic"), "X-Share-Token", share), 401, "unauthenticated");
    assertRefused(server.get(tile("kigogo", "baseline"), "X-Share-Token", share), 401, "unauthenticated");

    String etag = shared.headers().firstValue("ETag").orElseThrow();
    HttpResponse<byte[]> revoked =
        Requests.send(server, "DELETE", "/api/settlements/tandale/plans/baseline/share-links/" + link.get("id").asText(), null, null);
    assertThat(revoked.statusCode()).isEqualTo(204);
    assertThat(server.get(tile("tandale", "baseline"), "X-Share-Token", share).statusCode()).isEqualTo(401);
    assertThat(server.get(tile("tandale", "baseline"), "X-Share-Token", share, "If-None-Match", etag).statusCode()).isEqualTo(401);
  }

  @Test
  void anExportHoldsItsOwnSettlementsFeaturesOnlyAndOnlyForThoseAllowed() {
    String tandaleExport = "/api/settlements/tandale/plans/baseline/export?format=geojson&layers=structures";
    String kigogoExport = "/api/settlements/kigogo/plans/baseline/export?format=geojson&layers=structures";
    HttpResponse<byte[]> kigogo = kigogoEngineer.get(kigogoExport);
    HttpResponse<byte[]> tandale = tandaleEngineer.get(tandaleExport);

    assertThat(exportedIds(kigogo)).containsExactly(kigogoStructure);
    List<String> tandaleIds = exportedIds(tandale);
    assertThat(tandaleIds).hasSize(8085).doesNotContain(kigogoStructure);
    assertThat(new HashSet<>(tandaleIds)).isEqualTo(stored("tandale"));
    assertThat(tandale.headers().firstValue("Cache-Control").orElseThrow()).contains("no-store");

    // the same exports, asked for by those who may not have them
    assertRefused(tandaleEngineer.get(kigogoExport), 404, "not-found");
    assertRefused(kigogoEngineer.get(tandaleExport), 404, "not-found");
    assertRefused(tandaleViewer.get(tandaleExport), 403, "forbidden");
    assertRefused(server.get(tandaleExport), 401, "unauthenticated");
    HttpResponse<byte[]> made = Requests.send(server, "POST", "/api/settlements/tandale/plans/baseline/share-links", Requests.JSON,
        "{\"label\":\"export attempt\"}");
    assertRefused(server.get(tandaleExport, "X-Share-Token", TestServer.json(made).get("token").asText()), 401, "unauthenticated");
  }

  private static List<String> exportedIds(HttpResponse<byte[]> export) {
    assertThat(export.statusCode()).as("export %s: %s", export.uri(), new String(export.body())).isEqualTo(200);
    JsonNode collection = TestServer.json(export);
    List<String> ids = new java.util.ArrayList<>();
    collection.get("features").forEach(f -> ids.add(f.at("/properties/id").asText()));
    return ids;
  }

  private static void assertRefused(HttpResponse<byte[]> r, int status, String slug) {
    assertThat(r.statusCode()).as("%s", r.uri()).isEqualTo(status);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat(TestServer.json(r).get("type").asText()).isEqualTo("/problems/" + slug);
  }
}
