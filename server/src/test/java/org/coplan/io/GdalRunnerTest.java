package org.coplan.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import org.coplan.http.ApiProblem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The guard around GDAL: a private directory per job (mode 700, removed with its files), a time
 * limit past which the process is killed and the run answered as a problem, and GDAL's own
 * configuration variables never taken from the server's environment.
 */
class GdalRunnerTest {
  @TempDir Path root;

  @Test
  void eachJobHasAPrivateDirectoryThatIsRemovedWithItsFiles() throws Exception {
    GdalRunner gdal = new GdalRunner(Duration.ofMinutes(1), 1 << 20, root);
    Path dir;
    try (GdalRunner.Workspace ws = gdal.workspace()) {
      dir = ws.dir();
      assertThat(dir.getParent()).isEqualTo(root);
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir))).isEqualTo("rwx------");
      Files.createDirectories(ws.file("unpacked/inner"));
      Files.writeString(ws.file("unpacked/inner/a.geojson"), "{}");
      GdalRunner.Result r = gdal.run(GdalRunner.Program.OGRINFO, List.of("--version"), dir);
      assertThat(r.exitCode()).isZero();
      assertThat(r.stdout()).startsWith("GDAL ");
    }
    assertThat(dir).doesNotExist();
    try (var left = Files.list(root)) {
      assertThat(left).isEmpty();
    }
  }

  @Test
  void aRunPastItsTimeLimitIsKilledAndAnsweredAsAProblem() throws Exception {
    GdalRunner gdal = new GdalRunner(Duration.ofMillis(1), 1 << 20, root);
    try (GdalRunner.Workspace ws = gdal.workspace()) {
      Files.writeString(ws.file("upload.geojson"), "{\"type\":\"FeatureCollection\",\"features\":[]}");
      assertThatThrownBy(() -> gdal.run(GdalRunner.Program.OGRINFO, List.of("-ro", "-al", "-so", "upload.geojson"), ws.dir()))
          .isInstanceOfSatisfying(ApiProblem.class, p -> {
            assertThat(p.status()).isEqualTo(422);
            assertThat(p.slug()).isEqualTo("file-unreadable");
            assertThat(p.detail()).contains("took longer than").contains("was stopped");
          });
      // the process is gone, not left running
      assertThat(ProcessHandle.current().descendants().filter(h -> h.info().command().orElse("").endsWith("ogrinfo")).count())
          .isZero();
    }
  }

  @Test
  void gdalsConfigurationComesFromCoplanNotTheEnvironment() throws Exception {
    // whatever the server's environment says, GDAL_SKIP keeps the drivers that point elsewhere off
    GdalRunner gdal = new GdalRunner(Duration.ofMinutes(1), 1 << 20, root);
    try (GdalRunner.Workspace ws = gdal.workspace()) {
      GdalRunner.Result r = gdal.run(GdalRunner.Program.OGRINFO, List.of("--formats"), ws.dir());
      assertThat(r.exitCode()).isZero();
      assertThat(r.stdout()).contains("GeoJSON").contains("ESRI Shapefile").doesNotContain("  OGR_VRT -").doesNotContain("  WFS -");
    }
  }
}
