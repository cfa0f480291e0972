package org.coplan.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.coplan.auth.TokenScope;
import org.coplan.auth.UserAdmin;
import org.coplan.db.Jdbc;
import org.coplan.testing.Requests;
import org.coplan.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** {@code coplan import|export} against the real server with an API token. */
class IoCommandIT {
  static final TestServer server = TestServer.start();

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  record Run(int code, String out, String err) {}

  static Run run(String token, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = IoCommand.run(args, Map.of("COPLAN_SERVER", server.uri("").toString(), "COPLAN_TOKEN", token),
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void importThenExportFromTheCommandLine() throws Exception {
    server.admin();
    String token = UserAdmin.open(new Jdbc(server.database().dataSource()), "test").createToken("test-admin", "cli", TokenScope.READ_WRITE, null);
    Path dir = Files.createTempDirectory("coplan-cli");
    Path roads = dir.resolve("roads.zip");
    Files.write(roads, Uploads.zipShapefile(ImportIT.tandale("tandale-roads.shp"), true));

    Run dry = run(token, "import", roads.toString(), "--settlement", "tandale", "--layer", "footpaths", "--map", "OSM_TYPE=class",
        "--set", "width_m=1.5", "--set", "state=existing", "--dry-run", "--report", dir.resolve("report.csv").toString());
    assertThat(dry.code()).as(dry.err()).isZero();
    assertThat(dry.out()).contains("885 features").contains("outside-settlement").contains("dry run");
    assertThat(Files.readString(dir.resolve("report.csv"))).startsWith("severity,code,row,field,detail");

    long before = Requests.count(server, "SELECT count(*) FROM footpaths WHERE settlement_id = 'tandale'");
    Run refused = run(token, "import", roads.toString(), "--settlement", "tandale", "--layer", "footpaths");
    assertThat(refused.code()).isEqualTo(1);
    assertThat(refused.err()).contains("refused (409)");

    // a Shapefile named by its .shp: the CLI zips its parts
    Run done = run(token, "import", ImportIT.tandale("tandale-roads.shp").toString(), "--settlement", "tandale", "--layer", "footpaths", "--map", "OSM_TYPE=class",
        "--set", "width_m=1.5", "--set", "state=existing", "--skip-outside");
    assertThat(done.code()).as(done.err()).isZero();
    assertThat(done.out()).contains("committed: 863 features into tandale/baseline").contains("22 outside left out");
    assertThat(Requests.count(server, "SELECT count(*) FROM footpaths WHERE settlement_id = 'tandale'")).isEqualTo(before + 863);

    Path dxf = dir.resolve("out.dxf");
    Run export = run(token, "export", "--settlement", "tandale", "--format", "dxf", "--layers", "footpaths", "-o", dxf.toString());
    assertThat(export.code()).as(export.err()).isZero();
    assertThat(Files.readString(dxf)).contains("footpaths");

    // a new settlement from a file: boundary from the data, metric CRS its UTM zone
    Path houses = dir.resolve("houses.geojson");
    Files.writeString(houses, Fixtures.collection(
        Fixtures.feature(Fixtures.square(36.8200, -1.3100, 0.0001, 0), "{\"name\":\"A\"}"),
        Fixtures.feature(Fixtures.square(36.8210, -1.3110, 0.0001, 0), "{\"name\":\"B\"}")));
    Run created = run(token, "import", houses.toString(), "--create-settlement", "Kibera pilot", "--layer", "structures", "--set", "use=residential");
    assertThat(created.code()).as(created.err()).isZero();
    assertThat(created.out()).contains("committed: 2 features into kibera-pilot/baseline");
    assertThat(Requests.scalar(server, "SELECT metric_srid FROM settlement WHERE id = 'kibera-pilot'")).isEqualTo(32737);

    Run usage = run(token, "import");
    assertThat(usage.code()).isEqualTo(2);
  }
}
