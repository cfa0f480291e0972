package org.coplan.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.coplan.db.Jdbc;
import org.coplan.testing.TestDatabase;
import org.junit.jupiter.api.Test;

/** The demo loads once, whole, and a leftover from an interrupted load does not get in the way. */
class DemoLoaderIT {

  private static long count(TestDatabase.Fresh db, String sql) throws Exception {
    try (Connection c = db.dataSource().getConnection();
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  @Test
  void loadsTandaleIntoAnEmptyDatabaseDespiteALeftoverStagingSchemaAndNeverTwice() throws Exception {
    try (TestDatabase.Fresh db = TestDatabase.get().newEmptyDatabase()) {
      try (Connection c = db.dataSource().getConnection();
          Statement st = c.createStatement()) {
        // what a load killed half-way leaves: a staging schema, no settlement
        st.execute("CREATE SCHEMA demo_staging; CREATE TABLE demo_staging.buildings (junk int)");
      }
      DemoLoader loader = new DemoLoader(new Jdbc(db.dataSource()), db.connection(), TestDatabase.dataDir());

      assertThat(loader.loadIfMissing()).isTrue();
      assertThat(count(db, "SELECT count(*) FROM structures WHERE settlement_id = 'tandale'")).isEqualTo(8085);
      assertThat(count(db, "SELECT count(*) FROM footpaths WHERE settlement_id = 'tandale'")).isEqualTo(863);
      assertThat(count(db, "SELECT count(*) FROM constraints WHERE severity = 'no_build'")).isPositive();
      assertThat(count(db, "SELECT count(*) FROM constraints WHERE kind = 'drain' AND severity = 'conditional'"))
          .isPositive();
      assertThat(count(db, "SELECT count(*) FROM pg_namespace WHERE nspname = 'demo_staging'")).isZero();
      // the estimate: one household per 40 m² of residential floor area, at least one; 4 people each
      assertThat(count(db, "SELECT count(*) FROM structures WHERE use = 'residential' AND households < 1"))
          .isZero();
      assertThat(count(db, "SELECT count(*) FROM structures WHERE people <> households * 4")).isZero();

      assertThat(loader.loadIfMissing()).isFalse();
      assertThat(count(db, "SELECT count(*) FROM structures")).isEqualTo(8085);
      assertThat(count(db, "SELECT count(*) FROM plan")).isEqualTo(1);
    }
  }
}
