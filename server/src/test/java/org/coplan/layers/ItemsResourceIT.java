package org.coplan.layers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.coplan.testing.Links.href;
import static org.coplan.testing.Problems.assertBadParameter;
import static org.coplan.testing.Problems.assertNotFound;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.coplan.http.JsonMapper;
import org.coplan.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Pages and single features of the baseline plan of the Tandale demo. */
class ItemsResourceIT {
  static final TestServer server = TestServer.start();
  static final String PLAN = "/api/settlements/tandale/plans/baseline";
  static final String STRUCTURES = PLAN + "/collections/structures/items";
  static final String FOOTPATHS = PLAN + "/collections/footpaths/items";
  // a few blocks in the middle of Tandale (about 220 m square)
  static final double[] SMALL_AREA = {39.240, -6.800, 39.242, -6.798};

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  @Test
  void defaultPageIsTheFirstHundredOfAllStructures() {
    HttpResponse<byte[]> r = server.get(STRUCTURES);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/geo+json");
    JsonNode page = TestServer.json(r);
    assertThat(page.get("type").asText()).isEqualTo("FeatureCollection");
    assertThat(page.get("numberMatched").asLong()).isEqualTo(8085);
    assertThat(page.get("numberReturned").asInt()).isEqualTo(100);
    assertThat(page.get("features")).hasSize(100);
    Instant stamp = Instant.parse(page.get("timeStamp").asText());
    assertThat(stamp).isCloseTo(Instant.now(), within(1, ChronoUnit.MINUTES));
    assertThat(href(page, "self")).isEqualTo(server.uri(STRUCTURES).toString());
    assertThat(href(page, "next")).isEqualTo(server.uri(STRUCTURES + "?limit=100&offset=100").toString());
    assertThat(href(page, "prev")).isNull();
  }

  @Test
  void allStructuresInOnePageOfTenThousandEachOnce() throws SQLException {
    JsonNode page = server.getJson(STRUCTURES + "?limit=10000");
    assertThat(page.get("numberMatched").asLong()).isEqualTo(8085);
    assertThat(page.get("numberReturned").asInt()).isEqualTo(8085);
    assertThat(href(page, "next")).isNull();
    assertThat(ids(page)).hasSize(8085).doesNotHaveDuplicates();
    assertThat(new HashSet<>(ids(page))).isEqualTo(idsInDatabase("structures", null));
  }

  @Test
  void limitAboveTheMaximumIsServedAsTheMaximum() {
    JsonNode page = server.getJson(STRUCTURES + "?limit=10001");
    assertThat(page.get("numberReturned").asInt()).isEqualTo(8085);
  }

  @Test
  void followingNextLinksVisitsEveryFootpathOnceInOrder() throws SQLException {
    List<String> seen = new ArrayList<>();
    String href = server.uri(FOOTPATHS + "?limit=100&unknown=kept").toString();
    int pages = 0;
    while (href != null) {
      JsonNode page = getAbsolute(href);
      pages++;
      assertThat(page.get("numberMatched").asLong()).isEqualTo(863);
      assertThat(page.get("numberReturned").asInt()).isEqualTo(page.get("features").size());
      assertThat(page.get("features").size()).isEqualTo(pages < 9 ? 100 : 63);
      if (pages > 1) {
        assertThat(href(page, "prev")).contains("offset=" + (pages - 2) * 100);
      }
      seen.addAll(ids(page));
      href = href(page, "next");
      if (href != null) {
        assertThat(href).contains("unknown=kept").contains("limit=100");
      }
      assertThat(pages).isLessThan(20);
    }
    assertThat(pages).isEqualTo(9);
    assertThat(seen).hasSize(863).doesNotHaveDuplicates();
    assertThat(new HashSet<>(seen)).isEqualTo(idsInDatabase("footpaths", null));
  }

