package org.coplan.tiles;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.coplan.changes.ChangeListener;
import org.coplan.config.CoplanConfig;
import org.coplan.db.ReplicaReads;
import org.coplan.settlements.Plan;
import org.coplan.settlements.Settlement;
import org.coplan.settlements.SettlementService;

/**
 * A plan's vector tiles and the documents that describe them. Every tile's bytes come from {@link
 * #tile} through the {@link TileCache}, keyed by {@link TileKey} and invalidated by the {@link
 * TileInvalidator} that {@link #invalidator} makes for the change feed.
 */
public final class TileService implements AutoCloseable {
  private final SettlementService settlements;
  private final TileRepository repository;
  private final StyleTemplate style;
  private final TileCache cache;

  public TileService(
      SettlementService settlements, TileRepository repository, StyleTemplate style, CoplanConfig.Tiles config) {
    this.settlements = settlements;
    this.repository = repository;
    this.style = style;
    this.cache = new TileCache(config);
  }

  /**
   * The listener that keeps the cache right: subscribe it to a change feed.
   *
   * @param reads told of every invalidation, so that refills wait for a lagging replica
   */
  public ChangeListener invalidator(ReplicaReads reads) {
    return new TileInvalidator(cache, repository, reads::awaitPrimaryPosition);
  }

  /**
   * The tile, or a 404 problem when the settlement or plan does not exist. The key's ids are
   * those of an existing plan, matched exactly, so a cached tile is only ever answered for the plan
   * it was cut from.
   */
  TileCache.Lookup tile(TileKey key) {
    settlements.requirePlanExists(key.settlementId(), key.planId());
    return cache.get(key, k -> {
      ReplicaReads.Routed<byte[]> cut = repository.tile(k);
      return new TileCache.Lookup(Tile.of(cut.value()), cut.fromReplica() ? TileCache.Source.REPLICA : TileCache.Source.DATABASE);
    });
  }

  TileCache.Stats cacheStats() {
    return cache.stats();
  }

  /** Whether the tile is cached in memory (for tests). */
  boolean cached(TileKey key) {
    return cache.contains(key);
  }

  @Override
  public void close() {
    cache.close();
  }

  /** @param tilesUrl the absolute tile URL template, with literal {z}, {x} and {y} */
  TileJson tileJson(String settlementId, String planId, String tilesUrl) {
    Settlement settlement = settlements.require(settlementId);
    Plan plan = settlements.requirePlan(settlementId, planId);
    return TileJson.of(settlement, plan, tilesUrl);
  }

  /** The map style of a plan, its source pointing at {@code tileJsonUrl}. */
  ObjectNode style(String settlementId, String planId, String tileJsonUrl) {
    Settlement settlement = settlements.require(settlementId);
    settlements.requirePlan(settlementId, planId);
    return style.render(tileJsonUrl, Camera.fitting(settlement.bbox()));
  }
}
