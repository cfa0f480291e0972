package org.coplan.tiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.coplan.testing.Requests.etag;
import static org.coplan.testing.Requests.patch;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.coplan.testing.Requests;
import org.coplan.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The tile cache: a second request is answered from memory; an edit removes exactly the cached
 * tiles that touch the feature's old or new place (with the tiles' buffer) at every zoom, and
 * leaves the others cached. Which tiles touch is decided here independently of the cache, by
 * PostGIS ({@code ST_TileEnvelope(..., margin => 64.0/4096) && geometry}), the tile SQL's own test.
 */
class TileCacheIT {
  static final TestServer server = TestServer.start();
  static final String BASELINE = "/api/settlements/tandale/plans/baseline";
  static final double LON = 39.2432;
  static final double LAT = -6.8003;

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  static String path(String plan, int z, int x, int y) {
    return "/api/settlements/tandale/plans/" + plan + "/tiles/" + z + "/" + x + "/" + y + ".mvt";
  }

  static String source(HttpResponse<byte[]> r) {
    return r.headers().firstValue(TileResource.CACHE_HEADER).orElseThrow();
  }

  @Test
  void aSecondRequestIsAnsweredFromMemoryWithTheSameETag() {
    String tile = path("baseline", 16, DecodedTile.column(LON, 16), DecodedTile.row(LAT, 16));
    HttpResponse<byte[]> first = server.get(tile);
    HttpResponse<byte[]> second = server.get(tile);
    assertThat(second.headers().firstValue(TileResource.CACHE_HEADER)).hasValue("memory");
    assertThat(etag(second)).isEqualTo(etag(first));
    assertThat(second.body()).isEqualTo(first.body());
    HttpResponse<byte[]> revalidated = server.get(tile, "If-None-Match", etag(first));
    assertThat(revalidated.statusCode()).isEqualTo(304);
    JsonNode stats = server.admin().getJson("/api/admin/tile-cache");
    assertThat(stats.get("hits").asLong()).isGreaterThanOrEqualTo(2);
    assertThat(stats.get("bytes").asLong()).isGreaterThan(first.body().length);
  }

  @Test
  void anEditInvalidatesExactlyTheTilesTouchingTheOldAndTheNewGeometryAtZoom14To18() {
    // a structure near the middle of Tandale and where it is now
    String id = (String) DecodedTile.of(server.get(path("baseline", 16, DecodedTile.column(LON, 16), DecodedTile.row(LAT, 16))).body())
        .layer("structures").get(3).properties().get("id");
    String oldWkt = (String) Requests.scalar(server, "SELECT ST_AsText(geom) FROM structures WHERE plan_id = 'baseline' AND id = ?::uuid", id);
    double lon = Double.parseDouble((String) Requests.scalar(server, "SELECT ST_X(ST_Centroid(ST_GeomFromText(?)))::text", oldWkt));
    double lat = Double.parseDouble((String) Requests.scalar(server, "SELECT ST_Y(ST_Centroid(ST_GeomFromText(?)))::text", oldWkt));
    // a 3 x 3 block of tiles around it at each zoom, all cached
    Map<String, int[]> tiles = new LinkedHashMap<>();
    for (int z = 14; z <= 18; z++) {
      int cx = DecodedTile.column(lon, z);
      int cy = DecodedTile.row(lat, z);
      for (int dx = -1; dx <= 1; dx++) {
        for (int dy = -1; dy <= 1; dy++) {
          tiles.put(path("baseline", z, cx + dx, cy + dy), new int[] {z, cx + dx, cy + dy});
        }
      }
    }
    tiles.keySet().forEach(server::get);
    tiles.keySet().forEach(t -> assertThat(source(server.get(t))).as(t).isEqualTo("memory"));

    // move it 60 m east and 40 m north
    String item = BASELINE + "/collections/structures/items/" + id;
    String moved = (String) Requests.scalar(server,
        "SELECT ST_AsGeoJSON(ST_Translate(geom, 0.00054, 0.00036)) FROM structures WHERE plan_id = 'baseline' AND id = ?::uuid", id);
    HttpResponse<byte[]> edit = patch(server, item, etag(server, item), "{\"geometry\":" + moved + "}");
    assertThat(edit.statusCode()).isEqualTo(200);
    String newWkt = (String) Requests.scalar(server, "SELECT ST_AsText(geom) FROM structures WHERE plan_id = 'baseline' AND id = ?::uuid", id);
    assertThat(newWkt).isNotEqualTo(oldWkt);

    // the edit's answer came after the invalidation (read-your-writes): no waiting here
    Map<Integer, int[]> perZoom = new LinkedHashMap<>();
    List<String> wrong = new ArrayList<>();
    for (Map.Entry<String, int[]> t : tiles.entrySet()) {
      int[] k = t.getValue();
      boolean touches = touches(k, oldWkt) || touches(k, newWkt);
      String source = source(server.get(t.getKey()));
      if (!source.equals(touches ? "database" : "memory")) {
        wrong.add(t.getKey() + " touches=" + touches + " came from " + source);
      }
      perZoom.computeIfAbsent(k[0], z -> new int[2])[touches ? 0 : 1]++;
    }
    assertThat(wrong).isEmpty();
    // not vacuous: at every zoom some tiles were invalidated and some stayed
    for (int z = 14; z <= 18; z++) {
      assertThat(perZoom.get(z)[0]).as("invalidated at z" + z).isPositive();
      assertThat(perZoom.get(z)[1]).as("kept at z" + z).isPositive();
    }
  }

