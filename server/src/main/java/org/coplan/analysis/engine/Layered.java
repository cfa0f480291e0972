package org.coplan.analysis.engine;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.index.quadtree.Quadtree;

/**
 * The features of one layer by id, with a spatial index that can change in place. A {@link
 * Quadtree} rather than an STRtree: STRtrees are built once and cannot take an edit, and rebuilding
 * one over 100,000 footprints after every moved path would cost more than the re-analysis itself.
 */
final class Layered<T> {
  private final Map<UUID, T> byId = new LinkedHashMap<>();
  private final Quadtree index = new Quadtree();
  private final Function<T, UUID> id;
  private final Function<T, Geometry> geometry;

  Layered(Function<T, UUID> id, Function<T, Geometry> geometry) {
    this.id = id;
    this.geometry = geometry;
  }

  void put(T item) {
    remove(id.apply(item));
    byId.put(id.apply(item), item);
    index.insert(geometry.apply(item).getEnvelopeInternal(), item);
  }

  /** Removes the feature, returning it (null when absent). */
  T remove(UUID key) {
    T old = byId.remove(key);
    if (old != null) {
      index.remove(geometry.apply(old).getEnvelopeInternal(), old);
    }
    return old;
  }

  T get(UUID key) {
    return byId.get(key);
  }

  Collection<T> all() {
    return byId.values();
  }

  int size() {
    return byId.size();
  }

  /** The features whose envelope meets {@code box}. */
  @SuppressWarnings("unchecked")
  List<T> near(Envelope box) {
    List<T> out = new ArrayList<>();
    for (Object o : index.query(box)) {
      T t = (T) o;
      if (geometry.apply(t).getEnvelopeInternal().intersects(box)) {
        out.add(t);
      }
    }
    return out;
  }
}
