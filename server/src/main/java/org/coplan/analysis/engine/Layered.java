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
import org.locationtech.jts.index.strtree.STRtree;

/**
 * The features of one layer by id, with a spatial index that takes edits. The features loaded
 * first go into an {@link STRtree}, bulk-built on the first query (the fastest index to query, but
 * it cannot change once built); features put later go into a small {@link Quadtree} beside it. A
 * query asks both and keeps only the live version of each feature, so a replaced or removed feature
 * left in the STRtree is skipped. Rebuilding an STRtree over 100,000 footprints after every moved
 * path would cost more than the re-analysis itself.
 */
final class Layered<T> {
  private final Map<UUID, T> byId = new LinkedHashMap<>();
  private final Function<T, UUID> id;
  private final Function<T, Geometry> geometry;
  private STRtree base = new STRtree();
  private boolean built;
  private Quadtree later = new Quadtree();
  /** Entries in {@link #later}: {@link Quadtree#size} walks the whole tree. */
  private int laterSize;
  private int stale;

  Layered(Function<T, UUID> id, Function<T, Geometry> geometry) {
    this.id = id;
    this.geometry = geometry;
  }

  void put(T item) {
    T old = byId.put(id.apply(item), item);
    if (old == item) {
      return;
    }
    if (old != null) {
      forget(old);
    }
    if (built) {
      later.insert(geometry.apply(item).getEnvelopeInternal(), item);
      laterSize++;
    } else {
      base.insert(geometry.apply(item).getEnvelopeInternal(), item);
    }
  }

  /** Removes the feature, returning it (null when absent). */
  T remove(UUID key) {
    T old = byId.remove(key);
    if (old != null) {
      forget(old);
    }
    return old;
  }

  private void forget(T old) {
    if (built && later.remove(geometry.apply(old).getEnvelopeInternal(), old)) {
      laterSize--;
    } else {
      stale++;
    }
    // many dead entries in the bulk index: build it again from the live features
    if (built && stale > 1000 && stale > byId.size() / 10) {
      base = new STRtree();
      later = new Quadtree();
      laterSize = 0;
      byId.values().forEach(t -> base.insert(geometry.apply(t).getEnvelopeInternal(), t));
      built = false;
      stale = 0;
    }
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

  /** Builds the bulk index now, so that queries from several threads only read. */
  void build() {
    if (!built) {
      base.build();
      built = true;
    }
  }

  /** The live features whose envelope meets {@code box}. */
  @SuppressWarnings("unchecked")
  List<T> near(Envelope box) {
    build();
    List<T> out = new ArrayList<>();
    base.query(box, o -> {
      T t = (T) o;
      if (byId.get(id.apply(t)) == t) {
        out.add(t);
      }
    });
    if (laterSize > 0) {
      for (Object o : later.query(box)) {
        T t = (T) o;
        if (geometry.apply(t).getEnvelopeInternal().intersects(box) && byId.get(id.apply(t)) == t) {
          out.add(t);
        }
      }
    }
    return out;
  }
}
