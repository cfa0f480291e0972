package org.coplan.changes;

import java.util.List;
import org.locationtech.jts.geom.Envelope;

/**
 * One committed statement's change to a plan's stored analysis results (table {@code conflict}), as
 * the database announced it (V009__tile_invalidation.sql).
 *
 * @param count how many conflict rows the statement removed or added
 * @param extent lon/lat box of all of them
 * @param boxes the lon/lat box of each; empty when there were too many to list
 */
public record ConflictChange(String settlementId, String planId, int count, Envelope extent, List<Envelope> boxes) {
  public ConflictChange {
    boxes = List.copyOf(boxes);
  }
}
