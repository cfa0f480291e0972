package org.coplan.settlements;

/**
 * Where the settlement detail gets the indicators that inform its category (share of structures
 * in no-build areas, outside each service norm, density). The analysis feature provides them; the
 * settlements feature only shows them, so it does not depend on the analysis. The category itself
 * stays a recorded human decision with its reasons.
 */
@FunctionalInterface
public interface IndicatorSource {
  /** The indicators of the settlement, ready to serialise, or null when there are none. */
  Object indicators(String settlementId);

  IndicatorSource NONE = sid -> null;
}
