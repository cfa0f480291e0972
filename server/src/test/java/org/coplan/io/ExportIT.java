package org.coplan.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipInputStream;
import org.coplan.testing.Problems;
import org.coplan.testing.Requests;
import org.coplan.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** Exports of the Tandale demo: DXF for engineers in the metric CRS, archives, refusals. */
class ExportIT {
  static final TestServer server = TestServer.start();
  static final String EXPORT = "/api/settlements/tandale/plans/baseline/export";

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  @Test
  void dxfIsInTheMetricCrsWithOneLayerPerCoplanLayerAndLabels() throws Exception {
    Requests.post(server, "/api/settlements/tandale/plans/baseline/collections/services/items",
        "{\"type\":\"Feature\",\"geometry\":{\"type\":\"Point\",\"coordinates\":[39.243,-6.8]},\"properties\":{\"name\":\"Bomba la Mama\",\"type\":\"water_point\",\"state\":\"proposed\"}}");
    HttpResponse<byte[]> r = server.admin().request("GET", EXPORT + "?format=dxf&layers=structures,footpaths,services", null);
    assertThat(r.statusCode()).as(new String(r.body())).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type").orElseThrow()).startsWith("image/vnd.dxf");
    Path dxf = Files.createTempFile("coplan-export", ".dxf");
    Files.write(dxf, r.body());
    String info = ogrinfo("-al", "-so", dxf.toString());
    // one label (MTEXT) per named feature, and at least one outline or line per feature
    long labels = Requests.count(server, "SELECT count(*) FROM structures WHERE settlement_id = 'tandale' AND trim(name) <> ''")
        + Requests.count(server, "SELECT count(*) FROM footpaths WHERE settlement_id = 'tandale' AND trim(name) <> ''") + 1;
    assertThat(ogrinfo("-q", "-sql", "SELECT COUNT(*) FROM entities WHERE SubClasses LIKE '%MText%'", dxf.toString()))
        .contains("= " + labels);
    long structures = Requests.count(server, "SELECT count(*) FROM structures WHERE settlement_id = 'tandale'");
    String drawn = ogrinfo("-q", "-sql", "SELECT COUNT(*) FROM entities WHERE Layer = 'structures' AND SubClasses NOT LIKE '%MText%'", dxf.toString());
    long outlines = Long.parseLong(drawn.replaceAll("(?s).*= (\\d+).*", "$1"));
    assertThat(outlines).isGreaterThanOrEqualTo(structures);
    String layers = ogrinfo("-q", "-sql", "SELECT DISTINCT Layer FROM entities", dxf.toString());
    assertThat(layers).contains("= structures").contains("= footpaths").contains("= services");
    String label = ogrinfo("-q", "-where", "Text = 'Bomba la Mama'", dxf.toString(), "entities");
    assertThat(label).contains("LABEL(").contains("POINT (");
    // UTM 37 S: eastings around 527 km, northings around 9248 km
    String extent = info.lines().filter(l -> l.startsWith("Extent")).findFirst().orElseThrow();
    double[] e = java.util.regex.Pattern.compile("-?\\d+\\.\\d+").matcher(extent).results().mapToDouble(m -> Double.parseDouble(m.group())).toArray();
    assertThat(e[0]).isBetween(500_000.0, 560_000.0);
    assertThat(e[1]).isBetween(9_200_000.0, 9_300_000.0);
    Files.delete(dxf);
  }

  @Test
  void shapefilesComeZippedOnePerLayerAndGeometryKind() throws Exception {
    HttpResponse<byte[]> r = server.admin().request("GET", EXPORT + "?format=shp&layers=footpaths,constraints", null);
    assertThat(r.statusCode()).isEqualTo(200);
    List<String> names = new ArrayList<>();
    try (ZipInputStream z = new ZipInputStream(new java.io.ByteArrayInputStream(r.body()))) {
      for (var e = z.getNextEntry(); e != null; e = z.getNextEntry()) {
        names.add(e.getName());
      }
    }
    assertThat(names).contains("footpaths.shp", "footpaths.dbf", "footpaths.prj", "constraints_areas.shp", "constraints_lines.shp");
  }

  @Test
  void aBadFormatOrLayerIsRefused() {
    Problems.assertBadParameter(server.admin().request("GET", EXPORT + "?format=pdf", null), "format", "gpkg");
    Problems.assertBadParameter(server.admin().request("GET", EXPORT + "?layers=roads", null), "layers", "roads");
    Problems.assertProblem(server.admin().request("GET", "/api/settlements/tandale/plans/nope/export", null), 404, "not-found");
  }

  static String ogrinfo(String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("ogrinfo", "-ro"));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    p.waitFor(60, TimeUnit.SECONDS);
    return out;
  }
}
