package org.coplan.review;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.HashSet;
import java.util.Set;
import org.coplan.testing.Problems;
import org.coplan.testing.Requests;
import org.coplan.testing.SignedIn;
import org.coplan.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Representation as data: the demo's derived cells, clusters and segments; creating, changing,
 * deleting units; assigning structures; the CSV import and its row-level report; and a plan's
 * proposals with the structures, households, cells and clusters each touches, checked against
 * PostGIS computed independently in the test.
 */
class RepresentationIT {
  static final TestServer server = TestServer.start();
  static final String REP = "/api/settlements/tandale/representation";

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  @Test
  void theDemoHasCellsOfAboutTenHouseholdsInClustersInSegments() {
    JsonNode rep = server.getJson(REP);
    long structures = Requests.count(server, "SELECT count(*) FROM structures WHERE settlement_id = 'tandale' AND plan_id = 'baseline' AND NOT deleted");
    long households = Requests.count(server, "SELECT coalesce(sum(households), 0) FROM structures WHERE settlement_id = 'tandale' AND plan_id = 'baseline' AND NOT deleted");
    JsonNode cells = rep.get("cells");
    assertThat(cells.size()).isGreaterThan(10);
    long inCells = 0;
    long householdsInCells = 0;
    Set<String> clusters = new HashSet<>();
    for (JsonNode cell : cells) {
      inCells += cell.get("structures").asLong();
      householdsInCells += cell.get("households").asLong();
      clusters.add(cell.get("parentId").asText());
    }
    // every structure is in exactly one cell
    assertThat(inCells).isEqualTo(structures);
    assertThat(householdsInCells).isEqualTo(households);
    // cells are cut after the tenth household: on average about ten
    assertThat((double) households / cells.size()).isBetween(9.0, 14.0);
    assertThat(rep.get("clusters").size()).isEqualTo(clusters.size());
    Set<String> segments = new HashSet<>(rep.get("segments").findValuesAsText("id"));
    for (JsonNode cluster : rep.get("clusters")) {
      assertThat(segments).contains(cluster.get("parentId").asText());
    }
    long segmentHouseholds = 0;
    for (JsonNode segment : rep.get("segments")) {
      segmentHouseholds += segment.get("households").asLong();
    }
    assertThat(segmentHouseholds).isEqualTo(households);
    // deterministic: derived again from the same data in a fresh settlement copy, the same cells
    String first = server.database().scalar("SELECT string_agg(structure_id::text, ',' ORDER BY structure_id) FROM structure_cell WHERE cell_id = 'C0001'");
    server.database().execute("DELETE FROM structure_cell WHERE settlement_id = 'tandale'");
    server.database().execute("DELETE FROM rep_unit WHERE settlement_id = 'tandale' AND level = 'cell'");
    server.database().execute("DELETE FROM rep_unit WHERE settlement_id = 'tandale' AND level = 'cluster'");
    server.database().execute("DELETE FROM rep_unit WHERE settlement_id = 'tandale'");
    server.database().scalar("SELECT coplan_derive_representation('tandale')::text");
    assertThat(server.database().scalar("SELECT string_agg(structure_id::text, ',' ORDER BY structure_id) FROM structure_cell WHERE cell_id = 'C0001'")).isEqualTo(first);
  }

