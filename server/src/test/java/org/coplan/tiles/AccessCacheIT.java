package org.coplan.tiles;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.metrics.IMetricsTracker;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;
import org.coplan.auth.Role;
import org.coplan.auth.UserAdmin;
import org.coplan.db.Jdbc;
import org.coplan.testing.Requests;
import org.coplan.testing.SignedIn;
import org.coplan.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The access answers every tile request needs (does the settlement exist, is it public, does the
 * plan exist) come from memory ({@code SettlementDirectory}), so a cached tile costs no database
 * round trip; and they stay exact: a settlement made private or archived, a plan archived, a member
 * removed, take effect at once on the instance that made the change and, through the change feed,
 * on a second instance on the same database.
 */
class AccessCacheIT {
  static final TestServer first = TestServer.start();
  static TestServer second;
  static final int Z = 16;
  static final int X = DecodedTile.column(39.2432, Z);
  static final int Y = DecodedTile.row(-6.8003, Z);
  static final String PASSWORD = "access cache test passphrase";
  /** Connections taken from the pool by request threads (Jetty's, named "http…"). */
  static final AtomicInteger requestBorrows = new AtomicInteger();

  @BeforeAll
  static void setUp() {
    first.database().dataSource().setMetricsTrackerFactory((pool, stats) -> new IMetricsTracker() {
      @Override
      public void recordConnectionAcquiredNanos(long nanos) {
        if (Thread.currentThread().getName().startsWith("http")) {
          requestBorrows.incrementAndGet();
        }
      }
    });
    first.admin();
    second = first.secondInstance(Map.of());
  }

  @AfterAll
  static void stop() throws Exception {
    second.close();
    first.close();
  }

  static String tile(String sid, String pid) {
    return "/api/settlements/" + sid + "/plans/" + pid + "/tiles/" + Z + "/" + X + "/" + Y + ".mvt";
  }

  static HttpResponse<byte[]> newPublicSettlement(String id) {
    HttpResponse<byte[]> made = Requests.send(first, "POST", "/api/settlements", Requests.JSON,
        "{\"id\":\"" + id + "\",\"name\":\"" + id + "\",\"boundary\":{\"type\":\"Polygon\",\"coordinates\":[[[39.24,-6.81],"
            + "[39.25,-6.81],[39.25,-6.79],[39.24,-6.79],[39.24,-6.81]]]}}");
    assertThat(made.statusCode()).as(new String(made.body())).isEqualTo(201);
    first.database().execute("UPDATE settlement SET is_public = true WHERE id = ?", id);
    first.settled();
    second.settled();
    return made;
  }

