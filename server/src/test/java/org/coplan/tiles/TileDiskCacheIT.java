package org.coplan.tiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.coplan.testing.Requests.etag;
import static org.coplan.testing.Requests.patch;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.coplan.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The on-disk tier: with no memory for tiles at all, a tile is answered from its file the second
 * time, and an edit removes the file of every tile it touches.
 */
class TileDiskCacheIT {
  static final Path dir = tempDir();
  static final TestServer server = TestServer.start(Map.of("tile-cache-bytes", "0", "tile-cache-dir", dir.toString()));
  static final int Z = 17;
  static final String TILE = "/api/settlements/tandale/plans/baseline/tiles/" + Z + "/" + DecodedTile.column(39.2432, Z)
      + "/" + DecodedTile.row(-6.8003, Z) + ".mvt";

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  static Path tempDir() {
    try {
      return Files.createTempDirectory("coplan-tile-disk-");
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  static String source(HttpResponse<byte[]> r) {
    return r.headers().firstValue(TileResource.CACHE_HEADER).orElseThrow();
  }

  /** Asks until the tile comes from where expected (files are written in the background). */
  static HttpResponse<byte[]> awaitSource(String expected) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    HttpResponse<byte[]> r = server.get(TILE);
    while (!source(r).equals(expected) && System.nanoTime() < deadline) {
      Thread.sleep(50);
      r = server.get(TILE);
    }
    return r;
  }

  @Test
  void aTileIsServedFromItsFileUntilAnEditTouchesIt() throws Exception {
    HttpResponse<byte[]> first = server.get(TILE);
    assertThat(source(first)).isEqualTo("database");
    HttpResponse<byte[]> fromDisk = awaitSource("disk");
    assertThat(source(fromDisk)).isEqualTo("disk");
    assertThat(fromDisk.body()).isEqualTo(first.body());
    assertThat(etag(fromDisk)).isEqualTo(etag(first));
    try (Stream<Path> files = Files.walk(dir)) {
      assertThat(files.filter(p -> p.toString().endsWith(".mvt"))).isNotEmpty();
    }

    String id = (String) DecodedTile.of(first.body()).layer("structures").get(0).properties().get("id");
    String item = "/api/settlements/tandale/plans/baseline/collections/structures/items/" + id;
    assertThat(patch(server, item, etag(server, item), "{\"properties\":{\"use\":\"health\"}}").statusCode()).isEqualTo(200);
    HttpResponse<byte[]> after = server.get(TILE);
    assertThat(source(after)).isEqualTo("database");
    assertThat(FreshTilesIT.find(after, id).properties().get("use")).isEqualTo("health");
    assertThat(server.admin().getJson("/api/admin/tile-cache").get("diskHits").asLong()).isPositive();
  }
}
