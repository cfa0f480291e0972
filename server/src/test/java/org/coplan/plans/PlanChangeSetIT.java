package org.coplan.plans;

import static org.assertj.core.api.Assertions.assertThat;
import static org.coplan.testing.Problems.assertNotFound;
import static org.coplan.testing.Problems.assertProblem;
import static org.coplan.testing.Requests.count;
import static org.coplan.testing.Requests.delete;
import static org.coplan.testing.Requests.etag;
import static org.coplan.testing.Requests.feature;
import static org.coplan.testing.Requests.footpath;
import static org.coplan.testing.Requests.line;
import static org.coplan.testing.Requests.patch;
import static org.coplan.testing.Requests.post;
import static org.coplan.testing.Requests.scalar;
import static org.coplan.testing.Requests.send;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.coplan.testing.Requests;
import org.coplan.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Plans as change sets over the baseline, through the API: a proposal's edits of baseline features
 * are overrides the baseline never sees, its diff lists exactly what it adds, modifies and removes,
 * a copy starts as the same change set, and deleting a plan archives it.
 */
class PlanChangeSetIT {
  static final TestServer server = TestServer.start();
  static final String PLANS = "/api/settlements/tandale/plans";
  static final String BASELINE = PLANS + "/baseline/collections/footpaths/items";
  static final String PROPOSAL = PLANS + "/widen/collections/footpaths/items";
  static String modified;
  static String removed;
  static String reverted;
  static String added;

