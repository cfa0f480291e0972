package org.coplan.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.coplan.config.ConfigException;
import org.junit.jupiter.api.Test;

/** The embedded cluster's life cycle: create, restart, survive a crash, refuse a live owner. */
class EmbeddedPostgresIT {

  private static Path newHome() throws IOException {
    Path home = Files.createTempDirectory(Path.of("/tmp"), "coplan-pg-it-");
    Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwxr-xr-x"));
    return home;
  }

  private static String query(EmbeddedPostgres pg, String sql) throws Exception {
    try (Connection c = DriverManager.getConnection(pg.jdbcUrl("postgres"), pg.superuser(), "");
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getString(1);
    }
  }

  @Test
  void createsStartsStopsAndRestartsKeepingData() throws Exception {
    Path home = newHome();
    try (EmbeddedPostgres pg = EmbeddedPostgres.start(home, null, EmbeddedPostgres.Durability.DURABLE)) {
      assertThat(query(pg, "SELECT current_setting('listen_addresses')")).isEqualTo("127.0.0.1");
      try (Connection c = DriverManager.getConnection(pg.jdbcUrl("postgres"), pg.superuser(), "");
          Statement st = c.createStatement()) {
        st.execute("CREATE TABLE kept AS SELECT 42 AS answer");
      }
    }
    assertThat(home.resolve("pg/data/postmaster.pid")).doesNotExist();
    try (EmbeddedPostgres pg = EmbeddedPostgres.start(home, null, EmbeddedPostgres.Durability.DURABLE)) {
      assertThat(query(pg, "SELECT answer FROM kept")).isEqualTo("42");
    }
  }

  @Test
  void aStalePidFileFromACrashDoesNotBlockTheNextStart() throws Exception {
    Path home = newHome();
    EmbeddedPostgres first = EmbeddedPostgres.start(home, null, EmbeddedPostgres.Durability.THROWAWAY);
    long postmaster = Long.parseLong(Files.readAllLines(home.resolve("pg/data/postmaster.pid")).get(0).trim());
    // SIGKILL the postmaster: what a power cut or OOM kill leaves behind. Through ProcessHandle,
    // not /bin/kill, which a fresh Debian without procps lacks
    assertThat(ProcessHandle.of(postmaster).map(ProcessHandle::destroyForcibly)).hasValue(true);
    while (ProcessHandle.of(postmaster).map(ProcessHandle::isAlive).orElse(false)) {
      Thread.sleep(50);
    }
    // and its owner goes too (its stop finds nothing to stop), as when the whole run crashed
    first.close();
    assertThat(home.resolve("pg/data/postmaster.pid")).exists();
    try (EmbeddedPostgres again = EmbeddedPostgres.start(home, null, EmbeddedPostgres.Durability.THROWAWAY)) {
      assertThat(query(again, "SELECT 'up'")).isEqualTo("up");
    }
  }

  @Test
  void aDirectoryInUseByALiveServerIsReportedNotFoughtOver() throws Exception {
    Path home = newHome();
    try (EmbeddedPostgres pg = EmbeddedPostgres.start(home, null, EmbeddedPostgres.Durability.THROWAWAY)) {
      assertThatThrownBy(() -> EmbeddedPostgres.start(home, null, EmbeddedPostgres.Durability.THROWAWAY))
          .isInstanceOf(ConfigException.class)
          .hasMessageContaining("is in use by process");
      assertThat(query(pg, "SELECT 'still up'")).isEqualTo("still up");
    }
  }
}
