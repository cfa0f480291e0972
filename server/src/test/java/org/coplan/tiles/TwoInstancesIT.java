package org.coplan.tiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.coplan.testing.Requests.etag;
import static org.coplan.testing.Requests.patch;

import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.coplan.testing.EventStream;
import org.coplan.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two server instances on one database, as behind a load balancer: an edit made through one
 * invalidates the other's cached tiles and reaches the other's event streams, both through the
 * database's LISTEN/NOTIFY (the change feed); no message passes between the instances themselves.
 */
class TwoInstancesIT {
  static final TestServer first = TestServer.start();
  static TestServer second;
  static final int Z = 17;
  static final int X = DecodedTile.column(39.2432, Z);
  static final int Y = DecodedTile.row(-6.8003, Z);
  static final String TILE = "/api/settlements/tandale/plans/baseline/tiles/" + Z + "/" + X + "/" + Y + ".mvt";

  @BeforeAll
  static void startSecond() {
    first.admin();
    second = first.secondInstance(Map.of());
  }

  @AfterAll
  static void stop() throws Exception {
    second.close();
    first.close();
  }

  @Test
  void anEditThroughOneInstanceInvalidatesTheOthersTilesAndReachesItsEventStreams() throws Exception {
    assertThat(second.port()).isNotEqualTo(first.port());
    HttpResponse<byte[]> before = second.get(TILE);
    assertThat(second.get(TILE).headers().firstValue(TileResource.CACHE_HEADER)).hasValue("memory");
    String id = (String) DecodedTile.of(before.body()).layer("structures").get(0).properties().get("id");
    assertThat(FreshTilesIT.find(before, id).properties().get("use")).isNotEqualTo("health");

    try (EventStream events = EventStream.openAsAdmin(second, "/api/settlements/tandale/plans/baseline/events")) {
      assertThat(events.next("ready", 5, TimeUnit.SECONDS)).isNotNull();
      String item = "/api/settlements/tandale/plans/baseline/collections/structures/items/" + id;
      assertThat(patch(first, item, etag(first, item), "{\"properties\":{\"use\":\"health\"}}").statusCode()).isEqualTo(200);

      EventStream.Event heard = events.next("feature", 5, TimeUnit.SECONDS);
      assertThat(heard).as("the edit on the second instance's event stream").isNotNull();
      assertThat(heard.data().at("/features/0/id").asText()).isEqualTo(id);
    }
    // the second instance heard it too: its cached tile is gone and the next one shows the edit
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    HttpResponse<byte[]> after = second.get(TILE);
    while (!"database".equals(after.headers().firstValue(TileResource.CACHE_HEADER).orElse(""))
        && System.nanoTime() < deadline) {
      Thread.sleep(20);
      after = second.get(TILE);
    }
    assertThat(FreshTilesIT.find(after, id).properties().get("use")).isEqualTo("health");
    assertThat(etag(after)).isNotEqualTo(etag(before));
    assertThat(second.admin().getJson("/api/admin/tile-cache").get("invalidatedTiles").asLong()).isPositive();
  }
}