  @Test
  void planersCreateChangeAndDeleteUnitsInTheirLevels() {
    SignedIn admin = server.admin();
    HttpResponse<byte[]> r = admin.request("PUT", REP + "/units/seg-x", "{\"level\":\"segment\",\"name\":\"Mtogole\"}");
    assertThat(r.statusCode()).isEqualTo(201);
    r = admin.request("PUT", REP + "/units/clu-x", "{\"level\":\"cluster\",\"name\":\"Cluster by the river\",\"parent\":\"seg-x\"}");
    assertThat(r.statusCode()).isEqualTo(201);
    r = admin.request("PUT", REP + "/units/cell-x", "{\"level\":\"cell\",\"name\":\"Cell X\",\"parent\":\"clu-x\",\"representative\":\"Mama Asha\"}");
    assertThat(TestServer.json(r).get("representative").asText()).isEqualTo("Mama Asha");
    // a cell directly under a segment is refused, with the reason
    r = admin.request("PUT", REP + "/units/cell-y", "{\"level\":\"cell\",\"name\":\"Cell Y\",\"parent\":\"seg-x\"}");
    assertThat(Problems.assertProblem(r, 422, "invalid-content").toString()).contains("a cell belongs to a cluster");
    // renaming answers 200
    r = admin.request("PUT", REP + "/units/cell-x", "{\"level\":\"cell\",\"name\":\"Cell X renamed\",\"parent\":\"clu-x\"}");
    assertThat(r.statusCode()).isEqualTo(200);
    // a structure into the cell; then the cluster cannot be deleted while it holds the cell
    String structure = server.database().scalar("SELECT id::text FROM structures WHERE settlement_id = 'tandale' AND households > 0 ORDER BY fid LIMIT 1");
    assertThat(admin.request("PUT", REP + "/structures/" + structure, "{\"cell\":\"cell-x\"}").statusCode()).isEqualTo(204);
    assertThat(server.database().scalar("SELECT cell_id FROM structure_cell WHERE structure_id = ?::uuid", structure)).isEqualTo("cell-x");
    Problems.assertProblem(admin.request("PUT", REP + "/structures/" + structure, "{\"cell\":\"clu-x\"}"), 422, "invalid-content");
    Problems.assertProblem(admin.request("DELETE", REP + "/units/clu-x", null), 409, "conflict");
    JsonNode cell = find(server.getJson(REP).get("cells"), "cell-x");
    assertThat(cell.get("structures").asInt()).isEqualTo(1);
    assertThat(cell.get("households").asLong())
        .isEqualTo(Requests.count(server, "SELECT households FROM structures WHERE id = ?::uuid AND plan_id = 'baseline'", structure));
    // an empty unit can go
    admin.request("PUT", REP + "/units/empty-cell", "{\"level\":\"cell\",\"name\":\"Empty\"}");
    assertThat(admin.request("DELETE", REP + "/units/empty-cell", null).statusCode()).isEqualTo(204);
    assertThat(find(server.getJson(REP).get("cells"), "empty-cell")).isNull();
  }

  @Test
  void csvImportAppliesGoodRowsAndReportsEveryBadOneByLine() {
    String a = server.database().scalar("SELECT id::text FROM structures WHERE settlement_id = 'tandale' ORDER BY fid LIMIT 1 OFFSET 10");
    String b = server.database().scalar("SELECT id::text FROM structures WHERE settlement_id = 'tandale' ORDER BY fid LIMIT 1 OFFSET 11");
    String csv = "segment,cluster,cell,structure_id\n"
        + "IMP-S,IMP-K,IMP-C1," + a + "\n"
        + "IMP-S,IMP-K,\"IMP-C2\"," + b + "\n"
        + "IMP-S,IMP-K,IMP-C3,not-a-uuid\n"
        + "IMP-S,IMP-K,IMP-C3,00000000-0000-0000-0000-000000000000\n"
        + "IMP-S,IMP-C1,IMP-C4," + a + "\n"
        + "IMP-S,IMP-K,bad id!," + a + "\n";
    HttpResponse<byte[]> r = server.admin().request("POST", REP + "/import", csv, "Content-Type", "text/csv");
    assertThat(r.statusCode()).as(new String(r.body())).isEqualTo(200);
    JsonNode report = TestServer.json(r);
    assertThat(report.get("rows").asInt()).isEqualTo(6);
    assertThat(report.get("imported").asInt()).isEqualTo(2);
    assertThat(report.get("errors").findValuesAsText("line")).containsExactly("4", "5", "6", "7");
    assertThat(report.get("errors").get(0).get("detail").asText()).contains("not a structure id");
    assertThat(report.get("errors").get(1).get("detail").asText()).contains("has no structure");
    assertThat(report.get("errors").get(2).get("detail").asText()).contains("is a cell, not a cluster");
    assertThat(server.database().scalar("SELECT cell_id FROM structure_cell WHERE structure_id = ?::uuid", b)).isEqualTo("IMP-C2");
    assertThat(server.database().scalar("SELECT parent_id FROM rep_unit WHERE id = 'IMP-K'")).isEqualTo("IMP-S");
    // a header without the columns: nothing applied, one problem
    Problems.assertProblem(server.admin().request("POST", REP + "/import", "a,b\n1,2\n", "Content-Type", "text/csv"), 422, "invalid-content");
  }

