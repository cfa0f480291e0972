package org.coplan.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.sebasbaumh.mapbox.vectortile.adapt.jts.MvtEncoder;
import io.github.sebasbaumh.mapbox.vectortile.adapt.jts.model.JtsLayer;
import io.github.sebasbaumh.mapbox.vectortile.adapt.jts.model.JtsMvt;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.io.WKTReader;

/** The benchmark's feature counter against tiles written by an independent MVT encoder. */
class MvtCountTest {
  private final GeometryFactory f = new GeometryFactory();

  @Test
  void countsTheFeaturesOfEachLayer() throws Exception {
    WKTReader wkt = new WKTReader(f);
    JtsLayer structures = new JtsLayer("structures", List.of(
        wkt.read("POLYGON ((10 10, 20 10, 20 20, 10 20, 10 10))"),
        wkt.read("POLYGON ((30 30, 40 30, 40 40, 30 40, 30 30))"),
        wkt.read("POLYGON ((50 50, 60 50, 60 60, 50 60, 50 50))")));
    JtsLayer services = new JtsLayer("services", List.of(f.createPoint(new Coordinate(100, 100))));
    byte[] tile = MvtEncoder.encode(new JtsMvt(structures, services));

    assertThat(MvtCount.of(tile)).isEqualTo(Map.of("structures", 3, "services", 1));
  }

  @Test
  void anEmptyTileHasNoLayers() {
    assertThat(MvtCount.of(new byte[0])).isEmpty();
  }
}
