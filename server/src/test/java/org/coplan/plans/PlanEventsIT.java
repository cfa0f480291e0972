package org.coplan.plans;

import static org.assertj.core.api.Assertions.assertThat;
import static org.coplan.testing.Requests.feature;
import static org.coplan.testing.Requests.footpath;
import static org.coplan.testing.Requests.line;

import java.sql.Connection;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.coplan.changes.AppEvents;
import org.coplan.testing.EventStream;
import org.coplan.testing.Requests;
import org.coplan.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A plan's event stream end to end: edits and published events arrive, others' do not. */
class PlanEventsIT {
  static final TestServer server = TestServer.start();
  static final String PLANS = "/api/settlements/tandale/plans";

  @BeforeAll
  static void plans() {
    for (String id : new String[] {"north", "south", "east"}) {
      assertThat(Requests.send(server, "POST", PLANS, Requests.JSON, "{\"id\":\"" + id + "\",\"name\":\"" + id + "\"}").statusCode())
          .isEqualTo(201);
    }
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  @Test
  void aPlanHearsItsOwnEditsAndTheBaselinesButNotAnotherPlans() throws Exception {
    try (EventStream north = EventStream.openAsAdmin(server, PLANS + "/north/events")) {
      assertThat(north.status()).isEqualTo(200);
      assertThat(north.response().headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
      assertThat(north.next("ready", 5, TimeUnit.SECONDS)).isNotNull();

      post("south", 39.2401);
      post("north", 39.2402);
      EventStream.Event own = north.next("feature", 5, TimeUnit.SECONDS);
      assertThat(own).as("north's own edit").isNotNull();
      assertThat(own.data().get("plan").asText()).isEqualTo("north");
      assertThat(own.data().get("layer").asText()).isEqualTo("footpaths");
      assertThat(own.data().at("/features/0/author").asText()).isEqualTo("test-admin");
      assertThat(own.data().at("/features/0/after/0").asDouble()).isEqualTo(39.2402);

      post("baseline", 39.2403);
      EventStream.Event base = north.next("feature", 5, TimeUnit.SECONDS);
      assertThat(base.data().get("plan").asText()).as("south's edit never came before it").isEqualTo("baseline");
    }
  }

  @Test
  void whenAnEditsConflictsAreWrittenThePlansScreensAreToldAtOnce() throws Exception {
    // the plan's analysis is kept (and so brought up to date after each edit) once someone asked for it
    assertThat(Requests.send(server, "GET", PLANS + "/east/analysis", null, null).statusCode()).isEqualTo(200);
    try (EventStream east = EventStream.openAsAdmin(server, PLANS + "/east/events");
        EventStream south = EventStream.openAsAdmin(server, PLANS + "/south/events")) {
      assertThat(east.next("ready", 5, TimeUnit.SECONDS)).isNotNull();
      assertThat(south.next("ready", 5, TimeUnit.SECONDS)).isNotNull();
      // a 6 m proposed road 200 m long through the middle of a structure: it cuts structures
      String[] centre = ((String) Requests.scalar(server, "SELECT ST_X(c) || ' ' || ST_Y(c) FROM (SELECT ST_Centroid(geom) c"
          + " FROM structures WHERE settlement_id = 'tandale' AND plan_id = 'baseline' ORDER BY fid OFFSET 4000 LIMIT 1) s")).split(" ");
      double lon = Double.parseDouble(centre[0]);
      double lat = Double.parseDouble(centre[1]);
      var r = Requests.post(server, PLANS + "/east/collections/footpaths/items",
          feature(line(lon - 0.001, lat, lon + 0.001, lat), footpath("road", 6.0)));
      assertThat(r.statusCode()).as(new String(r.body())).isEqualTo(201);
      EventStream.Event analysis = east.next("analysis", 30, TimeUnit.SECONDS);
      assertThat(analysis).as("the analysis event of east's edit").isNotNull();
      assertThat(analysis.data().get("plan").asText()).isEqualTo("east");
      assertThat(analysis.data().get("count").asInt()).isPositive();
      assertThat(analysis.data().get("extent").size()).isEqualTo(4);
      // the stored conflicts now hold the cut: the screen that reads them on this event sees it
      String conflicts = new String(Requests.send(server, "GET",
          PLANS + "/east/collections/conflicts/items?limit=1000&bbox=" + (lon - 0.001) + "," + (lat - 0.0002) + ","
              + (lon + 0.001) + "," + (lat + 0.0002), null, null).body());
      assertThat(conflicts).contains("corridor_");
      assertThat(south.next("analysis", 2, TimeUnit.SECONDS)).as("another plan's screens are not told").isNull();
    }
  }

  @Test
  void publishedEventsArriveOnlyWhenCommittedAndOnlyForTheirPlan() throws Exception {
    try (EventStream north = EventStream.openAsAdmin(server, PLANS + "/north/events")) {
      assertThat(north.next("ready", 5, TimeUnit.SECONDS)).isNotNull();
      try (Connection c = server.database().dataSource().getConnection()) {
        c.setAutoCommit(false);
        AppEvents.publish(c, "tandale", "north", "comment", Map.of("id", 1, "text", "rolled back"));
        c.rollback();
        AppEvents.publish(c, "tandale", "south", "comment", Map.of("id", 2));
        AppEvents.publish(c, "other-settlement", "north", "comment", Map.of("id", 3));
        AppEvents.publish(c, "tandale", "north", "comment", Map.of("id", 4, "text", "kept"));
        c.commit();
      }
      EventStream.Event comment = north.next("comment", 5, TimeUnit.SECONDS);
      assertThat(comment).isNotNull();
      assertThat(comment.data().at("/data/id").asInt()).as("only the committed one of this plan").isEqualTo(4);
      assertThat(comment.data().get("plan").asText()).isEqualTo("north");
    }
  }

  @Test
  void aMissingPlanIsAProblemNotAStream() throws Exception {
    try (EventStream none = EventStream.openAsAdmin(server, PLANS + "/no-such-plan/events")) {
      assertThat(none.status()).isEqualTo(404);
      assertThat(none.response().headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
    }
  }

  @Test
  void anEventTypeCannotForgeStreamLines() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> {
      try (Connection c = server.database().dataSource().getConnection()) {
        AppEvents.publish(c, "tandale", "north", "comment\ndata: forged", null);
      }
    }).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aStreamEndsAfterItsConfiguredLifeSoThatAccessIsCheckedAgain() throws Exception {
    try (TestServer shortLived = TestServer.start(Map.of("event-stream-seconds", "1"));
        EventStream s = EventStream.openAsAdmin(shortLived, PLANS + "/baseline/events")) {
      assertThat(s.next("ready", 5, TimeUnit.SECONDS)).isNotNull();
      assertThat(s.endsWithin(10, TimeUnit.SECONDS)).isTrue();
    }
  }

  @Test
  void aBrowserReconnectingWithItsLastEventIdIsToldToReloadOnlyWhenItMissedSomething() throws Exception {
    String path = PLANS + "/south/events";
    String seen;
    try (EventStream first = EventStream.openAsAdmin(server, path)) {
      seen = first.next("ready", 5, TimeUnit.SECONDS).id();
      assertThat(seen).isNotBlank();
    }
    String cookie = server.admin().cookie();
    try (EventStream again = EventStream.open(server, path, "Cookie", cookie, "Last-Event-ID", seen)) {
      assertThat(again.next(5, TimeUnit.SECONDS).name()).isEqualTo("ready");
      post("south", 39.2411);
      // in order: had a reload been sent, it would come before the edit
      EventStream.Event next = again.next(5, TimeUnit.SECONDS);
      assertThat(next.name()).isEqualTo("feature");
      seen = next.id();
    }
    post("south", 39.2412);
    try (EventStream missedOne = EventStream.open(server, path, "Cookie", cookie, "Last-Event-ID", seen)) {
      assertThat(missedOne.next(5, TimeUnit.SECONDS).name()).isEqualTo("ready");
      assertThat(missedOne.next(5, TimeUnit.SECONDS).name()).isEqualTo("reload");
    }
  }

  private static void post(String plan, double lon) {
    var r = Requests.post(server, PLANS + "/" + plan + "/collections/footpaths/items",
        feature(line(lon, -6.8000, lon + 0.001, -6.8005), footpath("footpath", 2.0)));
    assertThat(r.statusCode()).as(new String(r.body())).isEqualTo(201);
  }
}
