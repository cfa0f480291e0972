package org.coplan.tiles;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.coplan.CoplanServer;
import org.coplan.analysis.synthetic.SyntheticSettlement;
import org.coplan.analysis.synthetic.SyntheticWriter;
import org.coplan.config.Arguments;
import org.coplan.config.CoplanConfig;
import org.coplan.db.Database;
import org.coplan.db.EmbeddedPostgres;
import org.coplan.db.Jdbc;
import org.coplan.testing.StreamingReplica;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Tiles cut by a streaming replica (COPLAN_DB_REPLICA_URL), with read-your-writes: while the
 * replica lags behind an edit (its replay paused here), the tiles the edit invalidated are cut by
 * the primary, never refilled with the replica's old data; once the replica has caught up, tiles
 * come from it again. Its own small primary cluster (a synthetic settlement of 2,000 structures),
 * so the base backup is quick.
 */
class ReplicaIT {
  static Path home;
  static EmbeddedPostgres primary;
  static HikariDataSource primaryDb;
  static StreamingReplica replica;
  static HikariDataSource replicaDb;
  static CoplanServer server;
  static final HttpClient client = HttpClient.newHttpClient();
  static double lon;
  static double lat;

  @BeforeAll
  static void start() throws Exception {
    home = Files.createTempDirectory(Path.of("/tmp"), "coplan-primary-");
    Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwxr-xr-x"));
    primary = EmbeddedPostgres.start(home, null, EmbeddedPostgres.Durability.THROWAWAY);
    Database.createDatabaseIfMissing(primary.jdbcUrl("postgres"), primary.superuser(), "coplan", null);
    primaryDb = Database.open(primary.jdbcUrl("coplan"), primary.superuser(), null, 6);
    Database.migrate(primaryDb);
    SyntheticWriter.write(new Jdbc(primaryDb), "syn", "Synthetic", SyntheticSettlement.generate(2000, 60, 10, 1));
    execute(primaryDb, "UPDATE settlement SET is_public = true WHERE id = 'syn'");
    double[] centre = centre();
    lon = centre[0];
    lat = centre[1];

    replica = StreamingReplica.of(primary.port());
    replicaDb = Database.open(replica.jdbcUrl("coplan"), primary.superuser(), null, 2);
    CoplanConfig config = CoplanConfig.from(Arguments.of(Map.of(
        "port", "0", "host", "127.0.0.1", "db-replica-url", replica.jdbcUrl("coplan"))));
    server = CoplanServer.start(config, primaryDb);
  }

  @AfterAll
  static void stop() throws Exception {
    if (server != null) {
      server.close();
    }
    if (replicaDb != null) {
      replicaDb.close();
    }
    if (replica != null) {
      replica.close();
    }
    primaryDb.close();
    primary.close();
  }

  @Test
  void tilesComeFromTheReplicaExceptWhileItLagsBehindAnEdit() throws Exception {
    int z = 16;
    String tile = tile(z, DecodedTile.column(lon, z), DecodedTile.row(lat, z));
    HttpResponse<byte[]> first = get(tile);
    assertThat(first.statusCode()).isEqualTo(200);
    assertThat(first.headers().firstValue(TileResource.CACHE_HEADER)).hasValue("replica");
    String id = (String) DecodedTile.of(first.body()).layer("structures").get(0).properties().get("id");
    // the set-up's own changes heard, and the tile kept (a load that a change overtook is not kept)
    assertThat(server.settled(Duration.ofSeconds(30))).isTrue();
    HttpResponse<byte[]> kept = get(tile);
    for (int i = 0; i < 3 && !"memory".equals(kept.headers().firstValue(TileResource.CACHE_HEADER).orElse("")); i++) {
      kept = get(tile);
    }
    assertThat(kept.headers().firstValue(TileResource.CACHE_HEADER)).as("cached").hasValue("memory");

    // the replica stops replaying; an edit then commits on the primary (outside the API: the
    // database announces it all the same)
    execute(replicaDb, "SELECT pg_wal_replay_pause()");
    // a pause is only requested at first: replay may go on until the startup process sees it
    long pausing = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!"paused".equals(scalar(replicaDb, "SELECT pg_get_wal_replay_pause_state()")) && System.nanoTime() < pausing) {
      Thread.sleep(20);
    }
    assertThat(scalar(replicaDb, "SELECT pg_get_wal_replay_pause_state()")).isEqualTo("paused");
    execute(primaryDb, "UPDATE structures SET use = 'health', version = version + 1 WHERE plan_id = 'baseline' AND id = '" + id + "'");

    // once this instance has heard the edit, the tile is gone and the lagging replica may not refill it
    assertThat(server.settled(Duration.ofSeconds(30))).isTrue();
    HttpResponse<byte[]> after = get(tile);
    assertThat(after.headers().firstValue(TileResource.CACHE_HEADER))
        .as("refilled by the primary (replica replayed %s, %s; primary at %s)",
            scalar(replicaDb, "SELECT pg_last_wal_replay_lsn()::text"), scalar(replicaDb, "SELECT pg_get_wal_replay_pause_state()"),
            scalar(primaryDb, "SELECT pg_current_wal_lsn()::text"))
        .hasValue("database");
    assertThat(FreshTilesIT.find(after, id).properties().get("use")).isEqualTo("health");
    assertThat(scalar(replicaDb, "SELECT use FROM structures WHERE plan_id = 'baseline' AND id = '" + id + "'"))
        .as("the replica has not seen the edit").isNotEqualTo("health");

    execute(replicaDb, "SELECT pg_wal_replay_resume()");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!"health".equals(scalar(replicaDb, "SELECT use FROM structures WHERE plan_id = 'baseline' AND id = '" + id + "'"))
        && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    // caught up: an uncached tile over the same place is the replica's again, with the edit
    int zz = 17;
    HttpResponse<byte[]> later = get(tile(zz, DecodedTile.column(lon, zz), DecodedTile.row(lat, zz)));
    assertThat(later.headers().firstValue(TileResource.CACHE_HEADER)).hasValue("replica");
  }

  private static String tile(int z, int x, int y) {
    return "/api/settlements/syn/plans/baseline/tiles/" + z + "/" + x + "/" + y + ".mvt";
  }

  private static HttpResponse<byte[]> get(String path) throws Exception {
    return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).build(),
        HttpResponse.BodyHandlers.ofByteArray());
  }

  /** Lon/lat of a structure near the settlement's middle. */
  private static double[] centre() throws SQLException {
    try (Connection c = primaryDb.getConnection();
        PreparedStatement ps = c.prepareStatement(
            "SELECT ST_X(p), ST_Y(p) FROM (SELECT ST_Centroid(geom) AS p FROM structures WHERE settlement_id = 'syn'"
                + " ORDER BY geom <-> (SELECT ST_SetSRID(ST_Centroid(ST_Extent(geom)::geometry), 4326) FROM structures WHERE settlement_id = 'syn') LIMIT 1) s");
        ResultSet rs = ps.executeQuery()) {
      rs.next();
      return new double[] {rs.getDouble(1), rs.getDouble(2)};
    }
  }

  private static void execute(HikariDataSource ds, String sql) throws SQLException {
    try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
      ps.execute();
    }
  }

  private static String scalar(HikariDataSource ds, String sql) throws SQLException {
    try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
      return rs.next() ? rs.getString(1) : null;
    }
  }
}
