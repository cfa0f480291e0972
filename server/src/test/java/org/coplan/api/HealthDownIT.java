package org.coplan.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.coplan.CoplanServer;
import org.coplan.config.Arguments;
import org.coplan.config.CoplanConfig;
import org.coplan.db.Database;
import org.coplan.db.EmbeddedPostgres;
import org.junit.jupiter.api.Test;

/** /health tells a load balancer the truth: 503 once the database is gone, 200 while it answers. */
class HealthDownIT {

  @Test
  void healthIs200WhileTheDatabaseAnswersAnd503WhenItStops() throws Exception {
    Path home = Files.createTempDirectory(Path.of("/tmp"), "coplan-health-");
    Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwxr-xr-x"));
    EmbeddedPostgres pg = EmbeddedPostgres.start(home, null, EmbeddedPostgres.Durability.THROWAWAY);
    CoplanConfig config = CoplanConfig.from(Arguments.of(Map.of("port", "0", "host", "127.0.0.1")));
    // two of the pool's connections stay with the server's change feeds (LISTEN); health needs a third
    try (HikariDataSource ds = Database.open(pg.jdbcUrl("postgres"), pg.superuser(), null, 4);
        CoplanServer server = CoplanServer.start(config, ds)) {
      HttpClient http = HttpClient.newHttpClient();
      HttpRequest health =
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/health")).build();
      HttpResponse<String> up = http.send(health, HttpResponse.BodyHandlers.ofString());
      assertThat(up.statusCode()).isEqualTo(200);
      assertThat(up.body()).contains("\"status\":\"up\"");

      pg.close();
      ds.getHikariPoolMXBean().softEvictConnections();

      HttpResponse<String> down = http.send(health, HttpResponse.BodyHandlers.ofString());
      assertThat(down.statusCode()).isEqualTo(503);
      assertThat(down.body()).contains("\"status\":\"down\"");
    } finally {
      pg.close();
    }
  }
}
