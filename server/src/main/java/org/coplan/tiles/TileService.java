package org.coplan.tiles;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.coplan.settlements.Plan;
import org.coplan.settlements.Settlement;
import org.coplan.settlements.SettlementService;

/**
 * A plan's vector tiles and the documents that describe them. Every tile's bytes come from {@link
 * #tile}, the one place a tile cache will sit (keyed by {@link TileKey}, invalidated by plan edits).
 */
public final class TileService {
  private final SettlementService settlements;
  private final TileRepository repository;
  private final StyleTemplate style;

  public TileService(SettlementService settlements, TileRepository repository, StyleTemplate style) {
    this.settlements = settlements;
    this.repository = repository;
    this.style = style;
  }

  /** The tile, or a 404 problem when the settlement or plan does not exist. */
  Tile tile(TileKey key) {
    settlements.requirePlan(key.settlementId(), key.planId());
    return Tile.of(repository.tile(key));
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
