package org.coplan.analysis.engine;

import java.util.Map;

/**
 * The agreed service levels and planning parameters one analysis runs under. Every distance is in
 * metres in the settlement's metric CRS; every share is a fraction (0.6 = 60%). No figure of the
 * analysis is a constant in code: it is here, and a settlement's planners set it (presets in
 * {@code resources/analysis/presets}).
 *
 * @param corridor when a planned footpath or road cuts a structure
 * @param water tap distance and households per tap
 * @param toilet toilet distance, households and people per toilet, distance from water points
 * @param fire hose distances to roads, fire-break gap and the largest cluster allowed
 * @param access frontage distance and how far a structure may be from the path network
 * @param setbacks extra setback per constraint kind (the larger of this and the constraint's own)
 * @param drainSetback how far point services (taps, toilets) keep from drain and sewer lines; also
 *     the strip along a service line that another sector's line must not run inside
 * @param maxSharedLength a service line may run at most this long inside a planned path's corridor
 *     or another sector's line strip (a crossing is short; running along is competing for space)
 */
public record RuleSet(
    Corridor corridor,
    Water water,
    Toilet toilet,
    Fire fire,
    Access access,
    Map<String, Double> setbacks,
    double drainSetback,
    double maxSharedLength) {

  public RuleSet {
    setbacks = Map.copyOf(setbacks);
  }

  /**
   * @param clearance kept clear either side of a path, beyond half its width
   * @param minRemainingShare a cut structure keeping less than this share of its footprint is relocated
   * @param minRemainingArea a cut structure keeping less than this area (m²) is relocated
   */
  public record Corridor(double clearance, double minRemainingShare, double minRemainingArea) {}

  /** @param maxWalk walking distance to the nearest tap; @param householdsPerTap default capacity of a tap */
  public record Water(double maxWalk, int householdsPerTap) {}

  /**
   * @param maxWalk walking distance to the nearest toilet
   * @param householdsPerToilet default capacity of a toilet, in households (0: not a norm)
   * @param peoplePerToilet people per toilet (0: not a norm)
   * @param minDistanceFromWater a toilet nearer a water point than this is a conflict (0: not a norm)
   */
  public record Toilet(double maxWalk, int householdsPerToilet, int peoplePerToilet, double minDistanceFromWater) {}

  /**
   * @param gravelRoad every structure within this distance of a gravel or earth road or lane
   * @param pavedRoad ... or within this distance of a paved road or lane
   * @param breakGap structures nearer each other than this form one fire cluster
   * @param maxClusterStructures a cluster of more structures than this needs a fire break
   */
  public record Fire(double gravelRoad, double pavedRoad, double breakGap, int maxClusterStructures) {}

  /**
   * @param frontage a structure within this distance of a footpath or road has frontage on it
   * @param maxSnap a structure farther than this from every path is not connected to the network
   * @param maxBlockDepth a block whose structures are more layers deep than this conflicts (layer 1
   *     has frontage, layer k+1 reaches a path only through a layer-k structure)
   */
  public record Access(double frontage, double maxSnap, int maxBlockDepth) {}

  /** The setback of a constraint: the larger of its own and the rule set's for its kind. */
  public double setbackFor(String kind, double own) {
    return Math.max(own, setbacks.getOrDefault(kind, 0.0));
  }

  /** The largest distance at which any rule relates two features: the neighbourhood of a change. */
  public double reach() {
    double r = Math.max(corridor.clearance() + 30 / 2.0, access.frontage());
    r = Math.max(r, Math.max(toilet.minDistanceFromWater(), drainSetback));
    r = Math.max(r, fire.breakGap());
    for (double s : setbacks.values()) {
      r = Math.max(r, s);
    }
    return r;
  }
}
