package org.coplan.analysis.engine;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.locationtech.jts.geom.Geometry;

/**
 * One conflict: what kind, how bad, which features, where (in metres), the measured value against
 * the norm, and a sentence for people. {@code primary} is the feature the conflict is filed under
 * (the structure that is cut, the service that is misplaced): re-analysis replaces conflicts by
 * primary feature.
 *
 * @param measured the measured value in {@code unit}, null when there is none
 * @param norm the norm it is held against, null when there is none
 * @param params the values the sentence is made of, by name (for translation); the sentence is
 *     rendered from them when asked for ({@link #sentence}), not when the conflict is made: a full
 *     analysis makes hundreds of thousands of conflicts, and most are only ever written once
 */
public record Conflict(
    ConflictType type,
    UUID primary,
    List<FeatureRef> features,
    Geometry geometry,
    Double measured,
    Double norm,
    String unit,
    Map<String, Object> params) {

  public Conflict {
    features = List.copyOf(features);
    params = Map.copyOf(params);
  }

  static Conflict of(
      ConflictType type, UUID primary, List<FeatureRef> features, Geometry geometry, Double measured, Double norm,
      String unit, Map<String, Object> params) {
    return new Conflict(type, primary, features, geometry, measured, norm, unit, params);
  }

  /** The plain-language sentence, in English, from the type's template and {@link #params}. */
  public String sentence() {
    return Sentences.render(type, params);
  }

  /** True when two results of re-analysis are the same conflict with the same numbers and place. */
  public boolean sameAs(Conflict o) {
    return type == o.type
        && primary.equals(o.primary)
        && features.equals(o.features)
        && Objects.equals(measured, o.measured)
        && Objects.equals(norm, o.norm)
        && Objects.equals(unit, o.unit)
        && params.equals(o.params)
        && geometry.equalsExact(o.geometry);
  }
}
