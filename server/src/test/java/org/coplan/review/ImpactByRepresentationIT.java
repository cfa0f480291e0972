package org.coplan.review;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipInputStream;
import org.coplan.testing.Problems;
import org.coplan.testing.Requests;
import org.coplan.testing.SignedIn;
import org.coplan.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The plan's impact says which cells and clusters of the representation it touches and how
 * (relocated or trimmed), held against the stored conflicts joined to {@code structure_cell} in
 * plain SQL.
 */
class ImpactByRepresentationIT {
  static final TestServer server = TestServer.start();
  static final String BASE = "/api/settlements/mini";

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  /** A square footprint of 10 m at (x, y) metres east and north of the origin. */
  static String square(double x, double y) {
    double[][] c = {{x, y}, {x + 10, y}, {x + 10, y + 10}, {x, y + 10}, {x, y}};
    StringBuilder ring = new StringBuilder();
    for (double[] p : c) {
      ring.append(ring.length() == 0 ? "" : ",").append('[').append(lon(p[0])).append(',').append(lat(p[1])).append(']');
    }
    return "{\"type\":\"Polygon\",\"coordinates\":[[" + ring + "]]}";
  }

  // about a metre in degrees near the equator (the settlement is small, so the distortion is too)
  static double lon(double x) {
    return 39.24 + x / 110_574.0;
  }

  static double lat(double y) {
    return -6.80 + y / 110_574.0;
  }

