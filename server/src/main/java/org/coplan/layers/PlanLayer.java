package org.coplan.layers;

import org.coplan.settlements.Plan;

/** A layer as one plan sees it: the collection of the OGC API. */
record PlanLayer(Plan plan, Layer layer) {
  String settlementId() {
    return plan.settlementId();
  }

  String planId() {
    return plan.id();
  }

  /** How a 404 names it: the collection, its plan and its settlement. */
  String describe() {
    return "collection '" + layer.id() + "' of plan '" + planId() + "' of settlement '" + settlementId() + "'";
  }
}
