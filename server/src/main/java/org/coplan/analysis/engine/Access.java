package org.coplan.analysis.engine;

import java.util.UUID;

/**
 * Walking access of one structure (check 4), in metres along the path network; {@code
 * Double.POSITIVE_INFINITY} where nothing of the kind can be reached.
 *
 * @param offset straight distance from the footprint to the nearest path (infinite: not connected)
 * @param water walking distance to the nearest water point, which is {@code waterService}
 * @param toilet walking distance to the nearest toilet, which is {@code toiletService}
 * @param gravelRoad distance along the paths to the nearest unpaved road or lane
 * @param pavedRoad distance along the paths to the nearest paved road or lane
 */
public record Access(
    double offset, double water, UUID waterService, double toilet, UUID toiletService, double gravelRoad,
    double pavedRoad) {

  static final Access NOT_CONNECTED =
      new Access(Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, null, Double.POSITIVE_INFINITY, null,
          Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY);

  public boolean connected() {
    return offset != Double.POSITIVE_INFINITY;
  }

  public boolean waterWithin(RuleSet r) {
    return water <= r.water().maxWalk();
  }

  public boolean toiletWithin(RuleSet r) {
    return toilet <= r.toilet().maxWalk();
  }

  public boolean fireWithin(RuleSet r) {
    return gravelRoad <= r.fire().gravelRoad() || pavedRoad <= r.fire().pavedRoad();
  }
}
