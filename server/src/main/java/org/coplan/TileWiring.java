package org.coplan;

import com.zaxxer.hikari.HikariDataSource;
import javax.sql.DataSource;
import org.coplan.changes.ChangeFeed;
import org.coplan.config.CoplanConfig;
import org.coplan.db.Database;
import org.coplan.db.Jdbc;
import org.coplan.db.ReplicaReads;
import org.coplan.settlements.SettlementService;
import org.coplan.tiles.StyleTemplate;
import org.coplan.tiles.TileRepository;
import org.coplan.tiles.TileService;

/**
 * The tiles' part of the composition root: the tile cache's own change feed (its own thread, so
 * that invalidation never waits behind the analysis, and a change request's barrier waits only for
 * the invalidation) and the optional read replica tiles are cut from.
 */
final class TileWiring implements AutoCloseable {
  private final CoplanConfig config;
  private final ChangeFeed feed;
  private final HikariDataSource replica;
  private TileService service;

  private TileWiring(CoplanConfig config, ChangeFeed feed, HikariDataSource replica) {
    this.config = config;
    this.feed = feed;
    this.replica = replica;
  }

  static TileWiring of(CoplanConfig config, DataSource primary) {
    CoplanConfig.Database db = config.database();
    HikariDataSource replica = db.hasReplica()
        ? Database.open(db.replicaUrl(), db.replicaUser(), db.replicaPassword(), db.poolSize())
        : null;
    return new TileWiring(config, new ChangeFeed(primary), replica);
  }

  ChangeFeed feed() {
    return feed;
  }

  /** The tile service, its cache subscribed to this wiring's feed. */
  TileService service(SettlementService settlements, Jdbc primary) {
    ReplicaReads reads = new ReplicaReads(primary, replica == null ? null : new Jdbc(replica));
    service = new TileService(settlements, new TileRepository(primary, reads), StyleTemplate.load(), config.tiles());
    feed.subscribe(service.invalidator(reads));
    return service;
  }

  @Override
  public void close() {
    feed.close();
    if (service != null) {
      service.close();
    }
    if (replica != null) {
      replica.close();
    }
  }
}
