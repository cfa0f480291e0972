package org.coplan.changes;

import java.util.List;
import org.coplan.layers.Layer;
import org.locationtech.jts.geom.Envelope;

/**
 * One committed statement's changes to one layer of one plan, as the database announced them.
 *
 * @param count how many feature rows the statement wrote
 * @param extent lon/lat box of every geometry before and after the change (null when none)
 * @param features each changed feature with its boxes; empty for a bulk change (more than the
 *     database lists, see V005__change_feed.sql), when only {@code count} and {@code extent} are known
 */
public record FeatureChange(
    String settlementId, String planId, Layer layer, int count, Envelope extent, List<ChangedFeature> features) {

  public FeatureChange {
    features = List.copyOf(features);
  }

  /** True when the features are not listed one by one. */
  public boolean bulk() {
    return features.isEmpty() && count > 0;
  }
}
