package org.coplan.analysis.engine;

import java.util.UUID;

/** A feature a conflict involves: its layer and id. */
public record FeatureRef(String layer, UUID id) {
  static FeatureRef of(Structure s) {
    return new FeatureRef("structures", s.id());
  }

  static FeatureRef of(Path p) {
    return new FeatureRef("footpaths", p.id());
  }

  static FeatureRef of(Service s) {
    return new FeatureRef("services", s.id());
  }

  static FeatureRef of(Constraint c) {
    return new FeatureRef("constraints", c.id());
  }
}
