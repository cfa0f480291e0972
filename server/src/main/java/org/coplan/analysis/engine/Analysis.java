package org.coplan.analysis.engine;

import java.util.ArrayList;
import java.util.Arrays;
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
  private final FireClusters fire;
  private final BlockDepth blocks;
  private Map<UUID, Access> access = new HashMap<>();
  private Map<UUID, Load> loads = new HashMap<>();
  private final Map<UUID, List<Conflict>> byPrimary = new HashMap<>();
  private Delta initial;
  /** The largest constraint setback: how far constraint checks look. Recomputed when constraints change. */
  private double setbackReach;
  /** The largest corridor radius of any path the model has held: how far a path's checks look. Never shrinks. */
  private double pathReach;

  private Analysis(PlanModel model, RuleSet rules) {
    this.model = model;
    this.rules = rules;
    this.zones = new Zones(rules);
    this.network = new WalkingNetwork(model);
    this.accessCheck = new AccessCheck(model, network, rules);
    this.fire = new FireClusters(model, rules);
    this.blocks = new BlockDepth(model, network, rules);
  }

  /**
   * Analyses the whole plan. The per-feature work (joining the network, access, the checks) runs on
   * all cores: it only reads the model, the indexes (built first) and the zones (made first).
   */
  public static Analysis run(PlanModel model, RuleSet rules) {
    Analysis a = new Analysis(model, rules);
    a.setbackReach = model.largestSetback(rules);
    model.buildIndexes();
    for (Path p : model.paths()) {
      a.pathReach = Math.max(a.pathReach, a.zones.corridorRadius(p));
      if (p.planned()) {
        a.zones.corridor(p);
      }
    }
    model.constraints().forEach(a.zones::zone);
    a.fire.run();
    List<Structure> structures = List.copyOf(model.structures());
    List<WalkingNetwork.Position> positions = parallel(structures, a.accessCheck::position);
    for (int i = 0; i < structures.size(); i++) {
      a.accessCheck.placed(structures.get(i).id(), positions.get(i));
    }
    model.services().forEach(a.accessCheck::place);
    a.accessCheck.fields();
    List<Access> accesses = parallel(structures, a.accessCheck::access);
    a.access = new HashMap<>(structures.size() * 2);
    for (int i = 0; i < structures.size(); i++) {
      a.access.put(structures.get(i).id(), accesses.get(i));
    }
    a.loads = a.accessCheck.loads(a.access);
    List<UUID> all = new ArrayList<>();
    model.structures().forEach(s -> all.add(s.id()));
    model.services().forEach(v -> all.add(v.id()));
    model.paths().forEach(p -> all.add(p.id()));
    List<List<Conflict>> found = new ArrayList<>(parallel(all, a::conflictsOf));
    // block conflicts are filed under the block's own id
    a.blocks.run().forEach((block, conflicts) -> {
      all.add(block);
      found.add(conflicts);
    });
    a.initial = a.recheck(all, found);
    return a;
  }

  /** {@code f} of every item, in order, computed on all cores. */
  @SuppressWarnings("unchecked")
  private static <T, R> List<R> parallel(List<T> items, java.util.function.Function<T, R> f) {
    Object[] out = new Object[items.size()];
    java.util.stream.IntStream.range(0, out.length).parallel().forEach(i -> out[i] = f.apply(items.get(i)));
    return (List<R>) Arrays.asList(out);
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
   *
   * <p>What is looked at again: the changed features; the features within reach of the boxes for
   * the checks the changed layer takes part in ({@link #reach}); the features joined to the network
   * on a changed path or nearer a changed path than to their own join; the structures on every
   * path where a distance field now differs ({@link AccessCheck#changedPaths}); and the services
   * whose load changed. Everything else keeps its conflicts, which equal what a full run finds
   * ({@code AnalysisTest}, {@code IncrementalAnalysisTest}).
   */
  public Delta update(Map<String, Set<UUID>> changed, Collection<Envelope> boxes) {
    Set<UUID> paths = changed.getOrDefault("footpaths", Set.of());
    Set<UUID> services = changed.getOrDefault("services", Set.of());
    Set<UUID> structures = changed.getOrDefault("structures", Set.of());
    double oldSetbackReach = setbackReach;
    if (changed.containsKey("constraints")) {
      setbackReach = model.largestSetback(rules);
    }
    for (UUID id : paths) {
      Path p = model.paths.get(id);
      if (p != null) {
        pathReach = Math.max(pathReach, zones.corridorRadius(p));
      }
    }
    Set<UUID> primaries = new LinkedHashSet<>();
    changed.values().forEach(primaries::addAll);
    addNear(primaries, changed, boxes, Math.max(oldSetbackReach, setbackReach));
    if (!structures.isEmpty()) {
      primaries.addAll(fire.update(structures));
    }
    // every check of these runs again; the others below only changed access or load
    Set<UUID> local = new HashSet<>(primaries);

    AccessCheck.Snapshot before = paths.isEmpty() && services.isEmpty() ? null : accessCheck.snapshot();
    Set<UUID> recompute = new HashSet<>();
    if (!paths.isEmpty()) {
      network.update(paths, boxes);
      replaceStructures(paths, boxes, recompute);
      replaceServices(paths, boxes);
      // the measured distance of a structure off the network is to the nearest path anywhere
      primaries.addAll(accessCheck.unconnected());
    }
    for (UUID id : structures) {
      Structure s = model.structures.get(id);
      if (s == null) {
        accessCheck.unplaceStructure(id);
      } else {
        accessCheck.place(s);
      }
      recompute.add(id);
    }
    for (UUID id : services) {
      Service v = model.services.get(id);
      if (v == null) {
        accessCheck.unplaceService(id);
      } else {
        accessCheck.place(v);
      }
    }
    if (before != null) {
      accessCheck.fields();
      Set<UUID> changedPaths = accessCheck.changedPaths(before);
      changedPaths.addAll(paths);
      recompute.addAll(accessCheck.structuresOn(changedPaths));
    }
    Map<UUID, Access[]> accessChanged = new HashMap<>();
    for (UUID id : recompute) {
      Structure s = model.structures.get(id);
      Access now = s == null ? null : accessCheck.access(s);
      Access old = s == null ? access.remove(id) : access.put(id, now);
      if (!java.util.Objects.equals(old, now)) {
        accessChanged.put(id, new Access[] {old, now});
        primaries.add(id);
      }
    }
    if (!structures.isEmpty() || !services.isEmpty()) {
      // households or capacities changed: count every load again
      Map<UUID, Load> loadsBefore = loads;
      loads = accessCheck.loads(access);
      for (Map.Entry<UUID, Load> e : loads.entrySet()) {
        if (!e.getValue().equals(loadsBefore.get(e.getKey()))) {
          primaries.add(e.getKey());
        }
      }
      loadsBefore.keySet().stream().filter(k -> !loads.containsKey(k)).forEach(primaries::add);
    } else {
      Set<UUID> touched = new HashSet<>();
      accessChanged.forEach((id, pair) -> accessCheck.recount(model.structures.get(id), pair[0], pair[1], touched));
      for (UUID v : touched) {
        Service service = model.services.get(v);
        Load now = service == null ? null : accessCheck.load(service);
        if (now != null && !now.equals(loads.put(v, now))) {
          primaries.add(v);
        }
      }
    }
    List<UUID> ids = new ArrayList<>(primaries);
    List<List<Conflict>> now = new ArrayList<>(ids.size());
    for (UUID id : ids) {
      // a feature only here because its access or load changed keeps its other conflicts as they are
      boolean onlyAccess = !local.contains(id);
      now.add(onlyAccess ? withNewAccess(id) : conflictsOf(id));
    }
    if (!paths.isEmpty() || !structures.isEmpty()) {
      blocks.update(paths, structures, boxes).forEach((block, conflicts) -> {
        ids.add(block);
        now.add(conflicts);
      });
    }
    return recheck(ids, now);
  }

  /**
   * Adds the features near the boxes whose local checks the changed layers take part in: for paths,
   * structures within the widest corridor or the distance no_frontage measures to, services within
   * the widest corridor; for structures,
   * the services on them; for services, the services within the toilet–water and drain distances;
   * for constraints, everything within the largest setback. Unknown layers: everything within the
   * largest distance any rule relates two features over.
   */
  private void addNear(Set<UUID> primaries, Map<String, Set<UUID>> changed, Collection<Envelope> boxes, double setbacks) {
    for (String layer : changed.keySet()) {
      double structuresWithin;
      double servicesWithin;
      double pathsWithin = -1;
      switch (layer) {
        case "footpaths" -> {
          structuresWithin = Math.max(pathReach, FrontageCheck.searchLimit(rules));
          servicesWithin = pathReach;
        }
        case "structures" -> {
          structuresWithin = -1;
          servicesWithin = 0;
        }
        case "services" -> {
          structuresWithin = -1;
          servicesWithin = Math.max(rules.toilet().minDistanceFromWater(), rules.drainSetback());
        }
        case "constraints" -> {
          structuresWithin = setbacks;
          servicesWithin = setbacks;
          pathsWithin = setbacks;
        }
        default -> {
          structuresWithin = rules.reach() + setbacks + zones.widestCorridor();
          servicesWithin = structuresWithin;
          pathsWithin = structuresWithin;
        }
      }
      for (Envelope b : boxes) {
        near(model.structures, b, structuresWithin).forEach(s -> primaries.add(s.id()));
        near(model.services, b, servicesWithin).forEach(v -> primaries.add(v.id()));
        near(model.paths, b, pathsWithin).forEach(p -> primaries.add(p.id()));
      }
    }
  }

  private static <T> List<T> near(Layered<T> layer, Envelope box, double within) {
    if (within < 0) {
      return List.of();
    }
    Envelope e = new Envelope(box);
    e.expandBy(within);
    return layer.near(e);
  }

  /**
   * After paths changed, joins again to the network the structures whose join may have changed:
   * those joined to a changed path, those not joined, and those at least as near a changed path's
   * box as to their own join (a nearer path wins, an equally near one may win on its number). They
   * are all within the snap distance of a box, so an index query finds them.
   */
  private void replaceStructures(Set<UUID> paths, Collection<Envelope> boxes, Set<UUID> replaced) {
    Set<UUID> candidates = accessCheck.structuresOn(paths);
    for (Envelope b : boxes) {
      for (Structure s : near(model.structures, b, rules.access().maxSnap())) {
        WalkingNetwork.Position at = accessCheck.positionOf(s.id());
        if (at == null || s.geometry().getEnvelopeInternal().distance(b) <= at.offset()) {
          candidates.add(s.id());
        }
      }
    }
    for (UUID id : candidates) {
      Structure s = model.structures.get(id);
      if (s != null) {
        accessCheck.place(s);
        replaced.add(id);
      }
    }
  }

  /** As {@link #replaceStructures}, for the services. */
  private void replaceServices(Set<UUID> paths, Collection<Envelope> boxes) {
    Set<Service> candidates = new HashSet<>();
    for (Service v : model.services()) {
      WalkingNetwork.Position at = accessCheck.servicePosition(v.id());
      if (at != null && paths.contains(at.path())) {
        candidates.add(v);
      }
    }
    for (Envelope b : boxes) {
      for (Service v : near(model.services, b, rules.access().maxSnap())) {
        WalkingNetwork.Position at = accessCheck.servicePosition(v.id());
        if (at == null || v.geometry().getEnvelopeInternal().distance(b) <= at.offset()) {
          candidates.add(v);
        }
      }
    }
    candidates.forEach(accessCheck::place);
  }

  /**
   * Takes the conflicts found now for these primary features (those gone from the model have none)
   * and answers the ones whose conflicts differ from before.
   */
  private Delta recheck(List<UUID> primaries, List<List<Conflict>> found) {
    Set<UUID> replaced = new LinkedHashSet<>();
    List<Conflict> added = new ArrayList<>();
    for (int i = 0; i < primaries.size(); i++) {
      UUID id = primaries.get(i);
      List<Conflict> now = found.get(i);
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

  /**
   * The conflicts of a feature whose access (structure) or load (service) changed and nothing else:
   * its other conflicts as stored, then those of check 4 made again. conflictsOf makes check 4's
   * last, so the order is the same as a full run's.
   */
  private List<Conflict> withNewAccess(UUID id) {
    List<Conflict> out = new ArrayList<>();
    for (Conflict c : byPrimary.getOrDefault(id, List.of())) {
      if (c.type().check() != 4) {
        out.add(c);
      }
    }
    Structure s = model.structures.get(id);
    if (s != null && access.get(id) != null) {
      accessCheck.conflicts(s, access.get(id), out);
    }
    Service v = model.services.get(id);
    if (v != null && loads.get(id) != null) {
      accessCheck.loadConflict(v, loads.get(id), out);
    }
    return out;
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
      fire.conflicts(s, out);
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

  private static String capitalised(String s) {
    return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }

  /** Conflicts in a stable order, for tests and writes. */
  static Comparator<Conflict> order() {
    return Comparator.comparing((Conflict c) -> c.primary().toString()).thenComparing(c -> c.type().ordinal());
  }
}
