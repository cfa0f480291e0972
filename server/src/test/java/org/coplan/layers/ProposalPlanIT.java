package org.coplan.layers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.coplan.testing.Problems.assertNotFound;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.coplan.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A proposal plan sees the baseline through its own edits: one structure changed, one removed, one
 * added, written straight into this class's own database as the editing API will store them.
 */
class ProposalPlanIT {
  static final TestServer server = TestServer.start();
  static final String PROPOSAL = "/api/settlements/tandale/plans/widen-lanes/collections/structures/items";
  static final String BASELINE = "/api/settlements/tandale/plans/baseline/collections/structures/items";
  static String changed;
  static String removed;
  static final String ADDED = "11111111-2222-4333-8444-555555555555";

  @BeforeAll
  static void propose() throws SQLException {
    JsonNode first = server.getJson(BASELINE + "?limit=2").get("features");
    changed = first.get(0).get("id").asText();
    removed = first.get(1).get("id").asText();
    try (Connection c = server.database().dataSource().getConnection()) {
      execute(c, "INSERT INTO plan (settlement_id, id, name, status, based_on)"
          + " VALUES ('tandale', 'widen-lanes', 'Widen the lanes', 'draft', 'baseline')");
      String copy = "INSERT INTO structures (settlement_id, plan_id, id, version, deleted, geom, use, households, people)"
          + " SELECT settlement_id, 'widen-lanes', id, version + 1, ?, geom, ?, households, people FROM structures"
          + " WHERE plan_id = 'baseline' AND id = ?::uuid";
      try (PreparedStatement ps = c.prepareStatement(copy)) {
        ps.setBoolean(1, false);
        ps.setString(2, "commercial");
        ps.setString(3, changed);
        ps.executeUpdate();
        ps.setBoolean(1, true);
        ps.setString(2, "residential");
        ps.setString(3, removed);
        ps.executeUpdate();
      }
      execute(c, "INSERT INTO structures (settlement_id, plan_id, id, geom, use) VALUES ('tandale', 'widen-lanes', '"
          + ADDED + "', ST_GeomFromText('POLYGON((39.24 -6.8, 39.2401 -6.8, 39.2401 -6.7999, 39.24 -6.8))', 4326), 'school')");
    }
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  @Test
  void theProposalCountsItsAdditionsAndRemovals() {
    JsonNode page = server.getJson(PROPOSAL + "?limit=10000");
    assertThat(page.get("numberMatched").asLong()).isEqualTo(8085);
    List<String> ids = new ArrayList<>();
    page.get("features").forEach(f -> ids.add(f.get("id").asText()));
    assertThat(ids).hasSize(8085).doesNotHaveDuplicates().contains(changed, ADDED).doesNotContain(removed);
    assertThat(server.getJson(BASELINE + "?limit=1").get("numberMatched").asLong()).isEqualTo(8085);
  }

  @Test
  void theChangedStructureShowsItsNewVersionInTheProposalOnly() {
    HttpResponse<byte[]> proposed = server.get(PROPOSAL + "/" + changed);
    assertThat(proposed.headers().firstValue("ETag")).hasValue("\"" + changed + "-v2\"");
    assertThat(TestServer.json(proposed).at("/properties/use").asText()).isEqualTo("commercial");
    HttpResponse<byte[]> baseline = server.get(BASELINE + "/" + changed);
    assertThat(baseline.headers().firstValue("ETag")).hasValue("\"" + changed + "-v1\"");
  }

  @Test
  void theRemovedStructureIsGoneFromTheProposalOnly() {
    assertNotFound(server.get(PROPOSAL + "/" + removed),
        "collection 'structures' of plan 'widen-lanes' of settlement 'tandale' has no feature '" + removed + "'");
    assertThat(server.get(BASELINE + "/" + removed).statusCode()).isEqualTo(200);
    assertThat(server.get(BASELINE + "/" + ADDED).statusCode()).isEqualTo(404);
  }

  @Test
  void bboxFiltersTheProposalsView() {
    JsonNode page = server.getJson(PROPOSAL + "?bbox=39.23999,-6.80001,39.24011,-6.79989&limit=1000");
    List<String> ids = new ArrayList<>();
    page.get("features").forEach(f -> ids.add(f.get("id").asText()));
    assertThat(ids).contains(ADDED);
  }

  private static void execute(Connection c, String sql) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.executeUpdate();
    }
  }
}
