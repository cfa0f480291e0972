package org.coplan.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.coplan.testing.Requests;
import org.coplan.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Edits through the API reach the stored conflicts through the change feed, incrementally, and the
 * result is what a whole new analysis finds.
 */
class IncrementalAnalysisIT {
  static final TestServer server = TestServer.start();
  static final String PLAN = "/api/settlements/tandale/plans/moves";

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  private static long sequence() {
    return server.getJson(PLAN + "/analysis").get("sequence").asLong();
  }

  /** Waits until the analysis sequence passes {@code after}; answers the milliseconds waited. */
  private static long awaitSequence(long after) throws InterruptedException {
    long start = System.nanoTime();
    while (sequence() <= after) {
      assertThat(System.nanoTime() - start).as("re-analysis within 10 s").isLessThan(10_000_000_000L);
      Thread.sleep(20);
    }
    return (System.nanoTime() - start) / 1_000_000;
  }

  private static List<String> stored() {
    List<String> out = new ArrayList<>();
    try (Connection c = server.database().dataSource().getConnection();
        PreparedStatement ps = c.prepareStatement(
            "SELECT type || ' ' || primary_id || ' ' || features::text || ' ' || coalesce(round(measured::numeric, 2)::text, '-')"
                + " || ' ' || sentence || ' ' || ST_AsText(ST_SnapToGrid(geom, 1e-7))"
                + " FROM conflict WHERE settlement_id = 'tandale' AND plan_id = 'moves' ORDER BY 1")) {
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(rs.getString(1));
        }
      }
    } catch (SQLException e) {
      throw new AssertionError(e);
    }
    return out;
  }

  @Test
  void movingAFootpathUpdatesTheConflictsAroundItAsAWholeRunWould() throws Exception {
    assertThat(Requests.send(server, "POST", "/api/settlements/tandale/plans", Requests.JSON,
        "{\"id\":\"moves\",\"name\":\"Moves\"}").statusCode()).isEqualTo(201);
    long first = sequence();
    String centre = server.database().scalar(
        "SELECT ST_X(c) || ' ' || ST_Y(c) FROM (SELECT ST_Centroid(geom) c FROM structures"
            + " WHERE settlement_id = 'tandale' ORDER BY fid LIMIT 1 OFFSET 4000) s");
    double lon = Double.parseDouble(centre.split(" ")[0]);
    double lat = Double.parseDouble(centre.split(" ")[1]);
    String items = PLAN + "/collections/footpaths/items";
    HttpResponse<byte[]> created = Requests.post(server, items,
        Requests.feature(Requests.line(lon - 0.0004, lat, lon + 0.0004, lat), Requests.footpath("lane", 3)));
    assertThat(created.statusCode()).isEqualTo(201);
    String location = created.headers().firstValue("Location").orElseThrow();
    String id = location.substring(location.lastIndexOf('/') + 1);
    awaitSequence(first);
    List<String> withPath = stored();
    assertThat(withPath).anyMatch(c -> c.startsWith("corridor_") && c.contains(id));

    long before = sequence();
    HttpResponse<byte[]> moved = Requests.put(server, items + "/" + id, Requests.etag(created),
        Requests.feature(Requests.line(lon - 0.0004, lat + 0.0006, lon + 0.0004, lat + 0.0006), Requests.footpath("lane", 3)));
    assertThat(moved.statusCode()).as(new String(moved.body())).isBetween(200, 204);
    long waited = awaitSequence(before);
    assertThat(waited).as("re-analysis after the move, ms").isLessThan(5_000);
    List<String> incremental = stored();
    assertThat(incremental).isNotEqualTo(withPath);

    // a whole new run finds exactly what the incremental update left stored
    assertThat(Requests.send(server, "POST", PLAN + "/analysis", null, null).statusCode()).isEqualTo(200);
    assertThat(stored()).isEqualTo(incremental);
  }
}
