package org.coplan.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;
import org.coplan.testing.Requests;
import org.coplan.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The analysis on the real Tandale data, held against plain PostGIS SQL on the same rows: the
 * existing paths that cross footprints, and the corridor hits of paths a plan proposes.
 */
class TandaleAnalysisIT {
  static final TestServer server = TestServer.start();
  static final String SID = "tandale";
  static final String BASE = "/api/settlements/" + SID;

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  private Set<String> pairs(String sql, Object... values) {
    Set<String> out = new TreeSet<>();
    try (Connection c = server.database().dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < values.length; i++) {
        ps.setObject(i + 1, values[i]);
      }
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(rs.getString(1) + " " + rs.getString(2));
        }
      }
    } catch (SQLException e) {
      throw new AssertionError(e);
    }
    return out;
  }

  /** (structure, path) pairs of the stored conflicts of some types. */
  private Set<String> conflictPairs(String pid, String... types) {
    return pairs(
        "SELECT s->>'id', p->>'id' FROM conflict c, jsonb_array_elements(c.features) s, jsonb_array_elements(c.features) p"
            + " WHERE c.settlement_id = ? AND c.plan_id = ? AND c.type = ANY(?)"
            + " AND s->>'layer' = 'structures' AND p->>'layer' = 'footpaths'",
        SID, pid, types);
  }

  @Test
  void everyExistingPathCrossingAFootprintIsADataQualityConflictAndNoRelocation() {
    JsonNode status = server.getJson(BASE + "/plans/baseline/analysis");
    assertThat(status.get("sequence").asLong()).isPositive();
    Set<String> sql = pairs(
        "SELECT s.id::text, p.id::text FROM plan_structures(?, 'baseline') s JOIN plan_footpaths(?, 'baseline') p"
            + " ON s.geom && p.geom AND ST_Crosses(ST_Transform(p.geom, 32737), ST_Transform(s.geom, 32737))"
            + " WHERE p.state IN ('existing', 'built')",
        SID, SID);
    Set<String> engine = conflictPairs("baseline", "path_crosses_structure");
    assertThat(engine).isEqualTo(sql);
    assertThat(sql).hasSize(81);
    assertThat(sql.stream().map(p -> p.split(" ")[1]).distinct().count()).isEqualTo(52);
    JsonNode impact = server.getJson(BASE + "/plans/baseline/impact");
    // relocations come from corridors and no-build constraints only, never from mapping mismatches
    long relocations = Long.parseLong(server.database().scalar(
        "SELECT count(DISTINCT primary_id)::text FROM conflict WHERE settlement_id = ? AND plan_id = 'baseline'"
            + " AND type IN ('corridor_relocation', 'constraint_no_build')", SID));
    assertThat(impact.at("/impact/relocated/structures").asLong()).isEqualTo(relocations);
    assertThat(impact.at("/impact/byReason").has("path_crosses_structure")).isFalse();
  }

  @Test
  void everyConflictOfAFullAnalysisIsStoredAcrossTheWriteBatches() {
    JsonNode status = server.getJson(BASE + "/plans/baseline/analysis");
    long found = status.get("conflicts").asLong();
    long stored = Long.parseLong(server.database().scalar(
        "SELECT count(*)::text FROM conflict WHERE settlement_id = ? AND plan_id = 'baseline'", SID));
    // more than one batch, so that the boundaries between them are crossed
    assertThat(found).isGreaterThan(AnalysisRepository.WRITE_BATCH);
    assertThat(stored).isEqualTo(found);
    assertThat(Long.parseLong(server.database().scalar(
        "SELECT count(DISTINCT (primary_id, type, features::text, geom))::text FROM conflict WHERE settlement_id = ? AND plan_id = 'baseline'",
        SID))).as("no batch written twice").isEqualTo(found);
  }

  @Test
  void corridorHitsOfProposedPathsEqualPostgisOnTheSameData() {
    HttpResponse<byte[]> r = Requests.send(server, "POST", BASE + "/plans", Requests.JSON, "{\"id\":\"corridors\",\"name\":\"Corridors\"}");
    assertThat(r.statusCode()).isEqualTo(201);
    // one path in eight becomes a proposal of the plan (its own row), wider than mapped
    server.database().execute(
        "INSERT INTO footpaths (settlement_id, plan_id, id, geom, name, class, width_m, surface, state)"
            + " SELECT settlement_id, 'corridors', id, geom, name, class, width_m + 1.5, surface, 'proposed'"
            + " FROM footpaths WHERE settlement_id = ? AND plan_id = 'baseline' AND fid % 8 = 0",
        SID);
    JsonNode status = TestServer.json(Requests.send(server, "POST", BASE + "/plans/corridors/analysis", null, null));
    assertThat(status.get("conflicts").asInt()).isPositive();
    int srid = Integer.parseInt(server.database().scalar("SELECT metric_srid::text FROM settlement WHERE id = ?", SID));
    Set<String> sql = pairs(
        "WITH c AS MATERIALIZED ("
            + "  SELECT p.id, ST_Buffer(ST_Transform(p.geom, ?), p.width_m::float8 / 2 + 0.5) AS g"
            + "  FROM plan_footpaths(?, 'corridors') p WHERE p.state IN ('proposed', 'agreed') OR p.plan_id <> 'baseline')"
            + " SELECT s.id::text, c.id::text FROM c JOIN plan_structures(?, 'corridors') s"
            + " ON ST_Intersects(c.g, ST_Transform(s.geom, ?)) AND NOT ST_Touches(c.g, ST_Transform(s.geom, ?))",
        srid, SID, SID, srid, srid);
    Set<String> engine = conflictPairs("corridors", "corridor_trim", "corridor_relocation");
    assertThat(sql).hasSizeGreaterThan(50);
    // the index-using SQL of the benchmark finds exactly the same pairs
    assertThat(pairs(PostgisCorridorSql.PAIRS, srid, 0.5, SID, "corridors", srid, SID, "corridors")).isEqualTo(sql);
    Set<String> extra = new TreeSet<>(engine);
    extra.removeAll(sql);
    Set<String> missing = new TreeSet<>(sql);
    missing.removeAll(engine);
    assertThat(extra).as("engine only").isEmpty();
    assertThat(missing).as("PostGIS only").isEmpty();

    Set<String> cut = new HashSet<>();
    sql.forEach(p -> cut.add(p.split(" ")[0]));
    // the representation: every cut structure now speaks through one cell of one cluster of one
    // segment (the demo links some structures to its own cells already: those links move)
    server.database().execute(
        "INSERT INTO rep_unit (settlement_id, id, level, name, parent_id) VALUES (?, 'it-S1', 'segment', 'Segment 1', NULL),"
            + " (?, 'it-K1', 'cluster', 'Cluster 1', 'it-S1'), (?, 'it-C1', 'cell', 'Cell 1', 'it-K1')", SID, SID, SID);
    server.database().execute(
        "INSERT INTO structure_cell (settlement_id, structure_id, cell_id) SELECT ?, u::uuid, 'it-C1' FROM unnest(?::text[]) u"
            + " ON CONFLICT (settlement_id, structure_id) DO UPDATE SET cell_id = excluded.cell_id",
        SID, cut.toArray(String[]::new));
    JsonNode impact = server.getJson(BASE + "/plans/corridors/impact");
    int relocated = impact.at("/impact/relocated/structures").asInt();
    int trimmed = impact.at("/impact/trimmed/structures").asInt();
    for (String level : new String[] {"cell/it-C1", "cluster/it-K1", "segment/it-S1"}) {
      String[] at = level.split("/");
      JsonNode group = impact.at("/impact/byGroup/" + at[0]);
      assertThat(group.path(at[1] + " relocated").path("structures").asInt() + group.path(at[1] + " trimmed").path("structures").asInt())
          .as(level).isEqualTo(cut.size());
    }
    long corridorConflicts = Long.parseLong(server.database().scalar(
        "SELECT count(DISTINCT primary_id)::text FROM conflict WHERE settlement_id = ? AND plan_id = 'corridors'"
            + " AND type IN ('corridor_relocation', 'corridor_trim')", SID));
    assertThat(corridorConflicts).isEqualTo(cut.size());
    long affected = Long.parseLong(server.database().scalar(
        "SELECT count(DISTINCT primary_id)::text FROM conflict WHERE settlement_id = ? AND plan_id = 'corridors'"
            + " AND type IN ('corridor_relocation', 'corridor_trim', 'constraint_no_build')"
            + " AND features -> 0 ->> 'layer' = 'structures'", SID));
    assertThat(relocated + trimmed).isEqualTo(affected);
    assertThat(impact.at("/impact/byReason/corridor_relocation/structures").asInt()
        + impact.at("/impact/byReason/corridor_trim/structures").asInt()).isEqualTo(cut.size());
    assertThat(impact.at("/impact/brings/pathLengthAddedM").asDouble()).isZero();

    HttpResponse<byte[]> csv = server.get(BASE + "/plans/corridors/impact?f=csv");
    assertThat(csv.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
    assertThat(new String(csv.body())).startsWith("plan,measure,group,structures,households,people\n")
        .contains("corridors,relocated,," + relocated + ",");

    JsonNode compare = server.getJson(BASE + "/compare?plans=baseline,corridors");
    assertThat(compare.at("/plans/0/plan").asText()).isEqualTo("baseline");
    assertThat(compare.at("/plans/1/relocated/structures").asInt()).isEqualTo(relocated);
  }

  @Test
  void theConflictsCollectionPagesAndFiltersByBbox() {
    JsonNode page = server.getJson(BASE + "/plans/baseline/collections/conflicts/items?limit=5");
    assertThat(page.get("numberReturned").asInt()).isEqualTo(5);
    long all = page.get("numberMatched").asLong();
    assertThat(all).isGreaterThan(81);
    JsonNode first = page.at("/features/0");
    assertThat(first.at("/properties/sentence").asText()).isNotBlank();
    assertThat(first.at("/geometry/type").asText()).isNotBlank();
    JsonNode point = first.at("/geometry/coordinates");
    while (point.get(0).isArray()) {
      point = point.get(0);
    }
    double lon = point.get(0).asDouble();
    double lat = point.get(1).asDouble();
    JsonNode boxed = server.getJson(BASE + "/plans/baseline/collections/conflicts/items?limit=1&bbox="
        + (lon - 0.0005) + "," + (lat - 0.0005) + "," + (lon + 0.0005) + "," + (lat + 0.0005));
    assertThat(boxed.get("numberMatched").asLong()).isPositive().isLessThan(all);
    assertThat(server.get(BASE + "/plans/baseline/collections/conflicts/items?bbox=1,2,3").statusCode()).isEqualTo(400);
  }

  @Test
  void conflictSentencesAreReadInSwahiliByParameterOrHeaderAndInEnglishOtherwise() {
    String page = BASE + "/plans/baseline/collections/conflicts/items?limit=300";
    JsonNode english = server.getJson(page);
    JsonNode byParameter = server.getJson(page + "&lang=sw");
    JsonNode byHeader = server.getJson(page, "Accept-Language", "sw-TZ,sw;q=0.9,en;q=0.5");
    assertThat(byParameter.get("numberReturned").asInt()).isEqualTo(english.get("numberReturned").asInt()).isPositive();
    Set<String> types = new TreeSet<>();
    for (int i = 0; i < english.get("numberReturned").asInt(); i++) {
      JsonNode en = english.at("/features/" + i + "/properties");
      JsonNode sw = byParameter.at("/features/" + i + "/properties");
      // the same conflict, only its sentence in another language
      assertThat(sw.get("type")).isEqualTo(en.get("type"));
      assertThat(sw.get("params")).isEqualTo(en.get("params"));
      assertThat(sw.get("sentence").asText()).isNotEqualTo(en.get("sentence").asText()).doesNotContain("{")
          .doesNotContain(" the ", " from ", " inside ", " along the paths");
      assertThat(byHeader.at("/features/" + i + "/properties/sentence")).isEqualTo(sw.get("sentence"));
      types.add(sw.get("type").asText());
    }
    assertThat(types).as("several kinds of sentence were read").hasSizeGreaterThan(1);
    assertThat(byParameter.at("/features").findValuesAsText("sentence")).anyMatch(s -> s.startsWith("Jengo "));
    HttpResponse<byte[]> sw = server.get(page + "&lang=sw");
    assertThat(sw.headers().firstValue("Content-Language")).hasValue("sw");
    assertThat(sw.headers().allValues("Vary").toString()).contains("Accept-Language");
    // a language we do not have falls back to English
    assertThat(server.getJson(page + "&lang=fr", "Accept-Language", "fr").at("/features/0/properties/sentence"))
        .isEqualTo(english.at("/features/0/properties/sentence"));
  }

  @Test
  void theSettlementDetailReportsIndicatorsFromTheBaselineAnalysis() {
    JsonNode first = server.getJson(BASE).get("indicators");
    // the first ask starts the baseline analysis in the background (unless a test ran it already)
    assertThat(first.get("state").asText()).isIn("analysing", "analysed");
    // asking for the analysis waits for it; then the detail carries the indicators
    server.getJson(BASE + "/plans/baseline/analysis");
    JsonNode indicators = server.getJson(BASE).get("indicators");
    assertThat(indicators.get("state").asText()).isEqualTo("analysed");
    long n = Long.parseLong(server.database().scalar(
        "SELECT count(*)::text FROM plan_structures(?, 'baseline')", SID));
    assertThat(indicators.get("structures").asLong()).isEqualTo(n);
    double area = Double.parseDouble(server.database().scalar(
        "SELECT (ST_Area(ST_Transform(boundary, metric_srid)) / 10000)::text FROM settlement WHERE id = ?", SID));
    assertThat(indicators.get("areaHa").asDouble()).isCloseTo(area, org.assertj.core.data.Offset.offset(0.01));
    assertThat(indicators.get("structuresPerHa").asDouble()).isCloseTo(n / area, org.assertj.core.data.Offset.offset(0.1));
    // the shares are those of the stored conflicts
    assertThat(indicators.get("shareInNoBuild").asDouble()).isCloseTo(storedShare(n, "constraint_no_build"), within());
    assertThat(indicators.get("shareOutsideWater").asDouble()).isCloseTo(storedShare(n, "water_access", "not_connected"), within());
    assertThat(indicators.get("shareOutsideFire").asDouble()).isCloseTo(storedShare(n, "fire_access", "not_connected"), within());
    assertThat(indicators.get("shareWithoutFrontage").asDouble()).isCloseTo(storedShare(n, "no_frontage"), within());
    assertThat(indicators.get("shareWithoutFrontage").asDouble()).isPositive();
  }

  private static org.assertj.core.data.Offset<Double> within() {
    return org.assertj.core.data.Offset.offset(0.0001);
  }

  private static double storedShare(long n, String... types) {
    return Long.parseLong(server.database().scalar(
        "SELECT count(DISTINCT c.primary_id)::text FROM conflict c JOIN plan_structures(?, 'baseline') s ON s.id = c.primary_id"
            + " WHERE c.settlement_id = ? AND c.plan_id = 'baseline' AND c.type = ANY(?)", SID, SID, types)) / (double) n;
  }

  @Test
  void deepBlocksAreFiledUnderTheirBlockWithTheDeepestStructures() {
    server.getJson(BASE + "/plans/baseline/analysis");
    String figures = server.database().scalar(
        "SELECT count(*) || ' blocks deeper than ' || min(norm) || ', depths ' || min(measured) || '-' || max(measured)"
            + " || ', ' || sum(jsonb_array_length(features)) || ' deepest structures, median depth '"
            + " || percentile_disc(0.5) WITHIN GROUP (ORDER BY measured)"
            + " FROM conflict WHERE settlement_id = ? AND plan_id = 'baseline' AND type = 'block_depth'", SID);
    System.out.println("Tandale block depth: " + figures);
    long deep = Long.parseLong(server.database().scalar(
        "SELECT count(*)::text FROM conflict WHERE settlement_id = ? AND plan_id = 'baseline' AND type = 'block_depth'"
            + " AND measured > norm AND norm = 2 AND GeometryType(geom) = 'POLYGON' AND jsonb_array_length(features) > 0",
        SID));
    long all = Long.parseLong(server.database().scalar(
        "SELECT count(*)::text FROM conflict WHERE settlement_id = ? AND plan_id = 'baseline' AND type = 'block_depth'", SID));
    assertThat(deep).isPositive().isEqualTo(all);
    // the deepest structures of a block are structures of the plan
    assertThat(server.database().scalar(
        "SELECT count(*)::text FROM conflict c, jsonb_array_elements(c.features) f WHERE c.settlement_id = ?"
            + " AND c.plan_id = 'baseline' AND c.type = 'block_depth' AND (f->>'layer' <> 'structures'"
            + " OR NOT EXISTS (SELECT 1 FROM plan_structures(?, 'baseline') s WHERE s.id::text = f->>'id'))", SID, SID))
        .isEqualTo("0");
  }

  @Test
  void ruleSetsValidateEveryFieldAndAreVersioned() {
    JsonNode preset = server.getJson(BASE + "/rules");
    assertThat(preset.get("preset").asText()).isEqualTo("cape-town");
    assertThat(preset.at("/rules/water/max_walk_m").asInt()).isEqualTo(200);
    HttpResponse<byte[]> bad = Requests.send(server, "PUT", BASE + "/rules", Requests.JSON,
        "{\"preset\":\"custom\",\"rules\":{\"water\":{\"max_walk_m\":-1,\"taps\":3},\"corridor\":{\"min_remaining_share\":\"x\"},"
            + "\"access\":{\"max_block_depth\":0}}}");
    assertThat(bad.statusCode()).isEqualTo(422);
    JsonNode problem = TestServer.json(bad);
    Set<String> pointers = new TreeSet<>();
    problem.get("errors").forEach(e -> pointers.add(e.get("pointer").asText()));
    assertThat(pointers).containsExactly("/rules/access/max_block_depth", "/rules/corridor/min_remaining_share", "/rules/water/max_walk_m",
        "/rules/water/taps");
    HttpResponse<byte[]> ok = Requests.send(server, "PUT", BASE + "/rules", Requests.JSON,
        "{\"preset\":\"sphere\",\"rules\":{\"water\":{\"max_walk_m\":400}},\"reason\":\"agreed at the forum\"}");
    assertThat(ok.statusCode()).as(new String(ok.body())).isEqualTo(200);
    assertThat(TestServer.json(ok).at("/rules/water/max_walk_m").asInt()).isEqualTo(400);
    assertThat(TestServer.json(ok).at("/rules/toilet/max_walk_m").asInt()).isEqualTo(50);
    assertThat(server.database().scalar(
        "SELECT reason FROM rule_set_version WHERE settlement_id = ? ORDER BY version DESC LIMIT 1", SID)).isEqualTo("agreed at the forum");
    // back to the defaults so the other tests see Cape Town figures
    Requests.send(server, "PUT", BASE + "/rules", Requests.JSON, "{\"preset\":\"cape-town\"}");
  }
}
