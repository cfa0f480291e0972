package org.coplan.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import org.coplan.http.ApiProblem.Fault;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.locationtech.jts.geom.GeometryFactory;

class GeoJsonGeometryReaderTest {
  private static final GeometryFactory FACTORY = new GeometryFactory();

  @Test
  void readsEveryTypeALayerTakesAndDropsHeights() {
    assertThat(read("{\"type\":\"Point\",\"coordinates\":[39.24,-6.8,12]}").geometry().toText()).isEqualTo("POINT (39.24 -6.8)");
    assertThat(read("{\"type\":\"MultiLineString\",\"coordinates\":[[[0,0],[1,1]],[[2,2],[3,3]]]}").geometry().toText())
        .isEqualTo("MULTILINESTRING ((0 0, 1 1), (2 2, 3 3))");
    assertThat(read("{\"type\":\"MultiPolygon\",\"coordinates\":[[[[0,0],[1,0],[1,1],[0,0]]]]}").geometry().getNumGeometries())
        .isEqualTo(1);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "null                                                                 | /geometry                    | a geometry is required",
        "{\"type\":\"Circle\",\"coordinates\":[0,0]}                          | /geometry/type               | unknown geometry type 'Circle'",
        "{\"type\":\"GeometryCollection\",\"geometries\":[]}                  | /geometry/type               | GeometryCollection is not accepted: send each geometry as its own feature",
        "{\"type\":\"Point\"}                                                 | /geometry/coordinates        | must be an array of positions",
        "{\"type\":\"Point\",\"coordinates\":[39.24]}                         | /geometry/coordinates        | a position must be [x, y] (or [x, y, height])",
        "{\"type\":\"LineString\",\"coordinates\":[[0,0],[1,\"1\"]]}          | /geometry/coordinates/1/1    | must be a number; got \"1\"",
        "{\"type\":\"LineString\",\"coordinates\":[[0,0]]}                    | /geometry/coordinates        | a line needs at least 2 positions; got 1",
        "{\"type\":\"Polygon\",\"coordinates\":[[[0,0],[1,0],[0,0]]]}         | /geometry/coordinates/0      | a polygon ring needs at least 4 positions (the last repeating the first); got 3",
        "{\"type\":\"Polygon\",\"coordinates\":[]}                            | /geometry/coordinates        | must not be empty",
        "{\"type\":\"MultiPolygon\",\"coordinates\":[[[[0,0],[1,0],[1,1],[0,0]]],[[[5,5],[6,5],[6,6],[5,6]]]]} | /geometry/coordinates/1/0 | the ring is not closed: its last position must repeat its first",
      })
  void structuralFaultsNameTheMember(String geometry, String pointer, String detail) {
    var r = read(geometry);
    assertThat(r.geometry()).isNull();
    assertThat(r.faults()).extracting(Fault::pointer, Fault::detail).containsExactly(tuple(pointer, detail));
  }

  @Test
  void anOpenRingIsLocatedAtItsFirstPosition() {
    var r = read("{\"type\":\"Polygon\",\"coordinates\":[[[39.24,-6.8],[39.25,-6.8],[39.25,-6.79],[39.24,-6.79]]]}");
    assertThat(r.faults()).singleElement().satisfies(f -> assertThat(f.location()).containsExactly(39.24, -6.8));
  }

  private static GeoJsonGeometryReader.Result read(String json) {
    try {
      JsonNode node = JsonMapper.MAPPER.readTree(json);
      return GeoJsonGeometryReader.read(node.isNull() ? null : node, "/geometry", FACTORY);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }
}
