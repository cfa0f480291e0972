package org.coplan.layers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.coplan.http.ApiProblem.Fault;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.algorithm.Orientation;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.PrecisionModel;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKTReader;

class GeometryCheckOpTest {
  private static final WKTReader WKT = new WKTReader(new GeometryFactory(new PrecisionModel(), 4326));

  @Test
  void aValidFootprintPasses() {
    var r = GeometryCheckOp.check(wkt("POLYGON((0 0, 10 0, 10 10, 0 10, 0 0))"), Layer.STRUCTURES, false, "/geometry");
    assertThat(r.faults()).isEmpty();
    assertThat(r.repairs()).isEmpty();
    assertThat(r.geometry()).isNotNull();
  }

  @Test
  void aClockwiseShellIsAcceptedAsItIs() {
    Geometry clockwise = wkt("POLYGON((0 0, 0 10, 10 10, 10 0, 0 0))");
    assertThat(Orientation.isCCW(((Polygon) clockwise).getExteriorRing().getCoordinates())).isFalse();
    var r = GeometryCheckOp.check(clockwise, Layer.STRUCTURES, false, "/geometry");
    assertThat(r.faults()).as("RFC 7946: readers must not reject the other orientation").isEmpty();
    assertThat(r.geometry()).isEqualTo(clockwise);
  }

  @Test
  void aBowTieIsASelfIntersectionAtTheCrossing() {
    var r = GeometryCheckOp.check(wkt("POLYGON((0 0, 10 10, 10 0, 0 10, 0 0))"), Layer.STRUCTURES, false, "/geometry");
    assertThat(r.geometry()).isNull();
    assertThat(r.faults()).singleElement().satisfies(f -> {
      assertThat(f.pointer()).isEqualTo("/geometry");
      assertThat(f.detail()).isEqualTo("invalid geometry: Self-intersection; fix it, or send it with ?repair=true");
      assertThat(f.location()).containsExactly(5.0, 5.0);
    });
  }

  @Test
  void aHoleOutsideItsShellIsLocated() {
    var r =
        GeometryCheckOp.check(
            wkt("POLYGON((0 0, 10 0, 10 10, 0 10, 0 0), (20 20, 21 20, 21 21, 20 21, 20 20))"), Layer.STRUCTURES, false, "/g");
    assertThat(r.faults()).singleElement().satisfies(f -> {
      assertThat(f.detail()).startsWith("invalid geometry: Hole lies outside shell");
      assertThat(f.location()).containsExactly(20.0, 20.0);
    });
  }

  @Test
  void theWrongGeometryTypeNamesWhatTheLayerTakes() {
    var line = GeometryCheckOp.check(wkt("LINESTRING(0 0, 1 1)"), Layer.STRUCTURES, false, "/features/3/geometry");
    assertThat(line.faults()).extracting(Fault::pointer, Fault::detail)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("/features/3/geometry/type", "'structures' takes Polygon; got LineString"));
    var point = GeometryCheckOp.check(wkt("POINT(0 0)"), Layer.CONSTRAINTS, false, "/geometry");
    assertThat(point.faults()).extracting(Fault::detail)
        .containsExactly("'constraints' takes Polygon or MultiPolygon or LineString or MultiLineString; got Point");
  }

  @Test
  void aPathThatCrossesItselfIsAValidLine() {
    var r = GeometryCheckOp.check(wkt("LINESTRING(0 0, 10 10, 10 0, 0 10)"), Layer.FOOTPATHS, false, "/geometry");
    assertThat(r.faults()).isEmpty();
  }

  @Test
  void anEmptyGeometryIsAFault() {
    var r = GeometryCheckOp.check(wkt("POLYGON EMPTY"), Layer.STRUCTURES, false, "/geometry");
    assertThat(r.faults()).extracting(Fault::detail).containsExactly("the geometry is empty");
  }

  @Test
  void repairRemovesASpikeAndReportsWhatChanged() {
    // a footprint with a zero-width spike up its right side: invalid, but one polygon once repaired
    var r =
        GeometryCheckOp.check(
            wkt("POLYGON((0 0, 10 0, 10 10, 10 20, 10 10, 0 10, 0 0))"), Layer.STRUCTURES, true, "/geometry");
    assertThat(r.faults()).isEmpty();
    assertThat(r.geometry().getGeometryType()).isEqualTo("Polygon");
    assertThat(r.geometry().getArea()).isCloseTo(100, within(1e-9));
    assertThat(r.repairs()).singleElement().satisfies(f -> {
      assertThat(f.pointer()).isEqualTo("/geometry");
      assertThat(f.detail())
          .startsWith("Self-intersection; repaired: Polygon with 7 vertices became Polygon with ")
          .endsWith(", keeping 100.0% of its area");
      // JTS finds the spike at its tip
      assertThat(f.location()).containsExactly(10.0, 20.0);
    });
  }

  @Test
  void aRepairedBowTieIsTwoPolygonsWhichAStructureCannotBe() {
    var r = GeometryCheckOp.check(wkt("POLYGON((0 0, 10 10, 10 0, 0 10, 0 0))"), Layer.STRUCTURES, true, "/geometry");
    assertThat(r.geometry()).isNull();
    assertThat(r.repairs()).singleElement().satisfies(f ->
        assertThat(f.detail()).isEqualTo("Self-intersection; repaired: Polygon with 5 vertices became MultiPolygon of 2 parts with 8 vertices"));
    assertThat(r.faults()).extracting(Fault::detail)
        .containsExactly("'structures' takes Polygon; after repair it is MultiPolygon of 2 parts");
  }

  @Test
  void aRepairedBowTieIsWelcomeWhereMultiPolygonsAre() {
    var r = GeometryCheckOp.check(wkt("POLYGON((0 0, 10 10, 10 0, 0 10, 0 0))"), Layer.CONSTRAINTS, true, "/geometry");
    assertThat(r.faults()).isEmpty();
    assertThat(r.geometry().getGeometryType()).isEqualTo("MultiPolygon");
    assertThat(r.geometry().getArea()).isCloseTo(50, within(1e-9));
  }

  static Geometry wkt(String text) {
    try {
      return WKT.read(text);
    } catch (ParseException e) {
      throw new AssertionError(e);
    }
  }
}
