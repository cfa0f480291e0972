package org.coplan.review;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;
import org.coplan.auth.Role;
import org.coplan.auth.UserAdmin;
import org.coplan.db.Jdbc;
import org.coplan.testing.Problems;
import org.coplan.testing.SignedIn;
import org.coplan.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Many structures into one cell in one request (what the map's box selection sends), all or none,
 * and the structures of a unit (what the map highlights): against the demo's derived cells in the
 * real database, with the refusals of bad input and of callers who are not planners.
 */
class CellMembershipIT {
  static final TestServer server = TestServer.start();
  static final String REP = "/api/settlements/tandale/representation";
  static final String PASSWORD = "cells passphrase 2026";
  static SignedIn planner;
  static SignedIn engineer;
  /** Four of the demo's cells with at least three structures each, one per test. */
  static List<String> cells;

  @BeforeAll
  static void setUp() {
    UserAdmin users = UserAdmin.open(new Jdbc(server.database().dataSource()), "cells-it");
    for (Object[] u : new Object[][] {{"neema", Role.PLANNER}, {"musa", Role.ENGINEER}}) {
      users.add((String) u[0], null, PASSWORD, false);
      users.setRole((String) u[0], "tandale", (Role) u[1]);
    }
    planner = SignedIn.login(server, "neema", PASSWORD);
    engineer = SignedIn.login(server, "musa", PASSWORD);
    newCell("cell-new");
    cells = List.of(cell(0), cell(1), cell(2), cell(3));
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  static void newCell(String id) {
    String cluster = server.database().scalar("SELECT id FROM rep_unit WHERE settlement_id = 'tandale' AND level = 'cluster' ORDER BY id LIMIT 1");
    assertThat(planner.request("PUT", REP + "/units/" + id, "{\"level\":\"cell\",\"name\":\"New cell\",\"parent\":\"" + cluster + "\"}").statusCode())
        .isEqualTo(201);
  }

  /** The {@code k}-th of the demo's cells (derived for every structure) that hold at least three structures. */
  static String cell(int k) {
    return server.database().scalar("SELECT cell_id FROM structure_cell WHERE settlement_id = 'tandale' AND cell_id ~ '^C[0-9]+$'"
        + " GROUP BY cell_id HAVING count(*) >= 3 ORDER BY cell_id OFFSET " + k + " LIMIT 1");
  }

  /** The first {@code n} structures of a cell, by id. */
  static List<String> structuresOf(String cell, int n) {
    return List.of(server.database().scalar(
        "SELECT string_agg(structure_id::text, ',' ORDER BY structure_id) FROM (SELECT structure_id FROM structure_cell"
            + " WHERE settlement_id = 'tandale' AND cell_id = ? ORDER BY structure_id LIMIT " + n + ") s", cell).split(","));
  }

  static String body(String cell, List<String> ids) {
    return "{\"cell\":" + (cell == null ? "null" : "\"" + cell + "\"") + ",\"structures\":[\"" + String.join("\",\"", ids) + "\"]}";
  }

  static String cellOf(String structure) {
    return server.database().scalar("SELECT cell_id FROM structure_cell WHERE settlement_id = 'tandale' AND structure_id = ?::uuid", structure);
  }

  @Test
  void aPlannerMovesManyStructuresIntoACellAtOnceAndTheUnitListsThem() {
    List<String> fromTwo = structuresOf(cells.get(0), 2);
    List<String> fromThree = structuresOf(cells.get(1), 3);
    List<String> ids = new java.util.ArrayList<>(fromTwo);
    ids.addAll(fromThree);
    ids.add(fromTwo.get(0)); // a repeat counts once
    HttpResponse<byte[]> r = planner.request("PUT", REP + "/structures", body("cell-new", ids));
    assertThat(r.statusCode()).isEqualTo(200);
    JsonNode done = TestServer.json(r);
    assertThat(done.get("cell").asText()).isEqualTo("cell-new");
    assertThat(done.get("structures").asInt()).isEqualTo(5);
    assertThat(done.get("moved").asInt()).isEqualTo(5);
    for (String id : ids) {
      assertThat(cellOf(id)).isEqualTo("cell-new");
    }
    assertThat(server.database().scalar("SELECT DISTINCT assigned_by FROM structure_cell WHERE cell_id = 'cell-new'")).isEqualTo("neema");

    JsonNode members = planner.getJson(REP + "/units/cell-new/structures");
    assertThat(members.get("level").asText()).isEqualTo("cell");
    List<String> listed = new java.util.ArrayList<>();
    members.get("structures").forEach(s -> listed.add(s.asText()));
    assertThat(listed).containsExactlyInAnyOrderElementsOf(new java.util.LinkedHashSet<>(ids));
    // the units' figures follow: the new cell holds five structures and their baseline households
    long households = Long.parseLong(server.database().scalar(
        "SELECT sum(households)::text FROM structures WHERE settlement_id = 'tandale' AND plan_id = 'baseline' AND id IN (SELECT structure_id FROM structure_cell WHERE cell_id = 'cell-new')"));
    JsonNode cell = null;
    for (JsonNode c : planner.getJson(REP).get("cells")) {
      if (c.get("id").asText().equals("cell-new")) {
        cell = c;
      }
    }
    assertThat(cell.get("structures").asInt()).isEqualTo(5);
    assertThat(cell.get("households").asLong()).isEqualTo(households);

    // a cluster lists the structures of its cells
    String cluster = cell.get("parentId").asText();
    JsonNode clusterMembers = server.getJson(REP + "/units/" + cluster + "/structures");
    assertThat(clusterMembers.get("level").asText()).isEqualTo("cluster");
    long inCluster = Long.parseLong(server.database().scalar(
        "SELECT count(*)::text FROM structure_cell sc JOIN rep_unit u ON u.settlement_id = sc.settlement_id AND u.id = sc.cell_id WHERE u.parent_id = ?", cluster));
    assertThat(clusterMembers.get("structures").size()).isEqualTo((int) inCluster).isGreaterThan(5);

    // again: nothing moves now; then out of every cell with null
    assertThat(TestServer.json(planner.request("PUT", REP + "/structures", body("cell-new", fromThree))).get("moved").asInt()).isZero();
    JsonNode out = TestServer.json(planner.request("PUT", REP + "/structures", body(null, fromThree)));
    assertThat(out.get("cell").isNull()).isTrue();
    assertThat(out.get("moved").asInt()).isEqualTo(3);
    assertThat(cellOf(fromThree.get(0))).isNull();
    assertThat(planner.getJson(REP + "/units/cell-new/structures").get("structures").size()).isEqualTo(2);
  }

  @Test
  void badInputIsRefusedWholeWithEveryFaultNamed() {
    List<String> known = structuresOf(cells.get(2), 2);
    String unknown = UUID.randomUUID().toString();
    // one unknown id among known ones: nothing is assigned, the fault points at it
    JsonNode p = Problems.assertProblem(planner.request("PUT", REP + "/structures", body("cell-new", List.of(known.get(0), unknown, known.get(1)))),
        422, "invalid-content");
    assertThat(p.get("errors")).hasSize(1);
    assertThat(p.at("/errors/0/pointer").asText()).isEqualTo("/structures/1");
    assertThat(p.at("/errors/0/detail").asText()).contains(unknown);
    assertThat(cellOf(known.get(0))).isEqualTo(cells.get(2));

    // not a UUID, not a cell, a cluster, missing members
    p = Problems.assertProblem(planner.request("PUT", REP + "/structures", "{\"cell\":\"cell-new\",\"structures\":[\"" + known.get(0) + "\", 7, \"x\"]}"),
        422, "invalid-content");
    assertThat(p.get("errors").findValuesAsText("pointer")).containsExactly("/structures/1", "/structures/2");
    p = Problems.assertProblem(planner.request("PUT", REP + "/structures", body("no-such-cell", known)), 422, "invalid-content");
    assertThat(p.at("/errors/0/pointer").asText()).isEqualTo("/cell");
    String cluster = server.database().scalar("SELECT id FROM rep_unit WHERE settlement_id = 'tandale' AND level = 'cluster' ORDER BY id LIMIT 1");
    p = Problems.assertProblem(planner.request("PUT", REP + "/structures", body(cluster, known)), 422, "invalid-content");
    assertThat(p.at("/errors/0/detail").asText()).contains("is not a cell");
    p = Problems.assertProblem(planner.request("PUT", REP + "/structures", "{\"structures\":[]}"), 422, "invalid-content");
    assertThat(p.get("errors").findValuesAsText("pointer")).containsExactlyInAnyOrder("/cell", "/structures");
    Problems.assertProblem(planner.request("PUT", REP + "/structures", "{\"cell\":"), 400, "malformed-json");
    assertThat(cellOf(known.get(1))).isEqualTo(cells.get(2));

    Problems.assertNotFound(planner.request("GET", REP + "/units/nobody/structures", null),
        "settlement 'tandale' has no representation unit 'nobody'");
  }

  @Test
  void onlyPlannersAssign() {
    List<String> ids = structuresOf(cells.get(3), 1);
    Problems.assertProblem(engineer.request("PUT", REP + "/structures", body("cell-new", ids)), 403, "forbidden");
    Problems.assertProblem(server.request("PUT", REP + "/structures", body("cell-new", ids)), 401, "unauthenticated");
    assertThat(cellOf(ids.get(0))).isEqualTo(cells.get(3));
    // reading is for whoever reads the settlement (the demo is public)
    assertThat(server.getJson(REP + "/units/" + cells.get(3) + "/structures").get("structures").size()).isPositive();
  }
}