  @Test
  void bboxReturnsExactlyWhatPostgisSaysIntersectsIt() throws SQLException {
    Set<String> expected = idsInDatabase("structures", SMALL_AREA);
    assertThat(expected).hasSizeBetween(20, 1000);
    String bbox = SMALL_AREA[0] + "," + SMALL_AREA[1] + "," + SMALL_AREA[2] + "," + SMALL_AREA[3];
    JsonNode page = server.getJson(STRUCTURES + "?bbox=" + bbox + "&limit=1000");
    assertThat(page.get("numberMatched").asLong()).isEqualTo(expected.size());
    assertThat(new HashSet<>(ids(page))).isEqualTo(expected);

    // the same with heights, and paged in twos: the next link keeps the bbox
    String href = server.uri(STRUCTURES + "?bbox=" + SMALL_AREA[0] + "," + SMALL_AREA[1] + ",0," + SMALL_AREA[2] + ","
        + SMALL_AREA[3] + ",100&limit=" + (expected.size() / 2 + 1)).toString();
    List<String> paged = new ArrayList<>();
    while (href != null) {
      JsonNode p = getAbsolute(href);
      paged.addAll(ids(p));
      href = href(p, "next");
    }
    assertThat(paged).doesNotHaveDuplicates();
    assertThat(new HashSet<>(paged)).isEqualTo(expected);
  }

  @Test
  void bboxOverTheSeaMatchesNothing() {
    JsonNode page = server.getJson(STRUCTURES + "?bbox=40,-7,40.1,-6.9");
    assertThat(page.get("numberMatched").asLong()).isZero();
    assertThat(page.get("numberReturned").asInt()).isZero();
    assertThat(page.get("features")).isEmpty();
    assertThat(href(page, "next")).isNull();
  }

  @Test
  void offsetBeyondTheEndIsAnEmptyPageWithAPrevLink() {
    JsonNode page = server.getJson(FOOTPATHS + "?offset=900&limit=50");
    assertThat(page.get("numberReturned").asInt()).isZero();
    assertThat(href(page, "prev")).endsWith("limit=50&offset=850");
  }

  @Test
  void featuresCarryEveryCatalogueAttributeAndTheBookkeeping() throws SQLException {
    JsonNode feature = server.getJson(STRUCTURES + "?limit=1").get("features").get(0);
    assertThat(feature.get("type").asText()).isEqualTo("Feature");
    assertThat(feature.at("/geometry/type").asText()).isEqualTo("Polygon");
    List<String> names = new ArrayList<>();
    feature.get("properties").fieldNames().forEachRemaining(names::add);
    List<String> expected = new ArrayList<>(Layer.STRUCTURES.attributes().stream().map(Attribute::name).toList());
    expected.addAll(List.of("version", "created_at", "created_by", "updated_at", "updated_by"));
    assertThat(names).containsExactlyElementsOf(expected);

    // the values are the row's
    try (Connection c = server.database().dataSource().getConnection();
        PreparedStatement ps = c.prepareStatement(
            "SELECT use, households, people, occupancy_estimated, version, created_by,"
                + " ST_AsGeoJSON(ST_ForcePolygonCCW(geom)) AS geojson FROM structures WHERE id = ?::uuid")) {
      ps.setString(1, feature.get("id").asText());
      try (ResultSet rs = ps.executeQuery()) {
        assertThat(rs.next()).isTrue();
        JsonNode p = feature.get("properties");
        assertThat(p.get("use").asText()).isEqualTo(rs.getString("use"));
        assertThat(p.get("households").asInt()).isEqualTo(rs.getInt("households"));
        assertThat(p.get("people").asInt()).isEqualTo(rs.getInt("people"));
        assertThat(p.get("occupancy_estimated").asBoolean()).isEqualTo(rs.getBoolean("occupancy_estimated"));
        assertThat(p.get("version").asInt()).isEqualTo(1);
        assertThat(p.get("created_by").asText()).isEqualTo(rs.getString("created_by"));
        assertCoordinatesClose(feature.get("geometry"), readJson(rs.getString("geojson")));
      }
    }
  }

