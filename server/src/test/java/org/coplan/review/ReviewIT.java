package org.coplan.review;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import org.coplan.auth.Role;
import org.coplan.auth.UserAdmin;
import org.coplan.db.Jdbc;
import org.coplan.testing.Problems;
import org.coplan.testing.Requests;
import org.coplan.testing.SignedIn;
import org.coplan.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * Comments, reactions (own and assisted) with their tallies, meetings and decisions, the review
 * lifecycle and the frozen agreed plan, who may do what (reviewer, viewer, share link), that one
 * settlement's review never shows in another, and that each change publishes its event on commit.
 */
class ReviewIT {
  static final TestServer server = TestServer.start();
  static final String PASSWORD = "review passphrase 2026";
  static final String PLAN = "/api/settlements/tandale/plans/market-lane";
  static SignedIn planner;
  static SignedIn reviewer;
  static SignedIn viewer;

  @BeforeAll
  static void setUp() {
    server.database().execute("UPDATE settlement SET is_public = false WHERE id = 'tandale'");
    UserAdmin users = UserAdmin.open(new Jdbc(server.database().dataSource()), "review-it");
    for (Object[] u : new Object[][] {{"neema", Role.PLANNER}, {"baraka", Role.COMMUNITY_REVIEWER}, {"juma", Role.VIEWER}}) {
      users.add((String) u[0], null, PASSWORD, false);
      users.setRole((String) u[0], "tandale", (Role) u[1]);
    }
    planner = SignedIn.login(server, "neema", PASSWORD);
    reviewer = SignedIn.login(server, "baraka", PASSWORD);
    viewer = SignedIn.login(server, "juma", PASSWORD);
    assertThat(planner.request("POST", "/api/settlements/tandale/plans", "{\"id\":\"market-lane\",\"name\":\"Market lane\"}").statusCode()).isEqualTo(201);
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  @Test
  void commentsAreStoredVerbatimThreadedAndPinned() {
    String payload = "<script>alert('x')</script> & \"quotes\" 'single' \u00e9 \n second line  ";
    HttpResponse<byte[]> r = reviewer.request("POST", PLAN + "/comments",
        "{\"body\":" + quote(payload) + ",\"location\":[39.2431,-6.8001]}");
    assertThat(r.statusCode()).as(new String(r.body())).isEqualTo(201);
    JsonNode comment = TestServer.json(r);
    assertThat(comment.get("body").asText()).isEqualTo(payload);
    assertThat(comment.get("author").asText()).isEqualTo("baraka");
    assertThat(comment.get("authorRole").asText()).isEqualTo("community_reviewer");
    String structure = server.database().scalar("SELECT id::text FROM structures WHERE settlement_id = 'tandale' AND plan_id = 'baseline' LIMIT 1");
    r = planner.request("POST", PLAN + "/comments", "{\"body\":\"We will keep the wall.\",\"parent\":\"" + comment.get("id").asText()
        + "\",\"feature\":{\"layer\":\"structures\",\"id\":\"" + structure + "\"}}");
    assertThat(r.statusCode()).as(new String(r.body())).isEqualTo(201);
    JsonNode all = viewer.getJson(PLAN + "/comments").get("comments");
    JsonNode first = find(all, comment.get("id").asText());
    assertThat(first.get("body").asText()).isEqualTo(payload);
    assertThat(first.get("location").get(0).asDouble()).isEqualTo(39.2431);
    JsonNode reply = find(all, TestServer.json(r).get("id").asText());
    assertThat(reply.get("parentId").asText()).isEqualTo(comment.get("id").asText());
    assertThat(reply.get("featureId").asText()).isEqualTo(structure);
    assertThat(reply.get("authorRole").asText()).isEqualTo("planner");
    // faults: empty text, unknown parent, a location out of range, an unknown proposal
    Problems.assertProblem(reviewer.request("POST", PLAN + "/comments", "{\"body\":\"  \"}"), 422, "invalid-content");
    Problems.assertProblem(reviewer.request("POST", PLAN + "/comments", "{\"body\":\"x\",\"parent\":\"" + java.util.UUID.randomUUID() + "\"}"), 422, "invalid-content");
    Problems.assertProblem(reviewer.request("POST", PLAN + "/comments", "{\"body\":\"x\",\"location\":[200,0]}"), 422, "invalid-content");
    Problems.assertProblem(reviewer.request("POST", PLAN + "/comments", "{\"body\":\"x\",\"proposal\":\"nothing-here\"}"), 422, "invalid-content");
    Problems.assertProblem(reviewer.request("POST", PLAN + "/comments",
        "{\"body\":\"x\",\"feature\":{\"layer\":\"footpaths\",\"id\":\"" + java.util.UUID.randomUUID() + "\"}}"), 422, "invalid-content");
    // viewers read but do not comment
    Problems.assertProblem(viewer.request("POST", PLAN + "/comments", "{\"body\":\"hello\"}"), 403, "forbidden");
    // the record is append-only, even for SQL
    assertThatThrownBy(() -> server.database().execute("UPDATE review_comment SET body = 'changed'")).hasMessageContaining("append-only");
  }

  @Test
  void reactionsCountEachAccountsLatestAndEveryAssistedViewByCellAndCluster() {
    String cell = "C0001";
    String cluster = server.database().scalar("SELECT parent_id FROM rep_unit WHERE settlement_id = 'tandale' AND id = ?", cell);
    // an objection needs its reason
    Problems.assertProblem(reviewer.request("POST", PLAN + "/reactions", "{\"proposal\":\"plan\",\"stance\":\"object\"}"), 422, "invalid-content");
    assertThat(reviewer.request("POST", PLAN + "/reactions", "{\"proposal\":\"plan\",\"stance\":\"object\",\"reason\":\"too narrow\",\"cell\":\"" + cell + "\"}").statusCode()).isEqualTo(201);
    // a changed mind replaces the earlier view
    HttpResponse<byte[]> r = reviewer.request("POST", PLAN + "/reactions", "{\"proposal\":\"plan\",\"stance\":\"agree\",\"cell\":\"" + cell + "\"}");
    assertThat(r.statusCode()).isEqualTo(201);
    assertThat(TestServer.json(r).get("cluster").asText()).isEqualTo(cluster);
    // assisted: the facilitator records two residents' views
    r = reviewer.request("POST", PLAN + "/reactions",
        "{\"proposal\":\"plan\",\"stance\":\"concern\",\"reason\":\"the drain floods\",\"onBehalfOf\":{\"name\":\"Bi Mwanaisha\",\"cell\":\"" + cell + "\"}}");
    assertThat(r.statusCode()).as(new String(r.body())).isEqualTo(201);
    JsonNode assisted = TestServer.json(r);
    assertThat(assisted.get("resident").asText()).isEqualTo("Bi Mwanaisha");
    assertThat(assisted.get("recordedBy").asText()).isEqualTo("baraka");
    assertThat(assisted.get("account").isNull()).isTrue();
    assertThat(planner.request("POST", PLAN + "/reactions",
        "{\"proposal\":\"plan\",\"stance\":\"object\",\"reason\":\"my house\",\"onBehalfOf\":{\"cell\":\"C0002\"}}").statusCode()).isEqualTo(201);
    Problems.assertProblem(planner.request("POST", PLAN + "/reactions", "{\"proposal\":\"plan\",\"stance\":\"agree\",\"onBehalfOf\":{}}"), 422, "invalid-content");
    Problems.assertProblem(planner.request("POST", PLAN + "/reactions", "{\"proposal\":\"plan\",\"stance\":\"agree\",\"cell\":\"K001\"}"), 422, "invalid-content");
    Problems.assertProblem(viewer.request("POST", PLAN + "/reactions", "{\"proposal\":\"plan\",\"stance\":\"agree\"}"), 403, "forbidden");

    JsonNode doc = viewer.getJson(PLAN + "/reactions");
    // counted: baraka's latest (agree), the two assisted views (concern, object)
    assertThat(doc.get("reactions")).hasSize(3);
    JsonNode tally = doc.get("tallies").get(0);
    assertThat(tally.get("proposal").asText()).isEqualTo("plan");
    assertThat(tally.get("total").toString()).isEqualTo("{\"agree\":1,\"object\":1,\"concern\":1}");
    JsonNode byCell = tally.get("byCell");
    assertThat(byCell.findValuesAsText("cell")).containsExactly("C0001", "C0002");
    assertThat(byCell.get(0).get("agree").asInt()).isEqualTo(1);
    assertThat(byCell.get(0).get("concern").asInt()).isEqualTo(1);
    assertThat(byCell.get(1).get("object").asInt()).isEqualTo(1);
    String cluster2 = server.database().scalar("SELECT parent_id FROM rep_unit WHERE settlement_id = 'tandale' AND id = 'C0002'");
    int inCluster = 0;
    for (JsonNode k : tally.get("byCluster")) {
      if (k.get("cluster").asText().equals(cluster)) {
        inCluster += k.get("agree").asInt() + k.get("object").asInt() + k.get("concern").asInt();
      }
    }
    assertThat(inCluster).isEqualTo(cluster.equals(cluster2) ? 3 : 2);
  }

  @Test
  void meetingsRecordDecisionsPerProposalForEveryoneWhoSeesThePlan() {
    String body = "{\"heldOn\":\"2026-03-02\",\"forumLevel\":\"cluster\",\"forumUnit\":\"K001\",\"attendance\":42,\"facilitator\":\"Shack Dwellers\","
        + "\"notes\":\"<b>not bold</b>\",\"decisions\":[{\"proposal\":\"plan\",\"outcome\":\"needs_change\",\"reason\":\"widen at the school\"}]}";
    Problems.assertProblem(reviewer.request("POST", PLAN + "/meetings", body), 403, "forbidden");
    HttpResponse<byte[]> r = planner.request("POST", PLAN + "/meetings", body);
    assertThat(r.statusCode()).as(new String(r.body())).isEqualTo(201);
    JsonNode m = viewer.getJson(PLAN + "/meetings").get("meetings").get(0);
    assertThat(m.get("attendance").asInt()).isEqualTo(42);
    assertThat(m.get("forumLevel").asText()).isEqualTo("cluster");
    assertThat(m.get("notes").asText()).isEqualTo("<b>not bold</b>");
    assertThat(m.get("recordedBy").asText()).isEqualTo("neema");
    assertThat(m.get("decisions").get(0).get("outcome").asText()).isEqualTo("needs_change");
    assertThat(m.get("decisions").get(0).get("reason").asText()).isEqualTo("widen at the school");
    // part of the settlement's history, in order with the edits
    JsonNode history = planner.getJson("/api/settlements/tandale/history?plan=market-lane&limit=100").get("entries");
    JsonNode logged = null;
    for (JsonNode e : history) {
      if (e.get("subject").asText().equals("meeting") && e.at("/state/id").asText().equals(m.get("id").asText())) {
        logged = e;
      }
    }
    assertThat(logged).as(history.toString()).isNotNull();
    assertThat(logged.get("operation").asText()).isEqualTo("record");
    assertThat(logged.get("author").asText()).isEqualTo("neema");
    assertThat(logged.at("/state/forumLevel").asText()).isEqualTo("cluster");
    assertThat(logged.at("/state/attendance").asInt()).isEqualTo(42);
    assertThat(logged.at("/state/facilitator").asText()).isEqualTo("Shack Dwellers");
    assertThat(logged.at("/state/decisions/0/outcome").asText()).isEqualTo("needs_change");
    long planCreated = Long.parseLong(server.database().scalar("SELECT min(seq)::text FROM plan_version WHERE plan_id = 'market-lane'"));
    assertThat(logged.get("seq").asLong()).isGreaterThan(planCreated);
    // every fault at once
    JsonNode p = Problems.assertProblem(planner.request("POST", PLAN + "/meetings",
        "{\"heldOn\":\"2999-01-01\",\"forumLevel\":\"street\",\"attendance\":-1,\"facilitator\":\"x\",\"decisions\":[{\"proposal\":\"plan\",\"outcome\":\"maybe\",\"reason\":\"\"}]}"),
        422, "invalid-content");
    assertThat(p.get("errors").findValuesAsText("pointer")).contains("/heldOn", "/forumLevel", "/attendance", "/decisions~10~1outcome", "/decisions~10~1reason");
    assertThatThrownBy(() -> server.database().execute("DELETE FROM review_decision")).hasMessageContaining("append-only");
  }

  @Test
  void anAgreedPlanIsFrozenAndChangesNeedACopy() {
    assertThat(planner.request("POST", "/api/settlements/tandale/plans", "{\"id\":\"to-agree\",\"name\":\"To agree\"}").statusCode()).isEqualTo(201);
    String plan = "/api/settlements/tandale/plans/to-agree";
    String items = plan + "/collections/footpaths/items";
    String path = Requests.feature(Requests.line(39.243, -6.8, 39.2434, -6.8002), Requests.footpath("footpath", 1.5));
    HttpResponse<byte[]> r = planner.request("POST", items, path, "Content-Type", Requests.GEOJSON);
    assertThat(r.statusCode()).isEqualTo(201);
    String feature = r.headers().firstValue("Location").orElseThrow();
    String etag = Requests.etag(r);
    // out of order: draft cannot be agreed
    JsonNode p = Problems.assertProblem(planner.request("POST", plan + "/review-status", "{\"status\":\"agreed\"}"), 409, "conflict");
    assertThat(p.get("detail").asText()).contains("cannot go from draft to agreed");
    // reviewers do not move plans
    Problems.assertProblem(reviewer.request("POST", plan + "/review-status", "{\"status\":\"in_review\"}"), 403, "forbidden");
    assertThat(planner.request("POST", plan + "/review-status", "{\"status\":\"in_review\"}").statusCode()).isEqualTo(200);
    assertThat(planner.request("POST", plan + "/review-status", "{\"status\":\"agreed\",\"reason\":\"ward meeting 2 March\"}").statusCode()).isEqualTo(200);
    assertThat(server.database().scalar("SELECT reason FROM plan_version WHERE plan_id = 'to-agree' AND status = 'agreed'")).isEqualTo("ward meeting 2 March");
    // frozen: every write path, also PATCH of the plan's status back, the API and SQL
    String featurePath = java.net.URI.create(feature).getPath();
    p = Problems.assertProblem(planner.request("PATCH", featurePath, "{\"properties\":{\"width_m\":2}}", "Content-Type", Requests.MERGE_PATCH, "If-Match", etag), 409, "conflict");
    assertThat(p.get("detail").asText()).contains("to-agree is agreed and frozen").contains("copy it into a new plan");
    Problems.assertProblem(planner.request("POST", items, path, "Content-Type", Requests.GEOJSON), 409, "conflict");
    Problems.assertProblem(planner.request("PATCH", plan, "{\"status\":\"draft\"}", "Content-Type", Requests.MERGE_PATCH), 409, "conflict");
    assertThatThrownBy(() -> server.database().execute("UPDATE footpaths SET width_m = 9 WHERE plan_id = 'to-agree'")).hasMessageContaining("frozen");
    // reactions are closed; the decision log stays open (a meeting may still be recorded)
    Problems.assertProblem(reviewer.request("POST", plan + "/reactions", "{\"proposal\":\"plan\",\"stance\":\"agree\"}"), 409, "conflict");
    // a copy is a draft that can change
    assertThat(planner.request("POST", "/api/settlements/tandale/plans", "{\"id\":\"after-agree\",\"name\":\"Next\",\"copyOf\":\"to-agree\"}").statusCode()).isEqualTo(201);
    String copied = "/api/settlements/tandale/plans/after-agree/collections/footpaths/items/" + featurePath.substring(featurePath.lastIndexOf('/') + 1);
    r = planner.request("PATCH", copied, "{\"properties\":{\"width_m\":2}}", "Content-Type", Requests.MERGE_PATCH, "If-Match", Requests.etag(planner.get(copied)));
    assertThat(r.statusCode()).as(new String(r.body())).isEqualTo(200);
    assertThat(planner.request("POST", plan + "/review-status", "{\"status\":\"superseded\"}").statusCode()).isEqualTo(200);
  }

  @Test
  void aReviewerCannotEditGeometry() {
    String items = PLAN + "/collections/footpaths/items";
    HttpResponse<byte[]> r = reviewer.request("POST", items, Requests.feature(Requests.line(39.243, -6.8, 39.2434, -6.8002), Requests.footpath("footpath", 1.5)),
        "Content-Type", Requests.GEOJSON);
    Problems.assertProblem(r, 403, "forbidden");
    assertThat(Requests.count(server, "SELECT count(*) FROM footpaths WHERE plan_id = 'market-lane'")).isZero();
  }

  @Test
  void aShareLinkReadsTheReviewButNeverWritesAndIsRevocable() {
    JsonNode link = TestServer.json(planner.request("POST", PLAN + "/share-links", "{\"label\":\"meeting screen\"}"));
    String token = link.get("token").asText();
    for (String what : List.of("proposals", "comments", "reactions", "meetings")) {
      assertThat(server.get(PLAN + "/" + what, "X-Share-Token", token).statusCode()).as(what).isEqualTo(200);
    }
    assertThat(server.request("POST", PLAN + "/comments", "{\"body\":\"from the link\"}", "X-Share-Token", token).statusCode()).isEqualTo(401);
    assertThat(server.request("POST", PLAN + "/reactions", "{\"proposal\":\"plan\",\"stance\":\"agree\"}", "X-Share-Token", token).statusCode()).isEqualTo(401);
    // another plan's review is not shared
    assertThat(server.get("/api/settlements/tandale/plans/baseline/comments", "X-Share-Token", token).statusCode()).isEqualTo(401);
    assertThat(planner.request("DELETE", PLAN + "/share-links/" + link.get("id").asText(), null).statusCode()).isEqualTo(204);
    assertThat(server.get(PLAN + "/comments", "X-Share-Token", token).statusCode()).isEqualTo(401);
  }

  @Test
  void oneSettlementsReviewNeverShowsInAnother() {
    SignedIn admin = server.admin();
    HttpResponse<byte[]> r = admin.request("POST", "/api/settlements", "{\"id\":\"other-place\",\"name\":\"Other\",\"boundary\":"
        + "{\"type\":\"Polygon\",\"coordinates\":[[[39.238,-6.805],[39.248,-6.805],[39.248,-6.795],[39.238,-6.795],[39.238,-6.805]]]}}");
    assertThat(r.statusCode()).as(new String(r.body())).isEqualTo(201);
    assertThat(admin.request("POST", "/api/settlements/other-place/plans", "{\"id\":\"market-lane\",\"name\":\"Same id\"}").statusCode()).isEqualTo(201);
    assertThat(reviewer.request("POST", PLAN + "/comments", "{\"body\":\"only in Tandale\"}").statusCode()).isEqualTo(201);
    assertThat(admin.request("POST", "/api/settlements/other-place/plans/market-lane/comments", "{\"body\":\"only elsewhere\"}").statusCode()).isEqualTo(201);
    String other = new String(admin.get("/api/settlements/other-place/plans/market-lane/comments").body());
    assertThat(other).contains("only elsewhere").doesNotContain("only in Tandale");
    assertThat(new String(admin.get(PLAN + "/comments").body())).contains("only in Tandale").doesNotContain("only elsewhere");
    assertThat(admin.getJson("/api/settlements/other-place/representation").get("cells")).isEmpty();
    // members of Tandale are outsiders there
    assertThat(reviewer.get("/api/settlements/other-place/plans/market-lane/comments").statusCode()).isEqualTo(404);
  }

  @Test
  void everyCommentReactionDecisionAndStatusChangeIsPublishedWhenItCommits() throws Exception {
    try (Connection listen = server.database().dataSource().getConnection()) {
      listen.setAutoCommit(true);
      listen.createStatement().execute("LISTEN coplan_event");
      assertThat(planner.request("POST", "/api/settlements/tandale/plans", "{\"id\":\"heard\",\"name\":\"Heard\"}").statusCode()).isEqualTo(201);
      String plan = "/api/settlements/tandale/plans/heard";
      assertThat(reviewer.request("POST", plan + "/comments", "{\"body\":\"heard?\"}").statusCode()).isEqualTo(201);
      assertThat(reviewer.request("POST", plan + "/reactions", "{\"proposal\":\"plan\",\"stance\":\"agree\"}").statusCode()).isEqualTo(201);
      assertThat(planner.request("POST", plan + "/meetings", "{\"heldOn\":\"2026-03-02\",\"forumLevel\":\"ward\",\"attendance\":3,\"facilitator\":\"F\",\"decisions\":[]}").statusCode()).isEqualTo(201);
      assertThat(planner.request("POST", plan + "/review-status", "{\"status\":\"in_review\"}").statusCode()).isEqualTo(200);
      // refused changes publish nothing
      Problems.assertProblem(reviewer.request("POST", plan + "/reactions", "{\"proposal\":\"plan\",\"stance\":\"object\"}"), 422, "invalid-content");
      List<JsonNode> events = new ArrayList<>();
      long until = System.currentTimeMillis() + 5000;
      while (events.size() < 4 && System.currentTimeMillis() < until) {
        PGNotification[] ns = listen.unwrap(PGConnection.class).getNotifications(200);
        if (ns != null) {
          for (PGNotification n : ns) {
            events.add(Requests.json(n.getParameter()));
          }
        }
      }
      PGNotification[] more = listen.unwrap(PGConnection.class).getNotifications(300);
      assertThat(more == null ? 0 : more.length).isZero();
      assertThat(events).extracting(e -> e.get("type").asText()).containsExactly("comment", "reaction", "decision", "plan-status");
      assertThat(events).allSatisfy(e -> {
        assertThat(e.get("settlement").asText()).isEqualTo("tandale");
        assertThat(e.get("plan").asText()).isEqualTo("heard");
      });
      assertThat(events.get(0).get("data").get("body").asText()).isEqualTo("heard?");
      assertThat(events.get(3).get("data").get("status").asText()).isEqualTo("in_review");
    }
  }

  private static String quote(String s) {
    try {
      return org.coplan.http.JsonMapper.MAPPER.writeValueAsString(s);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new AssertionError(e);
    }
  }

  private static JsonNode find(JsonNode list, String id) {
    return RepresentationIT.find(list, id);
  }
}
