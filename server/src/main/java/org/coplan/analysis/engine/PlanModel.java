package org.coplan.analysis.engine;

import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.locationtech.jts.geom.Envelope;

/**
 * A plan's four layers in memory, in the settlement's metric CRS, indexed: what the checks read.
 * Loaded once, then changed feature by feature as edits arrive, so that re-analysis after an edit
 * reads nothing from the database but the edited features.
 */
public final class PlanModel {
  final Layered<Structure> structures = new Layered<>(Structure::id, Structure::geometry);
  final Layered<Path> paths = new Layered<>(Path::id, Path::geometry);
  final Layered<Service> services = new Layered<>(Service::id, Service::geometry);
  final Layered<Constraint> constraints = new Layered<>(Constraint::id, Constraint::geometry);

  public static PlanModel of(
      List<Structure> structures, List<Path> paths, List<Service> services, List<Constraint> constraints) {
    PlanModel m = new PlanModel();
    structures.forEach(m.structures::put);
    paths.forEach(m.paths::put);
    services.forEach(m.services::put);
    constraints.forEach(m.constraints::put);
    return m;
  }

  public void put(Structure s) {
    structures.put(s);
  }

  public void put(Path p) {
    paths.put(p);
  }

  public void put(Service s) {
    services.put(s);
  }

  public void put(Constraint c) {
    constraints.put(c);
  }

  /** Removes the feature from whichever layer holds it; returns its old envelope, or null. */
  public Envelope remove(String layer, UUID id) {
    return switch (layer) {
      case "structures" -> envelope(structures.remove(id), Structure::geometry);
      case "footpaths" -> envelope(paths.remove(id), Path::geometry);
      case "services" -> envelope(services.remove(id), Service::geometry);
      case "constraints" -> envelope(constraints.remove(id), Constraint::geometry);
      default -> throw new IllegalArgumentException(layer);
    };
  }

  private static <T> Envelope envelope(T old, java.util.function.Function<T, org.locationtech.jts.geom.Geometry> g) {
    return old == null ? null : g.apply(old).getEnvelopeInternal();
  }

  public Collection<Structure> structures() {
    return structures.all();
  }

  public Collection<Path> paths() {
    return paths.all();
  }

  public Collection<Service> services() {
    return services.all();
  }

  public Collection<Constraint> constraints() {
    return constraints.all();
  }

  public Structure structure(UUID id) {
    return structures.get(id);
  }

  /** Builds every index, so that the checks can query them from several threads. */
  void buildIndexes() {
    structures.build();
    paths.build();
    services.build();
    constraints.build();
  }

  /** The largest setback any constraint asks for, by its own attribute or the rule set. */
  double largestSetback(RuleSet rules) {
    double max = 0;
    for (Constraint c : constraints.all()) {
      max = Math.max(max, rules.setbackFor(c.kind(), c.setback()));
    }
    return max;
  }
}
