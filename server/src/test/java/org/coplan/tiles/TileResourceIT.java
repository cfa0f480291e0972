package org.coplan.tiles;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.GZIPInputStream;
import org.coplan.layers.Layer;
import org.coplan.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class TileResourceIT {
  static final TestServer server = TestServer.start();

  /** Central Tandale at z16: a dense tile of about 1,200 structures. */
  static final int Z = 16;
  static final int X = DecodedTile.column(39.2432, Z);
  static final int Y = DecodedTile.row(-6.8003, Z);

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  static String tilePath(String plan, Object z, Object x, Object y) {
    return "/api/settlements/tandale/plans/" + plan + "/tiles/" + z + "/" + x + "/" + y + ".mvt";
  }

  static String centralTile() {
    return tilePath("baseline", Z, X, Y);
  }

  @Test
  void centralTileHoldsEveryFeaturePostGisClipsIntoItPerLayer() throws SQLException {
    HttpResponse<byte[]> r = server.get(centralTile());
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/vnd.mapbox-vector-tile");
    DecodedTile tile = DecodedTile.of(r.body());

    for (Layer layer : Layer.values()) {
      long expected = clippedCount(layer, "baseline", Z, X, Y);
      assertThat(tile.layer(layer.id())).as(layer.id()).hasSize((int) expected);
    }
    assertThat(tile.layer("structures")).hasSizeGreaterThan(1000);
    assertThat(tile.layer("footpaths")).isNotEmpty();
    assertThat(tile.layer("constraints")).isNotEmpty();
    // the demo has no services; an empty layer is left out of the tile altogether
    assertThat(tile.layers()).doesNotContainKey("services");
  }

  @Test
  void structuresCarryTheirFidAsFeatureIdTheirUuidAndNumericAttributes() throws SQLException {
    DecodedTile tile = DecodedTile.of(server.get(centralTile()).body());
    Map<Long, Map<String, Object>> stored =
        rows("SELECT fid, id::text AS id, households::bigint AS households, people::bigint AS people, use"
            + " FROM structures WHERE settlement_id = ?", "tandale");

    assertThat(tile.layer("structures"))
        .anySatisfy(f -> assertThat(f.properties().get("households")).isInstanceOf(Long.class));
    for (DecodedTile.Feature f : tile.layer("structures")) {
      Map<String, Object> row = stored.get(f.id());
      assertThat(row).as("structure with fid %s", f.id()).isNotNull();
      assertThat(f.properties().get("id")).isEqualTo(row.get("id"));
      assertThat(UUID.fromString((String) f.properties().get("id"))).hasToString((String) row.get("id"));
      // numbers stay numbers (MVT int values); a null is left out rather than written as a string
      assertThat(f.properties().get("households")).isEqualTo(row.get("households"));
      assertThat(f.properties().get("people")).isEqualTo(row.get("people"));
      assertThat(f.properties().get("use")).isEqualTo(row.get("use"));
      assertThat(f.properties().get("occupancy_estimated")).isEqualTo(true);
      assertThat(f.properties()).doesNotContainKeys("fid", "geom", "geom_3857", "settlement_id", "version");
    }
  }

  @Test
  void footpathWidthsAreNumbersNotStrings() throws SQLException {
    DecodedTile tile = DecodedTile.of(server.get(centralTile()).body());
    Map<Long, Map<String, Object>> stored =
        rows("SELECT fid, width_m, class FROM footpaths WHERE settlement_id = ?", "tandale");

    for (DecodedTile.Feature f : tile.layer("footpaths")) {
      assertThat(f.properties().get("width_m")).isInstanceOf(Double.class);
      BigDecimal width = (BigDecimal) stored.get(f.id()).get("width_m");
      assertThat((Double) f.properties().get("width_m")).isEqualTo(width.doubleValue());
      assertThat(f.properties().get("class")).isEqualTo(stored.get(f.id()).get("class"));
    }
  }

  @Test
  void belowZoom14TilesCarryOnlyRoadsLanesWithoutIdsConstraintsAndDensity() throws SQLException {
    int z = 12;
    int x = DecodedTile.column(39.2432, z);
    int y = DecodedTile.row(-6.8003, z);
    DecodedTile tile = DecodedTile.of(server.get(tilePath("baseline", z, x, y)).body());

    assertThat(tile.layers()).containsOnlyKeys("footpaths", "constraints", "structure_density");
    assertThat(tile.layer("footpaths")).isNotEmpty();
    assertThat(tile.layer("footpaths")).allSatisfy(f -> assertThat(f.properties().get("class")).isIn("road", "lane"));
    assertThat(tile.layer("footpaths")).allSatisfy(f -> assertThat(f.properties()).doesNotContainKey("id"));
    long roadsAndLanes =
        count(
            "SELECT count(*) FROM plan_footpaths(?, ?) WHERE class IN ('road', 'lane')"
                + " AND ST_AsMVTGeom(geom_3857, ST_TileEnvelope(?, ?, ?), 4096, 64, true) IS NOT NULL",
            "tandale", "baseline", z, x, y);
    assertThat(tile.layer("footpaths")).hasSize((int) roadsAndLanes);
    assertThat(tile.layer("constraints")).hasSize((int) clippedCount(Layer.CONSTRAINTS, "baseline", z, x, y));
  }

  @Test
  void lowZoomTilesCountEveryStructureOnceInTheCellOfItsBoxCentre() throws SQLException {
    for (int z = 12; z <= 14; z++) {
      long counted = 0;
      long tiles = 0;
      // every tile over Tandale's bbox at this zoom
      for (int x = DecodedTile.column(39.2349, z); x <= DecodedTile.column(39.2513, z); x++) {
        for (int y = DecodedTile.row(-6.7883, z); y <= DecodedTile.row(-6.8132, z); y++) {
          HttpResponse<byte[]> r = server.get(tilePath("baseline", z, x, y));
          if (r.statusCode() == 204) {
            continue;
          }
          tiles++;
          DecodedTile tile = DecodedTile.of(r.body());
          assertThat(tile.layers()).doesNotContainKeys("structures", "conflicts");
          long inTile = 0;
          for (DecodedTile.Feature cell : tile.layer("structure_density")) {
            long n = (Long) cell.properties().get("structures");
            assertThat(n).isPositive();
            assertThat(((Number) cell.properties().get("per_ha")).doubleValue()).isPositive();
            inTile += n;
          }
          // independently: structures whose bounding box centre lies in the tile
          long expected = count("SELECT count(*) FROM plan_structures(?, ?) s, ST_TileEnvelope(?, ?, ?) t"
              + " WHERE (ST_XMin(s.geom_3857) + ST_XMax(s.geom_3857)) / 2 >= ST_XMin(t) AND (ST_XMin(s.geom_3857) + ST_XMax(s.geom_3857)) / 2 < ST_XMax(t)"
              + " AND (ST_YMin(s.geom_3857) + ST_YMax(s.geom_3857)) / 2 > ST_YMin(t) AND (ST_YMin(s.geom_3857) + ST_YMax(s.geom_3857)) / 2 <= ST_YMax(t)",
              "tandale", "baseline", z, x, y);
          assertThat(inTile).as("z%d/%d/%d", z, x, y).isEqualTo(expected);
          counted += inTile;
        }
      }
      assertThat(tiles).isPositive();
      assertThat(counted).as("zoom %d", z).isEqualTo(count("SELECT count(*) FROM plan_structures(?, ?)", "tandale", "baseline"));
    }
  }

  @Test
  void aProposalsDensityCountsItsOwnRowsInsteadOfTheBaselinesItOverrides() throws SQLException {
    int z = 14;
    int x = DecodedTile.column(39.2432, z);
    int y = DecodedTile.row(-6.8003, z);
    List<DecodedTile.Feature> central = DecodedTile.of(server.get(centralTile()).body()).layer("structures");
    long fid = central.get(1).id();
    long other = central.get(2).id();
    try (Connection c = server.database().dataSource().getConnection()) {
      update(c, "INSERT INTO plan (settlement_id, id, name, status, based_on)"
          + " VALUES ('tandale', 'thinned', 'Two structures fewer, one new', 'draft', 'baseline')");
      update(c, "INSERT INTO structures (settlement_id, plan_id, id, geom, use, deleted)"
          + " SELECT settlement_id, 'thinned', id, geom, use, true FROM structures WHERE fid = ?", fid);
      update(c, "INSERT INTO structures (settlement_id, plan_id, id, geom, use, deleted)"
          + " SELECT settlement_id, 'thinned', id, geom, use, true FROM structures WHERE fid = ?", other);
      update(c, "INSERT INTO structures (settlement_id, plan_id, id, geom, use)"
          + " SELECT settlement_id, 'thinned', gen_random_uuid(), ST_Translate(geom, 0.0001, 0), use FROM structures WHERE fid = ?", fid);
    }
    long baseline = densityTotal(server.get(tilePath("baseline", z, x, y)));
    long proposal = densityTotal(server.get(tilePath("thinned", z, x, y)));
    assertThat(proposal).isEqualTo(baseline - 1);
  }

  private static long densityTotal(HttpResponse<byte[]> r) {
    return DecodedTile.of(r.body()).layer("structure_density").stream().mapToLong(f -> (Long) f.properties().get("structures")).sum();
  }

  @Test
  void aProposalPlansTileShowsItsOwnEdits() throws SQLException {
    long fid = DecodedTile.of(server.get(centralTile()).body()).layer("structures").get(0).id();
    try (Connection c = server.database().dataSource().getConnection()) {
      update(c, "INSERT INTO plan (settlement_id, id, name, status, based_on)"
          + " VALUES ('tandale', 'cleared', 'One structure cleared', 'draft', 'baseline')");
      // a plan-local override marking the baseline structure removed
      update(c, "INSERT INTO structures (settlement_id, plan_id, id, geom, use, deleted)"
          + " SELECT settlement_id, 'cleared', id, geom, use, true FROM structures WHERE fid = ?", fid);
    }
    HttpResponse<byte[]> baseline = server.get(centralTile());
    HttpResponse<byte[]> proposal = server.get(tilePath("cleared", Z, X, Y));

    List<DecodedTile.Feature> before = DecodedTile.of(baseline.body()).layer("structures");
    List<DecodedTile.Feature> after = DecodedTile.of(proposal.body()).layer("structures");
    assertThat(after).hasSize(before.size() - 1);
    assertThat(after).extracting(DecodedTile.Feature::id).doesNotContain(fid);
    assertThat(proposal.headers().firstValue("ETag")).isNotEqualTo(baseline.headers().firstValue("ETag"));
  }

  @Test
  void aTileWithoutFeaturesIsNoContent() {
    HttpResponse<byte[]> r = server.get(tilePath("baseline", 16, 0, 0));
    assertThat(r.statusCode()).isEqualTo(204);
    assertThat(r.body()).isEmpty();
    assertThat(r.headers().firstValue("Cache-Control")).hasValue("no-cache");
  }

  @Test
  void coordinatesOutsideTheTileMatrixAreBadRequestsNamingParameterAndRange() {
    assertBadParameter(tilePath("baseline", 25, 0, 0), "z", "from 0 to 24");
    assertBadParameter(tilePath("baseline", 16, 65536, Y), "x", "from 0 to 65535 at zoom 16");
    assertBadParameter(tilePath("baseline", 16, X, -1), "y", "from 0 to 65535 at zoom 16");
    assertBadParameter(tilePath("baseline", 0, 1, 0), "x", "from 0 to 0 at zoom 0");
  }

  private static void assertBadParameter(String path, String parameter, String range) {
    HttpResponse<byte[]> r = server.get(path, "Accept", "application/vnd.mapbox-vector-tile");
    assertThat(r.statusCode()).as(path).isEqualTo(400);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    JsonNode problem = TestServer.json(r);
    assertThat(problem.get("type").asText()).isEqualTo("/problems/invalid-parameter");
    assertThat(problem.get("errors").get(0).get("parameter").asText()).isEqualTo(parameter);
    assertThat(problem.get("detail").asText()).contains(parameter).contains(range);
  }

  @Test
  void unknownSettlementPlanOrNonNumericCoordinatesAreNotFound() {
    assertNotFound("/api/settlements/atlantis/plans/baseline/tiles/16/0/0.mvt", "atlantis");
    assertNotFound(tilePath("utopia", Z, X, Y), "utopia");
    assertNotFound(tilePath("baseline", "z", X, Y), "z must be an integer");
    assertNotFound(tilePath("baseline", Z, "1.5", Y), "x must be an integer");
  }

  private static void assertNotFound(String path, String detail) {
    // as an admin: anonymous callers are not told whether a settlement exists (401)
    HttpResponse<byte[]> r = server.admin().get(path);
    assertThat(r.statusCode()).as(path).isEqualTo(404);
    JsonNode problem = TestServer.json(r);
    assertThat(problem.get("type").asText()).isEqualTo("/problems/not-found");
    assertThat(problem.get("detail").asText()).contains(detail);
  }

  @Test
  void gzipIsServedWhenAcceptedAndDecompressesToTheSameTile() throws IOException {
    HttpResponse<byte[]> plain = server.get(centralTile());
    HttpResponse<byte[]> gzipped = server.get(centralTile(), "Accept-Encoding", "gzip");

    assertThat(plain.headers().firstValue("Content-Encoding")).isEmpty();
    assertThat(gzipped.headers().firstValue("Content-Encoding")).hasValue("gzip");
    assertThat(gzipped.headers().allValues("Vary")).anySatisfy(v -> assertThat(v).containsIgnoringCase("Accept-Encoding"));
    assertThat(gzipped.body().length).isLessThan(plain.body().length);
    try (var in = new GZIPInputStream(new ByteArrayInputStream(gzipped.body()))) {
      assertThat(in.readAllBytes()).isEqualTo(plain.body());
    }
  }

  @Test
  void aStrongEtagRevalidatesToNotModifiedWithAndWithoutGzip() {
    HttpResponse<byte[]> first = server.get(centralTile());
    String etag = first.headers().firstValue("ETag").orElseThrow();
    assertThat(etag).doesNotStartWith("W/").matches("\"[0-9a-f]{32}\"");
    assertThat(first.headers().firstValue("Cache-Control")).hasValue("no-cache");
    assertThat(server.get(centralTile()).headers().firstValue("ETag")).hasValue(etag);

    HttpResponse<byte[]> again = server.get(centralTile(), "If-None-Match", etag);
    assertThat(again.statusCode()).isEqualTo(304);
    assertThat(again.body()).isEmpty();
    assertThat(again.headers().firstValue("ETag")).hasValue(etag);
    assertThat(again.headers().firstValue("Cache-Control")).hasValue("no-cache");

    // compressed, the representation differs, so Jetty's GzipHandler tags it apart and maps it back
    HttpResponse<byte[]> gz = server.get(centralTile(), "Accept-Encoding", "gzip");
    String gzEtag = gz.headers().firstValue("ETag").orElseThrow();
    assertThat(gzEtag).isNotEqualTo(etag).doesNotStartWith("W/");
    assertThat(server.get(centralTile(), "Accept-Encoding", "gzip", "If-None-Match", gzEtag).statusCode())
        .isEqualTo(304);

    HttpResponse<byte[]> changed = server.get(centralTile(), "If-None-Match", "\"0123456789abcdef0123456789abcdef\"");
    assertThat(changed.statusCode()).isEqualTo(200);
    assertThat(changed.body()).isEqualTo(first.body());
  }

  /** How many features of a layer PostGIS clips into a tile, without the index or the tile SQL. */
  static long clippedCount(Layer layer, String plan, int z, int x, int y) throws SQLException {
    return count(
        "SELECT count(*) FROM " + layer.planViewFunction() + "(?, ?)"
            + " WHERE ST_AsMVTGeom(geom_3857, ST_TileEnvelope(?, ?, ?), 4096, 64, true) IS NOT NULL",
        "tandale", plan, z, x, y);
  }

  private static long count(String sql, Object... params) throws SQLException {
    try (Connection c = server.database().dataSource().getConnection();
        PreparedStatement ps = prepare(c, sql, params);
        ResultSet rs = ps.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /** Rows by their first column, a fid. */
  private static Map<Long, Map<String, Object>> rows(String sql, Object... params) throws SQLException {
    Map<Long, Map<String, Object>> out = new HashMap<>();
    try (Connection c = server.database().dataSource().getConnection();
        PreparedStatement ps = prepare(c, sql, params);
        ResultSet rs = ps.executeQuery()) {
      int columns = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        Map<String, Object> row = new HashMap<>();
        for (int i = 1; i <= columns; i++) {
          row.put(rs.getMetaData().getColumnLabel(i), rs.getObject(i));
        }
        out.put(rs.getLong(1), row);
      }
    }
    return out;
  }

  private static void update(Connection c, String sql, Object... params) throws SQLException {
    try (PreparedStatement ps = prepare(c, sql, params)) {
      ps.executeUpdate();
    }
  }

  private static PreparedStatement prepare(Connection c, String sql, Object... params) throws SQLException {
    PreparedStatement ps = c.prepareStatement(sql);
    for (int i = 0; i < params.length; i++) {
      ps.setObject(i + 1, params[i]);
    }
    return ps;
  }
}
