package org.coplan.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Reading {@code ogrinfo -so -al} (GDAL 3.6 has no -json): layers, counts, extents, CRS, fields. */
class SourceReaderTest {
  static final String INFO =
      """
      INFO: Open of `f1.shp'
            using driver `ESRI Shapefile' successful.

      Layer name: tandale-buildings
      Geometry: Polygon
      Feature Count: 8085
      Extent: (39.235183, -6.812953) - (39.251011, -6.788550)
      Layer SRS WKT:
      GEOGCRS["WGS 84",
          DATUM["World Geodetic System 1984",
              ELLIPSOID["WGS 84",6378137,298.257223563,
                  LENGTHUNIT["metre",1]]],
          CS[ellipsoidal,2],
          ID["EPSG",4326]]
      Data axis to CRS axis mapping: 2,1
      BUILDING: String (22.0)
      LEVELS: String (1.0)
      GEOMETRY: String (20.0)
      Layer name: roads
      Geometry: Line String
      Feature Count: 885
      Extent: (526900.000000, 9248300.000000) - (526910.000000, 9248310.000000)
      Layer SRS WKT:
      (unknown)
      NAME: String (22.0)
      occupancy_: Integer(Boolean) (1.0)
      """;

  @Test
  void readsEveryLayer() {
    List<SourceReader.SourceLayer> layers = SourceReader.parseLayers(INFO);
    assertThat(layers).hasSize(2);
    SourceReader.SourceLayer buildings = layers.get(0);
    assertThat(buildings.name()).isEqualTo("tandale-buildings");
    assertThat(buildings.featureCount()).isEqualTo(8085);
    assertThat(buildings.crsName()).isEqualTo("WGS 84");
    assertThat(buildings.epsg()).isEqualTo(4326);
    assertThat(buildings.geographic()).isTrue();
    assertThat(buildings.fields()).extracting(SourceReader.Field::name).containsExactly("BUILDING", "LEVELS", "GEOMETRY");
    assertThat(buildings.crsContradiction()).isEmpty();
    SourceReader.SourceLayer roads = layers.get(1);
    assertThat(roads.hasCrs()).isFalse();
    assertThat(roads.extent()).containsExactly(526900, 9248300, 526910, 9248310);
    assertThat(roads.fields()).extracting(SourceReader.Field::type).containsExactly("String", "Integer(Boolean)");
  }

  @Test
  void metresDeclaredAsDegreesContradictTheCrs() {
    SourceReader.SourceLayer l =
        new SourceReader.SourceLayer("x", "x", "Polygon", 1, new double[] {526900, 9248300, 526910, 9248310}, "WGS 84", 4326, true, List.of());
    assertThat(l.crsContradiction()).hasValueSatisfying(s -> assertThat(s).contains("are not degrees"));
    SourceReader.SourceLayer degrees =
        new SourceReader.SourceLayer("x", "x", "Polygon", 1, new double[] {39.2, -6.8, 39.3, -6.7}, "WGS 84 / UTM zone 37S", 32737, false, List.of());
    assertThat(degrees.crsContradiction()).hasValueSatisfying(s -> assertThat(s).contains("look like longitude/latitude"));
  }

  @Test
  void csvHeadersFindTheirGeometryColumns() throws Exception {
    java.nio.file.Path csv = java.nio.file.Files.createTempFile("coplan", ".csv");
    java.nio.file.Files.writeString(csv, "\uFEFFname;GEOMETRY;Longitude;LAT\r1;2;3;4\r");
    assertThat(CsvText.normaliseLineEndings(csv)).isTrue();
    CsvText.Header h = CsvText.header(csv);
    assertThat(h.lon()).isEqualTo("Longitude");
    assertThat(h.lat()).isEqualTo("LAT");
    assertThat(h.wkt()).isEqualTo("GEOMETRY");
    assertThat(CsvText.normaliseLineEndings(csv)).isFalse();
    java.nio.file.Files.delete(csv);
  }
}