  @Test
  void proposalsNameTheStructuresTheirCorridorCutsWithHouseholdsCellsAndClusters() {
    SignedIn admin = server.admin();
    assertThat(admin.request("POST", "/api/settlements/tandale/plans", "{\"id\":\"through\",\"name\":\"Through the block\"}").statusCode()).isEqualTo(201);
    // a 3 m lane across a dense part of Tandale, centred on a dwelling
    JsonNode centre = Requests.json(server.database().scalar(
        "SELECT ST_AsGeoJSON(ST_PointOnSurface(geom)) FROM structures WHERE settlement_id = 'tandale' AND households > 0 ORDER BY fid LIMIT 1 OFFSET 500"));
    double lon = centre.get("coordinates").get(0).asDouble();
    double lat = centre.get("coordinates").get(1).asDouble();
    String items = "/api/settlements/tandale/plans/through/collections/footpaths/items";
    HttpResponse<byte[]> r = admin.request("POST", items,
        Requests.feature(Requests.line(lon - 0.0004, lat, lon + 0.0004, lat), Requests.footpath("lane", 3.0)), "Content-Type", Requests.GEOJSON);
    assertThat(r.statusCode()).as(new String(r.body())).isEqualTo(201);
    String location = r.headers().firstValue("Location").orElseThrow();
    String footpathId = location.substring(location.lastIndexOf('/') + 1);

    JsonNode proposals = server.getJson("/api/settlements/tandale/plans/through/proposals").get("proposals");
    assertThat(proposals).hasSize(1);
    JsonNode p = proposals.get(0);
    assertThat(p.get("id").asText()).isEqualTo(footpathId);
    assertThat(p.get("features").get(0).get("action").asText()).isEqualTo("added");
    // independently: baseline structures overlapping the 1.5 m buffer of the line in UTM
    String expected = server.database().scalar(
        "SELECT string_agg(s.id::text, ',' ORDER BY s.id) FROM structures s, settlement t, footpaths f"
            + " WHERE t.id = 'tandale' AND s.settlement_id = 'tandale' AND s.plan_id = 'baseline' AND f.id = ?::uuid"
            + " AND ST_Area(ST_Intersection(ST_Transform(s.geom, t.metric_srid), ST_Buffer(ST_Transform(f.geom, t.metric_srid), 1.5))) > 0.01",
        footpathId);
    Set<String> touched = new HashSet<>(p.get("structures").findValuesAsText("id"));
    assertThat(expected).isNotNull();
    assertThat(touched).containsExactlyInAnyOrder(expected.split(","));
    long households = Requests.count(server, "SELECT coalesce(sum(households), 0) FROM structures WHERE plan_id = 'baseline' AND id::text = ANY(string_to_array(?, ','))", expected);
    assertThat(p.get("households").asLong()).isEqualTo(households);
    // their cells and clusters, as the representation links them
    String cells = server.database().scalar("SELECT string_agg(DISTINCT cell_id, ',' ORDER BY cell_id) FROM structure_cell WHERE structure_id::text = ANY(string_to_array(?, ','))", expected);
    assertThat(p.get("cells").findValuesAsText("id")).containsExactly(cells.split(","));
    long cellHouseholds = 0;
    for (JsonNode c : p.get("cells")) {
      cellHouseholds += c.get("households").asLong();
    }
    assertThat(cellHouseholds).isEqualTo(households);
    String clusters = server.database().scalar("SELECT string_agg(DISTINCT parent_id, ',' ORDER BY parent_id) FROM rep_unit WHERE level = 'cell' AND id = ANY(string_to_array(?, ','))", cells);
    assertThat(p.get("clusters").findValuesAsText("id")).containsExactly(clusters.split(","));
    assertThat(p.get("structures").get(0).get("how").asText()).isEqualTo("overlapped");

    // grouped with a new water point: one named proposal
    r = admin.request("POST", "/api/settlements/tandale/plans/through/collections/services/items",
        Requests.feature("{\"type\":\"Point\",\"coordinates\":[" + (lon + 0.0004) + "," + (lat + 0.0001) + "]}", "{\"type\":\"water_point\",\"state\":\"proposed\"}"),
        "Content-Type", Requests.GEOJSON);
    assertThat(r.statusCode()).as(new String(r.body())).isEqualTo(201);
    String tap = r.headers().firstValue("Location").orElseThrow().replaceAll(".*/", "");
    r = admin.request("POST", "/api/settlements/tandale/plans/through/proposals",
        "{\"id\":\"lane-and-tap\",\"name\":\"Lane to the new tap\",\"features\":[{\"layer\":\"footpaths\",\"id\":\"" + footpathId + "\"},{\"layer\":\"services\",\"id\":\"" + tap + "\"}]}");
    assertThat(r.statusCode()).as(new String(r.body())).isEqualTo(201);
    proposals = server.getJson("/api/settlements/tandale/plans/through/proposals").get("proposals");
    assertThat(proposals).hasSize(1);
    assertThat(proposals.get(0).get("name").asText()).isEqualTo("Lane to the new tap");
    assertThat(proposals.get(0).get("features")).hasSize(2);
    assertThat(proposals.get(0).get("households").asLong()).isGreaterThanOrEqualTo(households);
    // features the plan has not changed cannot be grouped
    String baselineStructure = server.database().scalar("SELECT id::text FROM structures WHERE settlement_id = 'tandale' LIMIT 1");
    Problems.assertProblem(admin.request("POST", "/api/settlements/tandale/plans/through/proposals",
        "{\"name\":\"Nothing\",\"features\":[{\"layer\":\"structures\",\"id\":\"" + baselineStructure + "\"}]}"), 422, "invalid-content");

    // removing a dwelling in the plan: it is touched itself, "removed"
    String dwelling = server.database().scalar(
        "SELECT id::text FROM structures WHERE settlement_id = 'tandale' AND plan_id = 'baseline' AND households > 0 ORDER BY fid DESC LIMIT 1");
    String path = "/api/settlements/tandale/plans/through/collections/structures/items/" + dwelling;
    r = admin.request("DELETE", path, null, "If-Match", Requests.etag(server, path));
    assertThat(r.statusCode()).as(new String(r.body())).isEqualTo(204);
    JsonNode removal = find(server.getJson("/api/settlements/tandale/plans/through/proposals").get("proposals"), dwelling);
    assertThat(removal.get("features").get(0).get("action").asText()).isEqualTo("removed");
    assertThat(removal.get("structures").findValuesAsText("id")).contains(dwelling);
    assertThat(find(removal.get("structures"), dwelling).get("how").asText()).isEqualTo("removed");
  }

