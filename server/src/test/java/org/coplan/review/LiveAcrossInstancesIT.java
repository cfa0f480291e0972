package org.coplan.review;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.concurrent.TimeUnit;
import org.coplan.testing.EventStream;
import org.coplan.testing.Requests;
import org.coplan.testing.SignedIn;
import org.coplan.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Live sync with several server instances on one database: a screen on one instance (opened from a
 * share link, as a meeting's hall screen is) hears the edits, comments, reactions, decisions and
 * status changes made through the other, because events travel through PostgreSQL's
 * LISTEN/NOTIFY, not the memory of one process. The delays seen are printed (speed is the
 * benchmarks' business; this shows the path).
 */
class LiveAcrossInstancesIT {
  static final TestServer first = TestServer.start();
  static final TestServer second = first.peer();
  static final String PLAN = "/api/settlements/tandale/plans/hall";

  @AfterAll
  static void stop() throws Exception {
    second.close();
    first.close();
  }

  @Test
  void aScreenOnOneInstanceHearsWhatIsDoneThroughAnother() throws Exception {
    SignedIn planner = first.admin();
    assertThat(planner.request("POST", "/api/settlements/tandale/plans", "{\"id\":\"hall\",\"name\":\"Hall\"}").statusCode()).isEqualTo(201);
    String token = TestServer.json(planner.request("POST", PLAN + "/share-links", "{\"label\":\"hall screen\"}")).get("token").asText();
    try (EventStream screen = EventStream.open(second, PLAN + "/events", "X-Share-Token", token)) {
      assertThat(screen.status()).isEqualTo(200);
      assertThat(screen.next("ready", 10, TimeUnit.SECONDS)).isNotNull();

      long t = System.nanoTime();
      HttpResponse<byte[]> r = Requests.post(first, PLAN + "/collections/footpaths/items",
          Requests.feature(Requests.line(39.2430, -6.8000, 39.2434, -6.8002), Requests.footpath("lane", 3.0)));
      assertThat(r.statusCode()).as(new String(r.body())).isEqualTo(201);
      String location = r.headers().firstValue("Location").orElseThrow();
      EventStream.Event edit = screen.next("feature", 10, TimeUnit.SECONDS);
      report("feature", t);
      assertThat(edit).isNotNull();
      assertThat(edit.data().get("plan").asText()).isEqualTo("hall");
      assertThat(edit.data().at("/features/0/id").asText()).isEqualTo(location.substring(location.lastIndexOf('/') + 1));

      t = System.nanoTime();
      assertThat(planner.request("POST", PLAN + "/comments", "{\"body\":\"from the first instance\"}").statusCode()).isEqualTo(201);
      EventStream.Event comment = screen.next("comment", 10, TimeUnit.SECONDS);
      report("comment", t);
      assertThat(comment.data().at("/data/body").asText()).isEqualTo("from the first instance");

      t = System.nanoTime();
      assertThat(planner.request("POST", PLAN + "/reactions", "{\"proposal\":\"plan\",\"stance\":\"concern\",\"reason\":\"the drain\","
          + "\"onBehalfOf\":{\"name\":\"Bi Mwanaisha\"}}").statusCode()).isEqualTo(201);
      EventStream.Event reaction = screen.next("reaction", 10, TimeUnit.SECONDS);
      report("reaction", t);
      assertThat(reaction.data().at("/data/stance").asText()).isEqualTo("concern");

      t = System.nanoTime();
      assertThat(planner.request("POST", PLAN + "/meetings", "{\"heldOn\":\"2026-03-02\",\"forumLevel\":\"ward\",\"attendance\":40,"
          + "\"facilitator\":\"F\",\"decisions\":[{\"proposal\":\"plan\",\"outcome\":\"agreed\",\"reason\":\"all in favour\"}]}").statusCode()).isEqualTo(201);
      assertThat(screen.next("decision", 10, TimeUnit.SECONDS)).isNotNull();
      report("decision", t);

      t = System.nanoTime();
      assertThat(planner.request("POST", PLAN + "/review-status", "{\"status\":\"in_review\"}").statusCode()).isEqualTo(200);
      EventStream.Event status = screen.next("plan-status", 10, TimeUnit.SECONDS);
      report("plan-status", t);
      assertThat(status.data().at("/data/status").asText()).isEqualTo("in_review");
    }
  }

  private static void report(String what, long since) {
    System.out.printf("LiveAcrossInstancesIT: %s reached the other instance's stream after %d ms%n", what,
        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - since));
  }
}
