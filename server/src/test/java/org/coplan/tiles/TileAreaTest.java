package org.coplan.tiles;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Envelope;

/** Which tiles an edit touches, and how a load learns that it was overtaken. */
class TileAreaTest {
  /** A 4 m square near Tandale's middle, as a lon/lat box. */
  static final Envelope SQUARE = new Envelope(39.24320, 39.24324, -6.80034, -6.80030);

  static TileKey key(String plan, int z, double lon, double lat, int dx, int dy) {
    return new TileKey("tandale", plan, z, DecodedTile.column(lon, z) + dx, DecodedTile.row(lat, z) + dy);
  }

  @Test
  void aSmallFeatureTouchesTheTileItLiesInAtEveryZoomAndNotItsPlansOtherTilesFarAway() {
    TileArea area = TileArea.of("tandale", "baseline", 0, List.of(SQUARE));
    for (int z = 0; z <= 24; z++) {
      assertThat(area.touches(key("baseline", z, 39.24322, -6.80032, 0, 0))).as("z%d", z).isTrue();
    }
    assertThat(area.touches(key("baseline", 18, 39.24322, -6.80032, 3, 0))).isFalse();
    assertThat(area.touches(key("other", 18, 39.24322, -6.80032, 0, 0))).as("another plan").isFalse();
    assertThat(area.touches(new TileKey("kigogo", "baseline", 18, DecodedTile.column(39.24322, 18), DecodedTile.row(-6.80032, 18))))
        .as("another settlement").isFalse();
  }

  @Test
  void theBufferReachesIntoTheNeighbourButNoFurther() {
    int z = 18;
    int x = DecodedTile.column(39.24322, z);
    Envelope tile = TileArea.bufferedEnvelope(z, x, 0);
    double size = 2 * TileArea.HALF_WORLD / (1 << z);
    assertThat(tile.getWidth()).isCloseTo(size * (1 + 2 * 64.0 / 4096), org.assertj.core.api.Assertions.within(1e-6));
    // points east of the tile: half a buffer beyond its edge (inside the buffer), and two buffers beyond
    double edgeLon = Math.toDegrees((-TileArea.HALF_WORLD + (x + 1) * size) / 6378137);
    double buffer = Math.toDegrees(size * 64 / 4096 / 6378137);
    Envelope inBuffer = new Envelope(edgeLon + buffer / 2, edgeLon + buffer / 2, -6.80032, -6.80032);
    Envelope beyond = new Envelope(edgeLon + buffer * 2, edgeLon + buffer * 2, -6.80032, -6.80032);
    int y = DecodedTile.row(-6.80032, z);
    assertThat(TileArea.of("tandale", "baseline", 0, List.of(inBuffer)).touches(new TileKey("tandale", "baseline", z, x, y))).isTrue();
    assertThat(TileArea.of("tandale", "baseline", 0, List.of(beyond)).touches(new TileKey("tandale", "baseline", z, x, y))).isFalse();
  }

  @Test
  void conflictsOnlyReachTheZoomsThatDrawThem() {
    TileArea area = TileArea.of("tandale", "baseline", TileSchema.CONFLICTS_MIN_ZOOM, List.of(SQUARE));
    assertThat(area.touches(key("baseline", 14, 39.24322, -6.80032, 0, 0))).isFalse();
    assertThat(area.touches(key("baseline", 15, 39.24322, -6.80032, 0, 0))).isTrue();
  }

  @Test
  void aLoadIsStaleOnlyWhenAnInvalidationAfterItsStartTouchesIt() {
    TileInvalidationLog log = new TileInvalidationLog();
    TileKey here = key("baseline", 17, 39.24322, -6.80032, 0, 0);
    TileKey elsewhere = key("baseline", 17, 39.24322, -6.80032, 5, 5);
    log.append(List.of(TileArea.of("tandale", "baseline", 0, List.of(SQUARE))));
    long since = log.sequence();
    assertThat(log.touchedSince(since, here)).as("before the load began").isFalse();
    log.append(List.of(TileArea.of("tandale", "baseline", 0, List.of(SQUARE))));
    assertThat(log.touchedSince(since, here)).isTrue();
    assertThat(log.touchedSince(since, elsewhere)).isFalse();
    log.append(TileInvalidationLog.EVERYTHING);
    assertThat(log.touchedSince(since, elsewhere)).isTrue();
  }

  @Test
  void aLoadOlderThanTheKeptHistoryIsTakenAsStale() {
    TileInvalidationLog log = new TileInvalidationLog();
    TileKey elsewhere = key("baseline", 17, 39.24322, -6.80032, 5, 5);
    long since = log.sequence();
    for (int i = 0; i < TileInvalidationLog.KEPT + 5; i++) {
      log.append(List.of(TileArea.of("tandale", "baseline", 0, List.of(SQUARE))));
    }
    assertThat(log.touchedSince(since, elsewhere)).isTrue();
    assertThat(log.touchedSince(log.sequence() - 3, elsewhere)).isFalse();
  }
}
