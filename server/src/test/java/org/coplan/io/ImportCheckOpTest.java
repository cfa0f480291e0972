package org.coplan.io;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import org.coplan.http.JsonMapper;
import org.coplan.layers.Layer;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.PrecisionModel;
import org.locationtech.jts.io.WKTReader;

class ImportCheckOpTest {
  static final WKTReader WKT = new WKTReader(new GeometryFactory(new PrecisionModel(), 4326));
  static final Geometry BOUNDARY = wkt("POLYGON ((39 -7, 39.01 -7, 39.01 -6.99, 39 -6.99, 39 -7))");

  static Geometry wkt(String text) {
    try {
      return WKT.read(text);
    } catch (Exception e) {
      throw new IllegalArgumentException(e);
    }
  }

  static SourceReader.Row row(int n, String geometry, String use) {
    ObjectNode p = JsonMapper.MAPPER.createObjectNode();
    p.put("USE", use);
    return new SourceReader.Row(n, geometry == null ? null : wkt(geometry), p);
  }

  static ImportCheckOp.Result check(List<SourceReader.Row> rows) {
    return ImportCheckOp.check(rows, new ImportCheckOp.Target(Layer.STRUCTURES, Map.of("USE", "use"), Map.of(), List.of("USE"), BOUNDARY, true));
  }

  static List<String> codes(ImportCheckOp.Result r) {
    return r.problems().stream().map(p -> p.code() + (p.row() == null ? "" : "@" + p.row())).toList();
  }

  @Test
  void findsEveryKindOfProblemAndChangesNothing() {
    ImportCheckOp.Result r = check(List.of(
        row(1, "POLYGON ((39.001 -6.999, 39.002 -6.999, 39.002 -6.998, 39.001 -6.998, 39.001 -6.999))", "residential"),
        row(2, "POLYGON ((39.002 -6.999, 39.002 -6.998, 39.001 -6.998, 39.001 -6.999, 39.002 -6.999))", "residential"),
        row(3, "POLYGON ((39.003 -6.999, 39.004 -6.998, 39.004 -6.999, 39.003 -6.998, 39.003 -6.999))", "residential"),
        row(4, "LINESTRING (39.001 -6.999, 39.002 -6.998)", "residential"),
        row(5, null, "residential"),
        row(6, "POLYGON ((39.02 -6.999, 39.021 -6.999, 39.021 -6.998, 39.02 -6.998, 39.02 -6.999))", "residential"),
        row(7, "POLYGON ((40 -6.999, 40.001 -6.999, 40.001 -6.998, 40 -6.998, 40 -6.999))", "residential"),
        row(8, "MULTIPOLYGON (((39.005 -6.999, 39.006 -6.999, 39.006 -6.998, 39.005 -6.998, 39.005 -6.999)))", "castle")));
    assertThat(codes(r)).containsExactlyInAnyOrder(
        "duplicate@2", "invalid-geometry@3", "wrong-geometry-type@4", "no-geometry@5", "outside-settlement@6",
        "far-from-settlement@7", "attribute-value@8", "single-part");
    ImportProblem invalid = r.problems().stream().filter(p -> p.code().equals("invalid-geometry")).findFirst().orElseThrow();
    assertThat(invalid.detail()).contains("Self-intersection").contains("MultiPolygon");
    assertThat(invalid.remedy()).isNull();
    assertThat(invalid.location()).containsExactly(39.0035, -6.9985);
    assertThat(r.candidates()).extracting(ImportCheckOp.Candidate::row).containsExactly(1, 2, 3, 6, 7, 8);
    assertThat(r.candidates().get(5).geometry().getGeometryType()).isEqualTo("Polygon");
    assertThat(r.candidates().get(3).outside()).isTrue();
  }

  @Test
  void aRequiredAttributeWithoutMappingOrDefaultIsOneProblem() {
    ImportCheckOp.Result r =
        ImportCheckOp.check(List.of(row(1, "POINT (39.001 -6.999)", "x")),
            new ImportCheckOp.Target(Layer.SERVICES, Map.of(), Map.of(), List.of("USE"), BOUNDARY, true));
    assertThat(codes(r)).containsExactlyInAnyOrder("unmapped-required", "unmapped-required");
    assertThat(r.problems()).extracting(ImportProblem::field).containsExactlyInAnyOrder("type", "state");
  }
}
