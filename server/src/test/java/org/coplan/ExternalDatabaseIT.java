package org.coplan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Map;
import org.coplan.config.Arguments;
import org.coplan.config.ConfigException;
import org.coplan.config.CoplanConfig;
import org.coplan.testing.TestDatabase;
import org.junit.jupiter.api.Test;

/** With COPLAN_DB_URL the server uses that database and never starts a cluster of its own. */
class ExternalDatabaseIT {

  private static CoplanConfig.Database external(String url) {
    return CoplanConfig.from(Arguments.of(Map.of("db-url", url, "db-user", "postgres"))).database();
  }

  @Test
  void usesTheGivenDatabaseAndStartsNoCluster() {
    TestDatabase.Fresh fresh = TestDatabase.get().newEmptyDatabase();
    fresh.close();
    try (Main.OpenDatabase db = Main.openDatabase(external(TestDatabase.get().jdbcUrl(fresh.name())))) {
      assertThat(db.cluster()).isNull();
      assertThat(db.connection().database()).isEqualTo(fresh.name());
    }
  }

  @Test
  void unreachableDatabaseIsOneClearMessage() throws Exception {
    int closedPort;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = s.getLocalPort();
    }
    assertThatThrownBy(() -> Main.openDatabase(external("jdbc:postgresql://127.0.0.1:" + closedPort + "/coplan")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("cannot connect to the database at jdbc:postgresql://127.0.0.1:" + closedPort)
        .hasMessageContaining("as postgres");
  }

  @Test
  void databaseWithoutPostgisIsOneClearMessage() throws Exception {
    // a superuser could create the extension; a plain user cannot, which is the case to report
    TestDatabase tdb = TestDatabase.get();
    String name = "nopostgis_" + ProcessHandle.current().pid();
    try (Connection c = DriverManager.getConnection(tdb.jdbcUrl("postgres"), "postgres", "");
        Statement st = c.createStatement()) {
      st.execute("CREATE ROLE plain LOGIN");
      st.execute("CREATE DATABASE " + name + " OWNER plain");
    }
    var config =
        CoplanConfig.from(Arguments.of(Map.of("db-url", tdb.jdbcUrl(name), "db-user", "plain"))).database();
    assertThatThrownBy(() -> Main.openDatabase(config))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("PostGIS is not available in the database at " + tdb.jdbcUrl(name))
        .hasMessageContaining("CREATE EXTENSION postgis");
  }
}