  /** The status the server answers within 5 s (other instances hear changes a moment later). */
  static int eventually(int expected, IntSupplier status) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    int now = status.getAsInt();
    while (now != expected && System.nanoTime() < deadline) {
      Thread.sleep(20);
      now = status.getAsInt();
    }
    return now;
  }

  @Test
  void aCachedTileAndItsRevalidationTakeNoConnectionFromThePool() {
    String tile = tile("tandale", "baseline");
    HttpResponse<byte[]> cut = first.get(tile);
    assertThat(cut.statusCode()).isEqualTo(200);
    String etag = cut.headers().firstValue("ETag").orElseThrow();
    first.get(tile);

    int before = requestBorrows.get();
    for (int i = 0; i < 20; i++) {
      HttpResponse<byte[]> hit = first.get(tile);
      assertThat(hit.statusCode()).isEqualTo(200);
      assertThat(hit.headers().firstValue(TileResource.CACHE_HEADER)).hasValue("memory");
      assertThat(hit.body()).isEqualTo(cut.body());
      HttpResponse<byte[]> revalidated = first.get(tile, "If-None-Match", etag);
      assertThat(revalidated.statusCode()).isEqualTo(304);
      assertThat(revalidated.headers().firstValue("ETag")).hasValue(etag);
    }
    assertThat(requestBorrows.get() - before).as("pool connections taken by 40 cached tile requests").isZero();
    // an unknown plan or settlement is answered from memory too, and stays a 404
    assertThat(first.admin().get(tile("tandale", "no-such-plan")).statusCode()).isEqualTo(404);
    assertThat(first.admin().get(tile("tandale", "no-such-plan")).statusCode()).isEqualTo(404);
  }

  @Test
  void theChangeFeedsListenOnConnectionsOfTheirOwnNotThePools() throws Exception {
    // two instances, two feeds each: held from the pool they would take four of its eight for good
    var pool = first.database().dataSource().getHikariPoolMXBean();
    assertThat(eventually(0, pool::getActiveConnections)).isZero();
    long listening = Long.parseLong(first.database().scalar(
        "SELECT count(*)::text FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'LISTEN%'"));
    assertThat(listening).isEqualTo(4);
  }

  @Test
  void aSettlementMadePrivateIsRefusedOnBothInstancesWhateverTheyHadCached() throws Exception {
    newPublicSettlement("made-private");
    String tile = tile("made-private", "baseline");
    assertThat(first.get(tile).statusCode()).isIn(200, 204);
    assertThat(second.get(tile).statusCode()).isIn(200, 204);
    assertThat(first.get(tile).headers().firstValue(TileResource.CACHE_HEADER)).hasValue("memory");

    // an operator's SQL: no request of this server made the change, the database announces it
    first.database().execute("UPDATE settlement SET is_public = false WHERE id = 'made-private'");
    assertThat(eventually(401, () -> first.get(tile).statusCode())).isEqualTo(401);
    assertThat(eventually(401, () -> second.get(tile).statusCode())).isEqualTo(401);
    assertThat(first.getJson("/api/settlements/made-private").path("status").asInt()).isEqualTo(401);
    // and back: public again
    first.database().execute("UPDATE settlement SET is_public = true WHERE id = 'made-private'");
    // (an empty settlement: no content, but no refusal either)
    assertThat(eventually(204, () -> first.get(tile).statusCode())).isEqualTo(204);
    assertThat(eventually(204, () -> second.get(tile).statusCode())).isEqualTo(204);
  }

  @Test
  void anArchivedSettlementIsGoneAtOnceHereAndSoonOnTheOtherInstance() throws Exception {
    newPublicSettlement("to-archive");
    String tile = tile("to-archive", "baseline");
    assertThat(first.get(tile).statusCode()).isIn(200, 204);
    assertThat(second.get(tile).statusCode()).isIn(200, 204);

    assertThat(Requests.send(first, "DELETE", "/api/settlements/to-archive", null, null).statusCode()).isEqualTo(204);
    // this instance: at once, no waiting (the change request waited for its announcement)
    assertThat(first.get(tile).statusCode()).isEqualTo(401);
    assertThat(first.admin().get(tile).statusCode()).isEqualTo(404);
    assertThat(eventually(401, () -> second.get(tile).statusCode())).isEqualTo(401);
  }

  @Test
  void anArchivedPlanIsGoneAtOnceHereAndSoonOnTheOtherInstance() throws Exception {
    assertThat(Requests.send(first, "POST", "/api/settlements/tandale/plans", Requests.JSON, "{\"id\":\"short-lived\",\"name\":\"Short\"}")
        .statusCode()).isEqualTo(201);
    String tile = tile("tandale", "short-lived");
    // created through the first instance: the second had cached nothing, or "no such plan"
    assertThat(eventually(200, () -> second.get(tile).statusCode())).isEqualTo(200);
    assertThat(first.get(tile).statusCode()).isEqualTo(200);
    assertThat(first.get(tile).headers().firstValue(TileResource.CACHE_HEADER)).hasValue("memory");
    assertThat(second.get(tile).headers().firstValue(TileResource.CACHE_HEADER)).hasValue("memory");

    assertThat(Requests.send(first, "DELETE", "/api/settlements/tandale/plans/short-lived", null, null).statusCode()).isEqualTo(204);
    assertThat(first.get(tile).statusCode()).isEqualTo(404);
    assertThat(eventually(404, () -> second.get(tile).statusCode())).isEqualTo(404);
    assertThat(first.get(tile("tandale", "baseline")).statusCode()).isEqualTo(200);
  }

  @Test
  void aRemovedMemberLosesAHiddenSettlementsTilesAtOnceOnBothInstances() throws Exception {
    newPublicSettlement("members-only");
    first.database().execute("UPDATE settlement SET is_public = false WHERE id = 'members-only'");
    first.settled();
    second.settled();
    UserAdmin users = UserAdmin.open(new Jdbc(first.database().dataSource()), "access cache test");
    users.add("leaving-viewer", null, PASSWORD, false);
    users.setRole("leaving-viewer", "members-only", Role.VIEWER);
    SignedIn onFirst = SignedIn.login(first, "leaving-viewer", PASSWORD);
    SignedIn onSecond = new SignedIn(second, onFirst.username(), onFirst.cookie(), onFirst.csrfToken(), onFirst.me());
    String tile = tile("members-only", "baseline");
    assertThat(onFirst.get(tile).statusCode()).isIn(200, 204);
    assertThat(onSecond.get(tile).statusCode()).isIn(200, 204);
    assertThat(first.get(tile).statusCode()).isEqualTo(401);

    assertThat(Requests.send(first, "DELETE", "/api/settlements/members-only/members/leaving-viewer", null, null).statusCode())
        .isEqualTo(204);
    assertThat(onFirst.get(tile).statusCode()).isEqualTo(404);
    assertThat(onSecond.get(tile).statusCode()).isEqualTo(404);
  }
}