  @Test
  void footpathWidthsAreNumbers() {
    JsonNode p = server.getJson(FOOTPATHS + "?limit=1").at("/features/0/properties");
    assertThat(p.get("width_m").isNumber()).isTrue();
    assertThat(p.get("class").asText()).isIn("footpath", "lane", "road");
  }

  @Test
  void oneFeatureHasAStrongVersionETagAndRevalidates() {
    String id = server.getJson(STRUCTURES + "?limit=1").at("/features/0/id").asText();
    HttpResponse<byte[]> r = server.get(STRUCTURES + "/" + id);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/geo+json");
    assertThat(r.headers().firstValue("ETag")).hasValue("\"" + id + "-v1\"");
    assertThat(r.headers().firstValue("Last-Modified")).isPresent();
    assertThat(r.headers().firstValue("Cache-Control")).hasValue("no-cache");
    JsonNode f = TestServer.json(r);
    assertThat(f.get("id").asText()).isEqualTo(id);
    assertThat(href(f, "self")).isEqualTo(server.uri(STRUCTURES + "/" + id).toString());
    assertThat(href(f, "collection")).isEqualTo(server.uri(PLAN + "/collections/structures").toString());

    HttpResponse<byte[]> same = server.get(STRUCTURES + "/" + id, "If-None-Match", "\"" + id + "-v1\"");
    assertThat(same.statusCode()).isEqualTo(304);
    assertThat(same.body()).isEmpty();
    assertThat(same.headers().firstValue("ETag")).hasValue("\"" + id + "-v1\"");

    HttpResponse<byte[]> since = server.get(STRUCTURES + "/" + id, "If-Modified-Since", r.headers().firstValue("Last-Modified").get());
    assertThat(since.statusCode()).isEqualTo(304);

    assertThat(server.get(STRUCTURES + "/" + id, "If-None-Match", "\"" + id + "-v0\"").statusCode()).isEqualTo(200);
  }

  @Test
  void plainJsonIsServedToClientsThatAcceptOnlyJson() {
    HttpResponse<byte[]> onlyJson = server.get(STRUCTURES + "?limit=1", "Accept", "application/json");
    assertThat(onlyJson.headers().firstValue("Content-Type")).hasValue("application/json");
    assertThat(TestServer.json(onlyJson).get("type").asText()).isEqualTo("FeatureCollection");
    HttpResponse<byte[]> either = server.get(STRUCTURES + "?limit=1", "Accept", "application/geo+json, application/json");
    assertThat(either.headers().firstValue("Content-Type")).hasValue("application/geo+json");
    HttpResponse<byte[]> browser = server.get(STRUCTURES + "?limit=1&f=json", "Accept", "text/html,*/*;q=0.8");
    assertThat(browser.headers().firstValue("Content-Type")).hasValue("application/geo+json");
  }

