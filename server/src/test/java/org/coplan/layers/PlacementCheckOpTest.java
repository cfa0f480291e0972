package org.coplan.layers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.coplan.layers.GeometryCheckOpTest.wkt;

import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Geometry;

/** Against Tandale, whose boundary spans about 39.235..39.251 E, 6.813..6.788 S. */
class PlacementCheckOpTest {
  static final Geometry TANDALE = wkt("POLYGON((39.235 -6.813, 39.251 -6.813, 39.251 -6.788, 39.235 -6.788, 39.235 -6.813))");

  @Test
  void aFeatureInsideOrJustOutsideIsNear() {
    Geometry inside = wkt("POINT(39.24 -6.80)");
    assertThat(PlacementCheckOp.checkNear(inside, inside, Crs.CRS84, TANDALE, "Tandale", "/geometry")).isEmpty();
    // 5 km east of the boundary: a relocation site, say
    Geometry nearby = wkt("POINT(39.296 -6.80)");
    assertThat(PlacementCheckOp.metres(nearby, TANDALE)).isCloseTo(5_000, within(100.0));
    assertThat(PlacementCheckOp.checkNear(nearby, nearby, Crs.CRS84, TANDALE, "Tandale", "/geometry")).isEmpty();
  }

  @Test
  void tensOfKilometresAwayIsCalledAProbableCrsMistake() {
    Geometry far = wkt("LINESTRING(39.54 -6.80, 39.5405 -6.8003)");
    var fault = PlacementCheckOp.checkNear(far, far, Crs.CRS84, TANDALE, "Tandale", "/features/0/geometry").orElseThrow();
    assertThat(fault.pointer()).isEqualTo("/features/0/geometry");
    assertThat(fault.detail())
        .isEqualTo(
            "the feature lies 31.9 km from settlement 'Tandale' (more than 10 km): that is almost always a CRS mistake."
                + " The coordinates were read as http://www.opengis.net/def/crs/OGC/1.3/CRS84 (longitude, latitude); if"
                + " they are in another CRS, say so with the Content-Crs header");
    assertThat(fault.location()).containsExactly(39.54, -6.80);
  }

  @Test
  void latitudeLongitudeSentAsGeoJsonIsCalledSwappedAxes() {
    Geometry swapped = wkt("POINT(-6.80 39.24)");
    var fault = PlacementCheckOp.checkNear(swapped, swapped, Crs.CRS84, TANDALE, "Tandale", "/geometry").orElseThrow();
    assertThat(fault.detail())
        .startsWith("the feature lies ")
        .contains("km from settlement 'Tandale': the axes look swapped. GeoJSON positions are longitude, latitude;"
            + " these look like latitude, longitude");
    assertThat(fault.location()).containsExactly(-6.80, 39.24);
  }

  @Test
  void longitudeLatitudeDeclaredAsEpsg4326IsCalledSwappedToo() {
    // sent as EPSG:4326 (latitude first) but really longitude first: after the flip it lands at sea
    Geometry sent = wkt("POINT(39.24 -6.80)");
    Geometry read = wkt("POINT(-6.80 39.24)");
    var fault = PlacementCheckOp.checkNear(read, sent, Crs.EPSG_4326, TANDALE, "Tandale", "/geometry").orElseThrow();
    assertThat(fault.detail()).contains("the axes look swapped. EPSG:4326 positions are latitude, longitude");
    assertThat(fault.location()).containsExactly(39.24, -6.80);
  }

  @Test
  void metresSentAsDegreesAreNamedAsAProjectedCrs() {
    Geometry utm = wkt("LINESTRING(526519.45 9248353.77, 526600 9248400)");
    var fault = PlacementCheckOp.checkDegrees(utm, Crs.CRS84, "/geometry").orElseThrow();
    assertThat(fault.detail())
        .isEqualTo(
            "coordinates such as [526519.45, 9248353.77] are not degrees: they look like metres of a projected CRS"
                + " (UTM? Web Mercator?). Say which CRS they are in with the Content-Crs header");
    assertThat(fault.location()).containsExactly(526519.45, 9248353.77);
  }

  @Test
  void degreesOutOfRangeAreNamedInTheCrsAxisOrder() {
    var lat = PlacementCheckOp.checkDegrees(wkt("POINT(39.24 -96.8)"), Crs.CRS84, "/geometry").orElseThrow();
    assertThat(lat.detail()).isEqualTo("latitude -96.8 is outside -90..90 (longitude, latitude)");
    var lon = PlacementCheckOp.checkDegrees(wkt("POINT(-6.8 239.24)"), Crs.EPSG_4326, "/geometry").orElseThrow();
    assertThat(lon.detail()).isEqualTo("longitude 239.24 is outside -180..180 (latitude, longitude)");
    assertThat(PlacementCheckOp.checkDegrees(wkt("POINT(-6.8 39.24)"), Crs.EPSG_4326, "/geometry")).isEmpty();
  }
}