  @BeforeAll
  static void propose() {
    HttpResponse<byte[]> created =
        send(server, "POST", PLANS, Requests.JSON, "{\"id\":\"widen\",\"name\":\"Widen the lanes\",\"description\":\"3 m lanes\"}");
    assertThat(created.statusCode()).isEqualTo(201);
    JsonNode footpaths = server.getJson(BASELINE + "?limit=3&offset=20").get("features");
    modified = footpaths.get(0).get("id").asText();
    removed = footpaths.get(1).get("id").asText();
    reverted = footpaths.get(2).get("id").asText();
    assertThat(patch(server, PROPOSAL + "/" + modified, etag(server, PROPOSAL + "/" + modified),
        "{\"properties\":{\"width_m\":3,\"class\":\"lane\",\"state\":\"proposed\"}}").statusCode()).isEqualTo(200);
    assertThat(delete(server, PROPOSAL + "/" + removed, etag(server, PROPOSAL + "/" + removed)).statusCode()).isEqualTo(204);
    // changed and changed back: an override equal to the baseline is no change
    String wasWidth = footpaths.get(2).at("/properties/width_m").toString();
    HttpResponse<byte[]> there = patch(server, PROPOSAL + "/" + reverted, etag(server, PROPOSAL + "/" + reverted), "{\"properties\":{\"width_m\":29}}");
    assertThat(patch(server, PROPOSAL + "/" + reverted, etag(there), "{\"properties\":{\"width_m\":" + wasWidth + "}}").statusCode()).isEqualTo(200);
    HttpResponse<byte[]> post = post(server, PROPOSAL, feature(line(39.2441, -6.7990, 39.2446, -6.7994), footpath("lane", 3)));
    added = TestServer.json(post).get("id").asText();
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  @Test
  void aNewPlanIsADraftOverTheBaselineListedWithItsLinks() {
    HttpResponse<byte[]> r = send(server, "POST", PLANS, Requests.JSON, "{\"name\":\"Fire breaks, phase 1\"}");
    assertThat(r.statusCode()).isEqualTo(201);
    assertThat(r.headers().firstValue("Location")).hasValue(server.uri(PLANS + "/fire-breaks-phase-1").toString());
    JsonNode plan = TestServer.json(r);
    assertThat(plan.get("id").asText()).isEqualTo("fire-breaks-phase-1");
    assertThat(plan.get("status").asText()).isEqualTo("draft");
    assertThat(plan.get("basedOn").asText()).isEqualTo("baseline");
    // the same name again gets the next free id
    JsonNode second = TestServer.json(send(server, "POST", PLANS, Requests.JSON, "{\"name\":\"Fire breaks, phase 1\"}"));
    assertThat(second.get("id").asText()).isEqualTo("fire-breaks-phase-1-2");

    List<String> ids = new ArrayList<>();
    server.getJson(PLANS).get("plans").forEach(p -> ids.add(p.get("id").asText()));
    assertThat(ids).startsWith("baseline").contains("widen", "fire-breaks-phase-1", "fire-breaks-phase-1-2");
    // every read endpoint serves the new plan as it serves the baseline
    assertThat(server.get(PLANS + "/fire-breaks-phase-1/collections/structures/items?limit=1").statusCode()).isEqualTo(200);
    HttpResponse<byte[]> tile = server.get(PLANS + "/fire-breaks-phase-1/tiles/16/39912/34008.mvt");
    assertThat(tile.statusCode()).isEqualTo(200);
    assertThat(tile.body()).isEqualTo(server.get(PLANS + "/baseline/tiles/16/39912/34008.mvt").body());
    JsonNode tileJson = server.getJson(PLANS + "/fire-breaks-phase-1/tiles.json");
    assertThat(tileJson.at("/tiles/0").asText()).endsWith(PLANS + "/fire-breaks-phase-1/tiles/{z}/{x}/{y}.mvt");
    assertThat(server.getJson(PLANS + "/fire-breaks-phase-1/style.json").at("/sources").toString())
        .contains(PLANS + "/fire-breaks-phase-1/tiles.json");
    assertThat(server.getJson(PLANS + "/fire-breaks-phase-1/collections").get("collections")).hasSize(server.getJson(PLANS + "/baseline/collections").get("collections").size());
  }

  @Test
  void badPlanRequestsAreNamed() {
    JsonNode p = assertProblem(send(server, "POST", PLANS, Requests.JSON,
        "{\"id\":\"baseline\",\"copyOf\":\"nope\",\"colour\":1}"), 422, "invalid-content");
    assertThat(p.get("errors")).extracting(e -> e.get("pointer").asText())
        .containsExactlyInAnyOrder("/id", "/name", "/copyOf", "/colour");
    JsonNode taken = assertProblem(send(server, "POST", PLANS, Requests.JSON, "{\"id\":\"widen\",\"name\":\"x\"}"), 409, "conflict");
    assertThat(taken.get("detail").asText()).isEqualTo("settlement 'tandale' already has a plan 'widen' (perhaps archived); choose another id");
    assertNotFound(send(server, "POST", "/api/settlements/atlantis/plans", Requests.JSON, "{\"name\":\"x\"}"), "no settlement 'atlantis'");
  }

  @Test
  void theProposalSeesItsEditsAndTheBaselineDoesNot() {
    JsonNode proposed = server.getJson(PROPOSAL + "/" + modified);
    JsonNode baseline = server.getJson(BASELINE + "/" + modified);
    assertThat(proposed.at("/properties/width_m").asDouble()).isEqualTo(3.0);
    assertThat(proposed.at("/properties/version").asInt()).isEqualTo(2);
    assertThat(baseline.at("/properties/version").asInt()).isEqualTo(1);
    assertThat(baseline.at("/properties/width_m").asDouble()).isNotEqualTo(3.0);
    assertThat(count(server, "SELECT count(*) FROM footpaths WHERE id = ?::uuid AND plan_id IN ('baseline', 'widen')", modified))
        .isEqualTo(2);

    assertNotFound(server.get(PROPOSAL + "/" + removed),
        "collection 'footpaths' of plan 'widen' of settlement 'tandale' has no feature '" + removed + "'");
    assertThat(server.get(BASELINE + "/" + removed).statusCode()).isEqualTo(200);
    assertThat(scalar(server, "SELECT deleted FROM footpaths WHERE id = ?::uuid AND plan_id = 'widen'", removed)).isEqualTo(true);

    assertThat(server.get(PROPOSAL + "/" + added).statusCode()).isEqualTo(200);
    assertThat(server.get(BASELINE + "/" + added).statusCode()).isEqualTo(404);
    long baselineCount = server.getJson(BASELINE + "?limit=1").get("numberMatched").asLong();
    assertThat(server.getJson(PROPOSAL + "?limit=1").get("numberMatched").asLong()).isEqualTo(baselineCount);
  }

  @Test
  void theChangesListWhatIsAddedModifiedAndRemoved() {
    JsonNode changes = server.getJson(PLANS + "/widen/changes");
    assertThat(changes.get("plan").asText()).isEqualTo("widen");
    assertThat(changes.at("/summary/footpaths").toString()).isEqualTo("{\"added\":1,\"modified\":1,\"removed\":1}");
    assertThat(changes.at("/summary/structures").toString()).isEqualTo("{\"added\":0,\"modified\":0,\"removed\":0}");
    JsonNode footpaths = changes.at("/collections/footpaths");
    assertThat(footpaths.at("/added/type").asText()).isEqualTo("FeatureCollection");
    assertThat(footpaths.at("/added/features/0/id").asText()).isEqualTo(added);
    assertThat(footpaths.at("/removed/features/0/id").asText()).isEqualTo(removed);
    assertThat(footpaths.at("/removed/features/0/properties")).isEqualTo(server.getJson(BASELINE + "/" + removed).get("properties"));
    JsonNode before = footpaths.at("/modified/before/features/0");
    JsonNode after = footpaths.at("/modified/after/features/0");
    assertThat(before.get("id").asText()).isEqualTo(modified);
    assertThat(after.get("id").asText()).isEqualTo(modified);
    assertThat(before.get("properties")).isEqualTo(server.getJson(BASELINE + "/" + modified).get("properties"));
    assertThat(after.at("/properties/width_m").asDouble()).isEqualTo(3.0);
    assertThat(after.at("/properties/class").asText()).isEqualTo("lane");
    assertThat(after.get("geometry")).isEqualTo(before.get("geometry"));
    assertThat(footpaths.toString()).doesNotContain(reverted);

    JsonNode none = server.getJson(PLANS + "/baseline/changes");
    assertThat(none.at("/summary/footpaths").toString()).isEqualTo("{\"added\":0,\"modified\":0,\"removed\":0}");
    assertNotFound(server.get(PLANS + "/nope/changes"), "settlement 'tandale' has no plan 'nope'");
  }

  @Test
  void aCopyStartsAsTheSameChangeSet() {
    HttpResponse<byte[]> r = send(server, "POST", PLANS, Requests.JSON,
        "{\"id\":\"widen-b\",\"name\":\"Widen, variant B\",\"copyOf\":\"widen\",\"reason\":\"variant with 2.5 m\"}");
    assertThat(r.statusCode()).isEqualTo(201);
    assertThat(TestServer.json(r).get("basedOn").asText()).isEqualTo("widen");
    JsonNode copy = server.getJson(PLANS + "/widen-b/changes");
    JsonNode original = server.getJson(PLANS + "/widen/changes");
    assertThat(copy.get("summary")).isEqualTo(original.get("summary"));
    assertThat(copy.at("/collections/footpaths/added/features/0/id").asText()).isEqualTo(added);
    assertThat(server.getJson(PLANS + "/widen-b/collections/footpaths/items/" + modified).at("/properties/version").asInt())
        .isEqualTo(2);
    assertThat(scalar(server, "SELECT operation || '/' || reason FROM feature_version WHERE plan_id = 'widen-b' AND feature_id = ?::uuid", added))
        .isEqualTo("copy/variant with 2.5 m");
    // editing the copy leaves the original alone
    String path = PLANS + "/widen-b/collections/footpaths/items/" + modified;
    assertThat(patch(server, path, etag(server, path), "{\"properties\":{\"width_m\":2.5}}").statusCode()).isEqualTo(200);
    assertThat(server.getJson(PROPOSAL + "/" + modified).at("/properties/width_m").asDouble()).isEqualTo(3.0);
  }

  @Test
  void aPlanIsRenamedDescribedAndGivenAStatus() {
    send(server, "POST", PLANS, Requests.JSON, "{\"id\":\"lights\",\"name\":\"Lights\",\"description\":\"first try\"}");
    HttpResponse<byte[]> r = send(server, "PATCH", PLANS + "/lights", Requests.MERGE_PATCH,
        "{\"name\":\"Street lights\",\"description\":null,\"status\":\"in_review\"}");
    assertThat(r.statusCode()).isEqualTo(200);
    JsonNode plan = TestServer.json(r);
    assertThat(plan.get("name").asText()).isEqualTo("Street lights");
    assertThat(plan.has("description")).isFalse();
    assertThat(plan.get("status").asText()).isEqualTo("in_review");
    assertThat(scalar(server, "SELECT version FROM plan WHERE id = 'lights'")).isEqualTo(2);

    JsonNode bad = assertProblem(send(server, "PATCH", PLANS + "/lights", Requests.MERGE_PATCH, "{\"status\":\"approved\",\"name\":null}"),
        422, "invalid-content");
    assertThat(bad.get("errors")).extracting(e -> e.get("pointer").asText()).containsExactlyInAnyOrder("/status", "/name");
    JsonNode baseline = assertProblem(send(server, "PATCH", PLANS + "/baseline", Requests.MERGE_PATCH, "{\"status\":\"draft\"}"),
        422, "invalid-content");
    assertThat(baseline.at("/errors/0/detail").asText()).isEqualTo("the baseline's status is always 'baseline'");
    assertThat(send(server, "PATCH", PLANS + "/baseline", Requests.MERGE_PATCH, "{\"name\":\"Existing conditions 2015\"}").statusCode())
        .isEqualTo(200);
  }

  @Test
  void deletingAPlanArchivesItWithEverythingItHolds() {
    send(server, "POST", PLANS, Requests.JSON, "{\"id\":\"dropped\",\"name\":\"Dropped idea\"}");
    String path = PLANS + "/dropped/collections/footpaths/items";
    String id = TestServer.json(post(server, path, feature(line(39.2450, -6.7990, 39.2452, -6.7990), footpath("lane", 2)))).get("id").asText();

    HttpResponse<byte[]> r = send(server, "DELETE", PLANS + "/dropped", null, null, "X-Change-Reason", "rejected by the forum");
    assertThat(r.statusCode()).isEqualTo(204);
    assertNotFound(server.get(PLANS + "/dropped"), "settlement 'tandale' has no plan 'dropped'");
    assertNotFound(server.get(path + "/" + id), "settlement 'tandale' has no plan 'dropped'");
    List<String> ids = new ArrayList<>();
    server.getJson(PLANS).get("plans").forEach(p -> ids.add(p.get("id").asText()));
    assertThat(ids).doesNotContain("dropped");
    // kept: the plan, its feature and their history
    assertThat(scalar(server, "SELECT archived_at IS NOT NULL FROM plan WHERE id = 'dropped'")).isEqualTo(true);
    assertThat(count(server, "SELECT count(*) FROM footpaths WHERE plan_id = 'dropped'")).isEqualTo(1);
    assertThat(scalar(server, "SELECT operation || '/' || reason FROM plan_version WHERE plan_id = 'dropped' ORDER BY version DESC LIMIT 1"))
        .isEqualTo("archive/rejected by the forum");
    // its id stays taken
    assertProblem(send(server, "POST", PLANS, Requests.JSON, "{\"id\":\"dropped\",\"name\":\"Again\"}"), 409, "conflict");

    JsonNode baseline = assertProblem(send(server, "DELETE", PLANS + "/baseline", null, null), 409, "conflict");
    assertThat(baseline.get("detail").asText()).isEqualTo("the baseline cannot be deleted: every plan is a change set over it");
  }
}
