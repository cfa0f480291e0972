package org.coplan.analysis.engine;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.locationtech.jts.geom.Envelope;

/**
 * The analysis of one plan, kept up to date. {@link #run} analyses everything once; after features
 * change in the {@link PlanModel}, {@link #update} re-runs the local checks only for the features
 * within reach of the change (its before and after boxes grown by the largest distance any rule
 * relates two features over), re-nodes only the paths that met the changed ones, reruns the
 * Dijkstra fields (milliseconds) and answers only the conflicts that differ, by primary feature.
 *
 * <p>Not thread-safe: the caller serialises runs and updates of one plan.
 */
public final class Analysis {
  /** What changed in the stored conflicts: every conflict of these primaries is replaced by {@code conflicts}. */
  public record Delta(Set<UUID> primaries, List<Conflict> conflicts) {
    public boolean isEmpty() {
      return primaries.isEmpty();
    }
  }

  private final PlanModel model;
  private final RuleSet rules;
  private final Zones zones;
  private final WalkingNetwork network;
  private final AccessCheck accessCheck;
  private Map<UUID, Access> access = new HashMap<>();
  private Map<UUID, Load> loads = new HashMap<>();
  private final Map<UUID, List<Conflict>> byPrimary = new HashMap<>();
  private Delta initial;
  /** The largest constraint setback: how far constraint checks look. Recomputed when constraints change. */
  private double setbackReach;

  private Analysis(PlanModel model, RuleSet rules) {
    this.model = model;
    this.rules = rules;
    this.zones = new Zones(rules);
    this.network = new WalkingNetwork(model);
    this.accessCheck = new AccessCheck(model, network, rules);
  }

  /** Analyses the whole plan. */
  public static Analysis run(PlanModel model, RuleSet rules) {
    Analysis a = new Analysis(model, rules);
    a.setbackReach = model.largestSetback(rules);
    model.structures().forEach(a.accessCheck::place);
    model.services().forEach(a.accessCheck::place);
    a.accessCheck.fields();
    for (Structure s : model.structures()) {
      a.access.put(s.id(), a.accessCheck.access(s));
    }
    a.loads = a.accessCheck.loads(a.access);
    Set<UUID> all = new LinkedHashSet<>();
    model.structures().forEach(s -> all.add(s.id()));
    model.services().forEach(v -> all.add(v.id()));
    model.paths().forEach(p -> all.add(p.id()));
    a.initial = a.recheck(all);
    return a;
  }

  public PlanModel model() {
    return model;
  }

  public RuleSet rules() {
    return rules;
  }

  /** Every conflict, as the first run found it plus every update since. */
  public List<Conflict> conflicts() {
    List<Conflict> out = new ArrayList<>();
    byPrimary.values().forEach(out::addAll);
    return out;
  }

  /** What the first run found, for the first write. */
  public Delta initial() {
    return initial;
  }

  public Map<UUID, Access> access() {
    return access;
  }

  public Map<UUID, Load> loads() {
    return loads;
  }

  int networkNodes() {
    return network.nodeCount();
  }

  /**
   * Brings the analysis up to date after the features in {@code changed} (layer → ids) were put
   * into or removed from the model. {@code boxes} are their envelopes before and after, in metres.
   */
  public Delta update(Map<String, Set<UUID>> changed, Collection<Envelope> boxes) {
    if (changed.containsKey("constraints")) {
      setbackReach = model.largestSetback(rules);
    }
    double reach = rules.reach() + setbackReach + zones.widestCorridor();
    List<Envelope> region = new ArrayList<>();
    for (Envelope b : boxes) {
      Envelope e = new Envelope(b);
      e.expandBy(reach);
      region.add(e);
    }
    Set<UUID> primaries = new LinkedHashSet<>();
    changed.values().forEach(primaries::addAll);
    for (Envelope e : region) {
      model.structures.near(e).forEach(s -> primaries.add(s.id()));
      model.services.near(e).forEach(v -> primaries.add(v.id()));
      model.paths.near(e).forEach(p -> primaries.add(p.id()));
    }
    Set<UUID> paths = changed.getOrDefault("footpaths", Set.of());
    Set<UUID> services = changed.getOrDefault("services", Set.of());
    Set<UUID> structures = changed.getOrDefault("structures", Set.of());
    if (!paths.isEmpty()) {
      network.update(paths, boxes);
      replace(model.structures(), accessCheck.structurePositions, paths, boxes, accessCheck::place);
      replace(model.services(), accessCheck.servicePositions, paths, boxes, accessCheck::place);
    }
    for (UUID id : structures) {
      Structure s = model.structures.get(id);
      if (s == null) {
        accessCheck.structurePositions.remove(id);
      } else {
        accessCheck.place(s);
      }
    }
    for (UUID id : services) {
      Service v = model.services.get(id);
      if (v == null) {
        accessCheck.servicePositions.remove(id);
      } else {
        accessCheck.place(v);
      }
    }
    Map<UUID, Access> before = access;
    if (!paths.isEmpty() || !services.isEmpty()) {
      accessCheck.fields();
      Map<UUID, Access> now = new HashMap<>();
      for (Structure s : model.structures()) {
        now.put(s.id(), accessCheck.access(s));
      }
      access = now;
    } else {
      access = new HashMap<>(access);
      for (UUID id : structures) {
        Structure s = model.structures.get(id);
        if (s == null) {
          access.remove(id);
        } else {
          access.put(id, accessCheck.access(s));
        }
      }
    }
    for (Map.Entry<UUID, Access> e : access.entrySet()) {
      if (!e.getValue().equals(before.get(e.getKey()))) {
        primaries.add(e.getKey());
      }
    }
    Map<UUID, Load> loadsBefore = loads;
    loads = accessCheck.loads(access);
    for (Map.Entry<UUID, Load> e : loads.entrySet()) {
      if (!e.getValue().equals(loadsBefore.get(e.getKey()))) {
        primaries.add(e.getKey());
      }
    }
    loadsBefore.keySet().stream().filter(k -> !loads.containsKey(k)).forEach(primaries::add);
    return recheck(primaries);
  }