  @Test
  void aBaselineEditReachesProposalsThatShowTheFeatureButNotOnesThatOverrideIt() {
    Requests.send(server, "POST", "/api/settlements/tandale/plans", Requests.JSON, "{\"id\":\"shows-it\",\"name\":\"Shows it\"}");
    Requests.send(server, "POST", "/api/settlements/tandale/plans", Requests.JSON, "{\"id\":\"own-copy\",\"name\":\"Own copy\"}");
    int z = 17;
    int x = DecodedTile.column(LON, z);
    int y = DecodedTile.row(LAT, z);
    String id = (String) DecodedTile.of(server.get(path("baseline", z, x, y)).body()).layer("structures").get(0).properties().get("id");
    // the proposal own-copy overrides the structure (changes its use); shows-it draws the baseline's
    String own = "/api/settlements/tandale/plans/own-copy/collections/structures/items/" + id;
    assertThat(patch(server, own, etag(server, own), "{\"properties\":{\"use\":\"school\"}}").statusCode()).isEqualTo(200);
    for (String plan : List.of("baseline", "shows-it", "own-copy")) {
      server.get(path(plan, z, x, y));
      assertThat(source(server.get(path(plan, z, x, y)))).isEqualTo("memory");
    }
    String item = BASELINE + "/collections/structures/items/" + id;
    assertThat(patch(server, item, etag(server, item), "{\"properties\":{\"use\":\"health\"}}").statusCode()).isEqualTo(200);
    assertThat(source(server.get(path("baseline", z, x, y)))).isEqualTo("database");
    assertThat(source(server.get(path("shows-it", z, x, y)))).isEqualTo("database");
    assertThat(source(server.get(path("own-copy", z, x, y)))).isEqualTo("memory");
  }

