package org.coplan.layers;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.coplan.testing.TestDatabase;
import org.coplan.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * GDAL's own OGC API - Features client (the OAPIF driver of ogrinfo and ogr2ogr, which QGIS also
 * uses) against the real server: the interoperability test that no hand-written assertion replaces.
 */
class OgrOapifClientIT {
  static final TestServer server = TestServer.start();

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  static String plan() {
    return "OAPIF:" + server.uri("/api/settlements/tandale/plans/baseline");
  }

  @Test
  void ogrinfoReportsTheStructuresCountExtentAndTypedFields() throws Exception {
    String out = run("ogrinfo", "-ro", "-so", plan(), "structures");
    assertThat(out)
        .contains("Layer name: structures")
        .contains("Geometry: Polygon")
        .contains("Feature Count: 8085")
        .contains("Extent: (39.235183, -6.812953) - (39.251011, -6.788550)")
        .contains("households: Integer")
        .contains("occupancy_estimated: Integer(Boolean)")
        .contains("updated_at: DateTime");
    // the right extent is the buildings' own, as GDAL reads the shapefile the demo was loaded from
    String source = run("ogrinfo", "-ro", "-so", "-al", TestDatabase.dataDir().resolve("tandale/tandale-buildings.shp").toString());
    assertThat(out).contains(line(source, "Extent: ")).contains(line(source, "Feature Count: "));
  }

  private static String line(String ogrinfo, String prefix) {
    return ogrinfo.lines().filter(l -> l.startsWith(prefix)).findFirst().orElseThrow(() -> new AssertionError("no " + prefix + "in " + ogrinfo));
  }

  @Test
  void ogr2ogrCopiesEveryFootpathOnceIntoAGeoPackage(@TempDir Path dir) throws Exception {
    Path gpkg = dir.resolve("out.gpkg");
    run("ogr2ogr", "-f", "GPKG", gpkg.toString(), plan(), "footpaths");
    String info = run("ogrinfo", "-ro", "-so", gpkg.toString(), "footpaths");
    assertThat(info).contains("Feature Count: 863").contains("Geometry: Line String");
    // GDAL pages with limit=10 by next links: 87 requests must not repeat or skip a feature
    String distinct = run("ogrinfo", "-ro", gpkg.toString(), "-sql", "SELECT COUNT(DISTINCT id) AS n FROM footpaths");
    assertThat(distinct).contains("n (Integer) = 863");
  }

  private static String run(String... command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(List.of(command)).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("%s finished", command[0]).isTrue();
    assertThat(p.exitValue()).as("%s exit status; output:%n%s", String.join(" ", command), out).isZero();
    return out;
  }
}
