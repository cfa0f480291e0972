package org.coplan.changes;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import org.coplan.layers.Layer;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Envelope;

class QueuedChangeListenerTest {
  static final Layer STRUCTURES = Layer.byId("structures").orElseThrow();
  static final Layer FOOTPATHS = Layer.byId("footpaths").orElseThrow();

  static FeatureChange edit(String plan, Layer layer, double x) {
    Envelope box = new Envelope(x, x + 1, 0, 1);
    return new FeatureChange("s", plan, layer, 1, box, List.of(new ChangedFeature(UUID.randomUUID(), 2, false, "a", box, box)));
  }

  @Test
  void consecutiveChangesOfOnePlanAndLayerAreJoinedAndNothingIsReordered() {
    FeatureChange a = edit("baseline", STRUCTURES, 0);
    FeatureChange b = edit("baseline", STRUCTURES, 5);
    FeatureChange c = edit("baseline", FOOTPATHS, 9);
    Runnable missed = () -> {};
    FeatureChange d = edit("baseline", STRUCTURES, 2);
    List<Object> out = QueuedChangeListener.merged(List.of(a, b, c, missed, d));

    assertThat(out).hasSize(4);
    FeatureChange ab = (FeatureChange) out.get(0);
    assertThat(ab.features()).containsExactly(a.features().get(0), b.features().get(0));
    assertThat(ab.count()).isEqualTo(2);
    assertThat(ab.extent()).isEqualTo(new Envelope(0, 6, 0, 1));
    assertThat(out.subList(1, 4)).containsExactly(c, missed, d);
  }

  @Test
  void aBulkChangeMakesTheJoinedChangeBulkOverBothExtents() {
    FeatureChange bulk = new FeatureChange("s", "p", STRUCTURES, 500, new Envelope(10, 20, 0, 1), List.of());
    FeatureChange one = edit("p", STRUCTURES, 0);
    FeatureChange joined = (FeatureChange) QueuedChangeListener.merged(List.of(one, bulk)).get(0);
    assertThat(joined.bulk()).isTrue();
    assertThat(joined.count()).isEqualTo(501);
    assertThat(joined.extent()).isEqualTo(new Envelope(0, 20, 0, 1));
  }
}