  @Test
  void theImpactCountsRelocationsAndTrimsPerCellAndCluster() throws Exception {
    // a small settlement: six houses in a row, in two cells of one cluster
    SignedIn admin = server.admin();
    var r = admin.request("POST", "/api/settlements", "{\"id\":\"mini\",\"name\":\"Mini\",\"boundary\":"
        + "{\"type\":\"Polygon\",\"coordinates\":[[[" + lon(-50) + "," + lat(-50) + "],[" + lon(150) + "," + lat(-50) + "],["
        + lon(150) + "," + lat(60) + "],[" + lon(-50) + "," + lat(60) + "],[" + lon(-50) + "," + lat(-50) + "]]]}}");
    assertThat(r.statusCode()).as(new String(r.body())).isEqualTo(201);
    StringBuilder csv = new StringBuilder("structure,cell,cluster,segment\n");
    for (int i = 0; i < 6; i++) {
      r = admin.request("POST", BASE + "/plans/baseline/collections/structures/items",
          Requests.feature(square(i * 15, 0), "{\"use\":\"residential\",\"households\":" + (i + 1) + ",\"people\":" + (4 * i + 4) + "}"),
          "Content-Type", Requests.GEOJSON);
      assertThat(r.statusCode()).as(new String(r.body())).isEqualTo(201);
      String id = TestServer.json(r).get("id").asText();
      csv.append(id).append(',').append(i < 3 ? "C1" : "C2").append(",K1,S1\n");
    }
    r = admin.request("POST", BASE + "/representation/import", csv.toString(), "Content-Type", "text/csv");
    assertThat(TestServer.json(r).get("imported").asInt()).as(new String(r.body())).isEqualTo(6);

    // a plan: an 8 m road through the first three houses, a 4 m path along the edge of the others
    assertThat(admin.request("POST", BASE + "/plans", "{\"id\":\"wide-lane\",\"name\":\"Wide lane\"}").statusCode()).isEqualTo(201);
    for (String path : new String[] {
        Requests.feature(Requests.line(lon(-20), lat(5), lon(40), lat(5)), "{\"class\":\"road\",\"width_m\":8,\"state\":\"proposed\"}"),
        Requests.feature(Requests.line(lon(42), lat(-1.6), lon(100), lat(-1.6)), "{\"class\":\"footpath\",\"width_m\":4,\"state\":\"proposed\"}")}) {
      r = admin.request("POST", BASE + "/plans/wide-lane/collections/footpaths/items", path, "Content-Type", Requests.GEOJSON);
      assertThat(r.statusCode()).as(new String(r.body())).isEqualTo(201);
    }

    JsonNode impact = admin.getJson(BASE + "/plans/wide-lane/impact").get("impact");
    int relocated = impact.at("/relocated/structures").asInt();
    int trimmed = impact.at("/trimmed/structures").asInt();
    assertThat(relocated).as("the road takes the first three houses").isEqualTo(3);
    assertThat(trimmed).as("the path trims the others").isEqualTo(3);
    JsonNode cells = impact.at("/representation/cells");
    JsonNode clusters = impact.at("/representation/clusters");

    // the same from SQL: each touched structure's cell, and whether it is relocated or trimmed
    Map<String, int[]> expected = new TreeMap<>();
    try (Connection c = server.database().dataSource().getConnection();
        PreparedStatement ps = c.prepareStatement(
            "SELECT coalesce(sc.cell_id, '(none)'), bool_or(k.type IN ('corridor_relocation', 'constraint_no_build'))"
                + " FROM conflict k LEFT JOIN structure_cell sc ON sc.settlement_id = k.settlement_id AND sc.structure_id = k.primary_id"
                + " WHERE k.settlement_id = 'mini' AND k.plan_id = 'wide-lane'"
                + " AND k.type IN ('corridor_relocation', 'corridor_trim', 'constraint_no_build')"
                + " AND k.features -> 0 ->> 'layer' = 'structures' GROUP BY k.primary_id, sc.cell_id")) {
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          expected.computeIfAbsent(rs.getString(1), k -> new int[2])[rs.getBoolean(2) ? 0 : 1]++;
        }
      }
    }
    Map<String, int[]> answered = new TreeMap<>();
    int households = 0;
    for (JsonNode cell : cells) {
      String id = cell.get("id").isNull() ? "(none)" : cell.get("id").asText();
      answered.put(id, new int[] {cell.at("/relocated/structures").asInt(), cell.at("/trimmed/structures").asInt()});
      households += cell.at("/relocated/households").asInt() + cell.at("/trimmed/households").asInt();
      if (!cell.get("id").isNull()) {
        assertThat(cell.get("name").asText()).isEqualTo(cell.get("id").asText());
        assertThat(cell.get("cluster").asText()).isEqualTo("K1");
      }
    }
    assertThat(answered.keySet()).containsExactly("C1", "C2").isEqualTo(expected.keySet());
    assertThat(answered.get("C1")).containsExactly(3, 0);
    assertThat(answered.get("C2")).containsExactly(0, 3);
    expected.forEach((cell, counts) -> assertThat(answered.get(cell)).as(cell).containsExactly(counts));
    assertThat(households).isEqualTo(impact.at("/relocated/households").asInt() + impact.at("/trimmed/households").asInt())
        .isEqualTo(1 + 2 + 3 + 4 + 5 + 6);
    assertThat(cells.get(0).at("/relocated/people").asInt()).isEqualTo(4 + 8 + 12);
    // clusters sum their cells
    int inClusters = 0;
    for (JsonNode k : clusters) {
      inClusters += k.at("/relocated/structures").asInt() + k.at("/trimmed/structures").asInt();
      assertThat(k.get("id").asText()).isEqualTo("K1");
    }
    assertThat(inClusters).isEqualTo(relocated + trimmed);

    // impacts and conflicts also come as CSV tables of the plan's export
    r = admin.get(BASE + "/plans/wide-lane/export?format=csv&layers=impacts,conflicts");
    assertThat(r.statusCode()).isEqualTo(200);
    Map<String, String> files = new TreeMap<>();
    try (ZipInputStream z = new ZipInputStream(new ByteArrayInputStream(r.body()))) {
      for (var e = z.getNextEntry(); e != null; e = z.getNextEntry()) {
        files.put(e.getName(), new String(z.readAllBytes(), StandardCharsets.UTF_8));
      }
    }
    assertThat(files).containsOnlyKeys("impacts.csv", "conflicts.csv");
    assertThat(files.get("impacts.csv")).isEqualTo(new String(admin.get(BASE + "/plans/wide-lane/impact?f=csv").body(), StandardCharsets.UTF_8));
    String[] conflictRows = files.get("conflicts.csv").split("\r\n");
    assertThat(conflictRows[0]).isEqualTo("fid,type,severity,check,primary_id,features,measured,norm,unit,sentence,wkt");
    assertThat(conflictRows.length - 1).isEqualTo(Integer.parseInt(
        server.database().scalar("SELECT count(*)::text FROM conflict WHERE settlement_id = 'mini' AND plan_id = 'wide-lane'")));
    assertThat(files.get("conflicts.csv")).contains(",corridor_relocation,", "structures:", "footpaths:");
    Problems.assertBadParameter(admin.get(BASE + "/plans/wide-lane/export?format=gpkg&layers=conflicts"), "layers", "CSV only");

    String table = new String(admin.get(BASE + "/plans/wide-lane/impact?f=csv").body());
    JsonNode first = cells.get(0);
    assertThat(table).contains("wide-lane,representation_cell_relocated,C1,3,6,24\n", "wide-lane,representation_cluster_trimmed,K1,3,15,");
  }
}