  @Test
  void cachedTilesNeverAnswerForAnotherSettlementNorForACallerWhoMayNotReadThePlan() {
    // a settlement that is not public, over the same ground as Tandale, with its own structures
    server.database().execute(
        "INSERT INTO settlement (id, name, boundary, metric_srid, is_public) SELECT 'kigogo', 'Kigogo', boundary, metric_srid, false FROM settlement WHERE id = 'tandale'");
    server.database().execute("INSERT INTO plan (settlement_id, id, name, status) VALUES ('kigogo', 'baseline', 'Existing', 'baseline')");
    server.database().execute("INSERT INTO plan (settlement_id, id, name, status, based_on) VALUES ('kigogo', 'draft', 'Draft', 'draft', 'baseline')");
    int z = 17;
    server.database().execute("INSERT INTO structures (settlement_id, plan_id, id, geom, use)"
        + " SELECT 'kigogo', 'baseline', gen_random_uuid(), geom, 'school' FROM structures"
        + " WHERE settlement_id = 'tandale' AND plan_id = 'baseline' AND ST_Within(geom_3857, ST_TileEnvelope(?, ?, ?)) LIMIT 40",
        z, DecodedTile.column(LON, z), DecodedTile.row(LAT, z));
    String tandale = path("baseline", z, DecodedTile.column(LON, z), DecodedTile.row(LAT, z));
    String kigogo = tandale.replace("/tandale/", "/kigogo/");
    String kigogoDraft = kigogo.replace("/baseline/", "/draft/");

    HttpResponse<byte[]> publicTile = server.get(tandale);
    HttpResponse<byte[]> privateTile = server.admin().get(kigogo);
    server.admin().get(kigogoDraft);
    assertThat(source(server.get(tandale))).isEqualTo("memory");
    assertThat(source(server.admin().get(kigogo))).isEqualTo("memory");
    // each settlement's own tile, though they share z/x/y
    assertThat(DecodedTile.of(privateTile.body()).layer("structures")).hasSize(40)
        .allSatisfy(f -> assertThat(f.properties().get("use")).isEqualTo("school"));
    assertThat(DecodedTile.of(publicTile.body()).layer("structures")).hasSizeGreaterThan(40);
    assertThat(etag(privateTile)).isNotEqualTo(etag(publicTile));

    // the cached private tile is refused to whoever may not read it
    HttpResponse<byte[]> anonymous = server.get(kigogo);
    assertThat(anonymous.statusCode()).isEqualTo(401);
    assertThat(anonymous.headers().firstValue(TileResource.CACHE_HEADER)).isEmpty();
    // a share link reads its plan's cached tile, and no other plan's
    String token = TestServer.json(server.admin().request("POST", "/api/settlements/kigogo/plans/baseline/share-links", "{\"label\":\"wall\"}"))
        .get("token").asText();
    HttpResponse<byte[]> shared = server.get(kigogo + "?share=" + token);
    assertThat(shared.statusCode()).isEqualTo(200);
    assertThat(source(shared)).isEqualTo("memory");
    assertThat(shared.body()).isEqualTo(privateTile.body());
    HttpResponse<byte[]> otherPlan = server.get(kigogoDraft + "?share=" + token);
    assertThat(otherPlan.statusCode()).isIn(401, 403, 404);
    assertThat(otherPlan.headers().firstValue(TileResource.CACHE_HEADER)).isEmpty();
  }

  @Test
  void storedAnalysisResultsInvalidateTheTilesThatDrawConflicts() throws InterruptedException {
    double lon = 39.2405;
    double lat = -6.7950;
    String z16 = path("baseline", 16, DecodedTile.column(lon, 16), DecodedTile.row(lat, 16));
    String z14 = path("baseline", 14, DecodedTile.column(lon, 14), DecodedTile.row(lat, 14));
    server.get(z16);
    server.get(z14);
    assertThat(source(server.get(z16))).isEqualTo("memory");
    // as the analysis writes its results (outside any request, so the test waits for the feed)
    server.database().execute("INSERT INTO conflict (settlement_id, plan_id, primary_id, type, check_no, severity, features,"
        + " sentence, params, geom) VALUES ('tandale', 'baseline', gen_random_uuid(), 'test', 1, 'high', '[]', 'a test conflict', '{}',"
        + " ST_SetSRID(ST_MakePoint(?, ?), 4326))", lon, lat);
    long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(5);
    HttpResponse<byte[]> after = server.get(z16);
    while (source(after).equals("memory") && System.nanoTime() < deadline) {
      Thread.sleep(20);
      after = server.get(z16);
    }
    assertThat(source(after)).isEqualTo("database");
    assertThat(DecodedTile.of(after.body()).layer("conflicts")).extracting(f -> f.properties().get("sentence")).contains("a test conflict");
    // zoom 14 draws no conflicts: its tile stays cached
    assertThat(source(server.get(z14))).isEqualTo("memory");
  }

  private static boolean touches(int[] k, String wkt) {
    Object hit = Requests.scalar(server,
        "SELECT ST_TileEnvelope(?, ?, ?, margin => 64.0 / 4096) && ST_Transform(ST_GeomFromText(?, 4326), 3857)",
        k[0], k[1], k[2], wkt);
    return Boolean.TRUE.equals(hit);
  }
}