  @Test
  void unknownSettlementPlanLayerOrFeatureIsNamed() {
    String uuid = "00000000-0000-4000-8000-000000000000";
    assertNotFound(server.admin().get("/api/settlements/atlantis/plans/baseline/collections/structures/items"), "no settlement 'atlantis'");
    assertNotFound(server.get("/api/settlements/tandale/plans/nope/collections/structures/items/" + uuid),
        "settlement 'tandale' has no plan 'nope'");
    assertNotFound(server.get(PLAN + "/collections/roads/items"),
        "plan 'baseline' of settlement 'tandale' has no collection 'roads'; its collections are structures, footpaths, services, constraints");
    assertNotFound(server.get(STRUCTURES + "/" + uuid),
        "collection 'structures' of plan 'baseline' of settlement 'tandale' has no feature '" + uuid + "'");
    assertNotFound(server.get(STRUCTURES + "/not-a-uuid"),
        "collection 'structures' of plan 'baseline' of settlement 'tandale' has no feature 'not-a-uuid'");
    // a footpath's id is no structure's
    String footpath = server.getJson(FOOTPATHS + "?limit=1").at("/features/0/id").asText();
    assertNotFound(server.get(STRUCTURES + "/" + footpath),
        "collection 'structures' of plan 'baseline' of settlement 'tandale' has no feature '" + footpath + "'");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "?bbox=1,2,3          | bbox   | got 3 values",
        "?bbox=a,b,c,d        | bbox   | value 1 ('a') is not a number",
        "?bbox=39,-91,40,-6   | bbox   | latitude -91.0 is outside -90..90",
        "?bbox=39,-6,181,-5   | bbox   | longitude 181.0 is outside -180..180",
        "?bbox=39,-6,40,-7    | bbox   | minimum latitude -6.0 is greater than maximum latitude -7.0",
        "?bbox=179,-6,-179,-5 | bbox   | crossing the antimeridian are not supported",
        "?limit=0             | limit  | must be at least 1; got '0'",
        "?limit=-3            | limit  | must be at least 1; got '-3'",
        "?limit=many          | limit  | must be a whole number from 1 to 10000; got 'many'",
        "?limit=1.5           | limit  | must be a whole number from 1 to 10000; got '1.5'",
        "?offset=-1           | offset | must not be negative; got '-1'",
        "?f=html              | f      | must be json or geojson; got 'html'",
      })
  void badBboxLimitOffsetOrFormatIsAProblemNamingTheParameter(String query, String parameter, String reason) {
    assertBadParameter(server.get(STRUCTURES + query), parameter, reason);
  }

  @Test
  void badFormatOfOneFeatureIsAProblemNamingTheParameter() {
    String id = server.getJson(STRUCTURES + "?limit=1").at("/features/0/id").asText();
    assertBadParameter(server.get(STRUCTURES + "/" + id + "?f=xml"), "f", "must be json or geojson; got 'xml'");
  }

  private static JsonNode getAbsolute(String href) {
    HttpResponse<byte[]> r = server.send(HttpRequest.newBuilder(URI.create(href)).GET().build());
    assertThat(r.statusCode()).as(href).isEqualTo(200);
    return TestServer.json(r);
  }

  private static List<String> ids(JsonNode page) {
    List<String> ids = new ArrayList<>();
    page.get("features").forEach(f -> ids.add(f.get("id").asText()));
    return ids;
  }

  /** Ids of the baseline's features, all or those PostGIS says intersect the box. */
  private static Set<String> idsInDatabase(String table, double[] box) throws SQLException {
    String sql = "SELECT id FROM " + table + " WHERE settlement_id = 'tandale' AND plan_id = 'baseline' AND NOT deleted"
        + (box == null ? "" : " AND ST_Intersects(geom, ST_MakeEnvelope(?, ?, ?, ?, 4326))");
    try (Connection c = server.database().dataSource().getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; box != null && i < 4; i++) {
        ps.setDouble(i + 1, box[i]);
      }
      Set<String> ids = new HashSet<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          ids.add(rs.getString(1));
        }
      }
      return ids;
    }
  }

  private static JsonNode readJson(String json) {
    try {
      return JsonMapper.MAPPER.readTree(json);
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }

  /** Same shape and ring orientation, coordinates within the 7 decimals served. */
  private static void assertCoordinatesClose(JsonNode served, JsonNode stored) {
    assertThat(served.get("type").asText()).isEqualTo(stored.get("type").asText());
    JsonNode a = served.get("coordinates").get(0);
    JsonNode b = stored.get("coordinates").get(0);
    assertThat(a.size()).isEqualTo(b.size());
    for (int i = 0; i < a.size(); i++) {
      assertThat(a.get(i).get(0).asDouble()).isCloseTo(b.get(i).get(0).asDouble(), within(0.51e-7));
      assertThat(a.get(i).get(1).asDouble()).isCloseTo(b.get(i).get(1).asDouble(), within(0.51e-7));
    }
  }
}
