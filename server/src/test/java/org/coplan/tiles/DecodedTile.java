package org.coplan.tiles;

import io.github.sebasbaumh.mapbox.vectortile.adapt.jts.MvtReader;
import io.github.sebasbaumh.mapbox.vectortile.adapt.jts.TagKeyValueMapConverter;
import io.github.sebasbaumh.mapbox.vectortile.adapt.jts.model.JtsLayer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;

/**
 * A vector tile as a reader that shares no code with PostGIS decodes it (mapbox-vector-tile-java),
 * feature by feature, plus the XYZ tile maths the tests need.
 */
record DecodedTile(Map<String, List<Feature>> layers) {
  /** Where the decoder puts a feature's id among its properties; no property name has a colon. */
  private static final String ID_KEY = "mvt:id";

  /** One feature: its MVT feature id (null when it has none), properties and tile-grid geometry. */
  record Feature(Long id, Map<String, Object> properties, Geometry geometry) {}

  static DecodedTile of(byte[] mvt) {
    try {
      var tile =
          MvtReader.loadMvt(
              new ByteArrayInputStream(mvt),
              new GeometryFactory(),
              new TagKeyValueMapConverter(false, ID_KEY),
              MvtReader.RING_CLASSIFIER_V2_1);
      Map<String, List<Feature>> layers = new LinkedHashMap<>();
      for (JtsLayer layer : tile.getLayers()) {
        layers.put(layer.getName(), layer.getGeometries().stream().map(DecodedTile::feature).toList());
      }
      return new DecodedTile(layers);
    } catch (IOException e) {
      throw new AssertionError("not a vector tile", e);
    }
  }

  @SuppressWarnings("unchecked")
  private static Feature feature(Geometry g) {
    Map<String, Object> properties = new LinkedHashMap<>((Map<String, Object>) g.getUserData());
    Object id = properties.remove(ID_KEY);
    return new Feature(id == null ? null : ((Number) id).longValue(), properties, g);
  }

  List<Feature> layer(String name) {
    return layers.getOrDefault(name, List.of());
  }

  /** The XYZ column of a longitude at a zoom. */
  static int column(double lon, int z) {
    return (int) Math.floor((lon + 180) / 360 * (1 << z));
  }

  /** The XYZ row of a latitude at a zoom (rows grow southwards). */
  static int row(double lat, int z) {
    double phi = Math.toRadians(lat);
    return (int) Math.floor((1 - Math.log(Math.tan(phi) + 1 / Math.cos(phi)) / Math.PI) / 2 * (1 << z));
  }
}