  /**
   * Re-runs the checks of these primary features (those gone from the model lose their conflicts)
   * and answers the ones whose conflicts differ from before.
   */
  private Delta recheck(Set<UUID> primaries) {
    Set<UUID> replaced = new LinkedHashSet<>();
    List<Conflict> added = new ArrayList<>();
    for (UUID id : primaries) {
      List<Conflict> now = conflictsOf(id);
      List<Conflict> old = byPrimary.getOrDefault(id, List.of());
      if (!same(old, now)) {
        replaced.add(id);
        added.addAll(now);
        if (now.isEmpty()) {
          byPrimary.remove(id);
        } else {
          byPrimary.put(id, now);
        }
      }
    }
    return new Delta(replaced, added);
  }

  private List<Conflict> conflictsOf(UUID id) {
    List<Conflict> out = new ArrayList<>();
    double reach = setbackReach;
    Structure s = model.structures.get(id);
    if (s != null) {
      CorridorCheck.check(s, model, zones, rules, out);
      ConstraintCheck.check(id, FeatureRef.of(s), "Structure " + s.label(), s.geometry(), ": relocation needed",
          model, zones, reach, out);
      FrontageCheck.check(s, model, rules, out);
      Access a = access.get(id);
      if (a != null) {
        accessCheck.conflicts(s, a, out);
      }
    }
    Service v = model.services.get(id);
    if (v != null) {
      ServiceSitingCheck.check(v, model, zones, rules, out);
      ConstraintCheck.check(id, FeatureRef.of(v), capitalised(v.label()), v.geometry(), ": move the service",
          model, zones, reach, out);
      Load load = loads.get(id);
      if (load != null) {
        accessCheck.loadConflict(v, load, out);
      }
    }
    Path p = model.paths.get(id);
    if (p != null && p.planned()) {
      ConstraintCheck.check(id, FeatureRef.of(p), p.label(), p.geometry(), ": reroute the path", model, zones, reach, out);
    }
    return out;
  }

  private static boolean same(List<Conflict> a, List<Conflict> b) {
    if (a.size() != b.size()) {
      return false;
    }
    for (int i = 0; i < a.size(); i++) {
      if (!a.get(i).sameAs(b.get(i))) {
        return false;
      }
    }
    return true;
  }

  /**
   * After paths changed, joins again to the network the features whose join may have changed: those
   * joined to a changed path, and those nearer a changed path's new place than to their own join.
   */
  private static <T> void replace(
      Collection<T> features, Map<UUID, WalkingNetwork.Position> positions, Set<UUID> paths, Collection<Envelope> boxes,
      java.util.function.Consumer<T> place) {
    for (T f : features) {
      UUID id = f instanceof Structure s ? s.id() : ((Service) f).id();
      Envelope env = f instanceof Structure s ? s.geometry().getEnvelopeInternal() : ((Service) f).geometry().getEnvelopeInternal();
      WalkingNetwork.Position at = positions.get(id);
      boolean again = at == null || paths.contains(at.path());
      if (!again) {
        for (Envelope b : boxes) {
          if (env.distance(b) < at.offset()) {
            again = true;
            break;
          }
        }
      }
      if (again) {
        place.accept(f);
      }
    }
  }

  private static String capitalised(String s) {
    return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }

  /** Conflicts in a stable order, for tests and writes. */
  static Comparator<Conflict> order() {
    return Comparator.comparing((Conflict c) -> c.primary().toString()).thenComparing(c -> c.type().ordinal());
  }
}