  @Test
  void groupingForOtherFeaturesSumsStructuresByCellAndCluster() throws Exception {
    try (var c = server.database().dataSource().getConnection()) {
      var ids = new java.util.ArrayList<java.util.UUID>();
      try (var rs = c.createStatement().executeQuery("SELECT structure_id FROM structure_cell WHERE cell_id IN ('C0002', 'C0003')")) {
        while (rs.next()) {
          ids.add(rs.getObject(1, java.util.UUID.class));
        }
      }
      RepresentationGrouping.Grouping g = RepresentationGrouping.of(c, "tandale", ids);
      assertThat(g.cells()).extracting(RepresentationGrouping.Share::id).containsExactly("C0002", "C0003");
      assertThat(g.cells().stream().mapToInt(RepresentationGrouping.Share::structures).sum()).isEqualTo(ids.size());
      assertThat(g.clusters().stream().mapToLong(RepresentationGrouping.Share::households).sum())
          .isEqualTo(g.cells().stream().mapToLong(RepresentationGrouping.Share::households).sum());
      assertThat(g.clusters()).extracting(RepresentationGrouping.Share::id).containsExactly("K001");
    }
  }

  static JsonNode find(JsonNode list, String id) {
    for (JsonNode n : list) {
      if (n.path("id").asText().equals(id)) {
        return n;
      }
    }
    return null;
  }
}
