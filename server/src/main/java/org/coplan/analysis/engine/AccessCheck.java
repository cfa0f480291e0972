package org.coplan.analysis.engine;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import org.locationtech.jts.geom.Geometry;

/**
 * Check 4, walking access along the footpath network. Walking distance from a structure to a
 * service = the straight distance from the footprint to the nearest point of the network + the
 * distance along the network + the straight distance from the network to the service. One
 * multi-source Dijkstra per kind of service (taps, toilets; unpaved and paved roads for fire
 * access) gives every junction its distance to the nearest service at once; a structure then needs
 * only the two junctions of the path piece it joins.
 *
 * <p>So a structure's access depends only on where it joins the network, on its path's cuts and on
 * the fields at those cuts. After an edit, {@link #changedPaths} compares the fields path by path
 * with a {@link Snapshot} taken before, and only the structures joined to a path whose cuts or
 * field values differ ({@link #structuresOn}) need their access computed again.
 */
final class AccessCheck {
  private final PlanModel model;
  private final WalkingNetwork network;
  private final RuleSet rules;
  private final Map<UUID, WalkingNetwork.Position> structurePositions = new HashMap<>();
  private final Map<UUID, WalkingNetwork.Position> servicePositions = new HashMap<>();
  /** Path → the structures joined to the network on it. */
  private final Map<UUID, Set<UUID>> structuresOnPath = new HashMap<>();
  /** Structures farther than the snap distance from every path. */
  private final Set<UUID> unconnected = new HashSet<>();
  /** Service → households and people who have it as their nearest of its kind. */
  private final Map<UUID, int[]> sums = new HashMap<>();
  private List<Service> taps = List.of();
  private List<Service> toilets = List.of();
  private WalkingNetwork.Field water;
  private WalkingNetwork.Field toilet;
  private WalkingNetwork.Field gravel;
  private WalkingNetwork.Field paved;

  /** The fields and the cuts they were computed on, to compare with after an edit. */
  record Snapshot(
      int generation, Map<UUID, WalkingNetwork.Cuts> cuts, List<UUID> tapIds, List<UUID> toiletIds, WalkingNetwork.Field water,
      WalkingNetwork.Field toilet, WalkingNetwork.Field gravel, WalkingNetwork.Field paved) {}

  AccessCheck(PlanModel model, WalkingNetwork network, RuleSet rules) {
    this.model = model;
    this.network = network;
    this.rules = rules;
  }

  /** Where the structure joins the network (null: not connected); pure, so it may run in parallel. */
  WalkingNetwork.Position position(Structure s) {
    return network.position(s.geometry(), rules.access().maxSnap());
  }

  void place(Structure s) {
    placed(s.id(), position(s));
  }

  /** Records where a structure joins the network. */
  void placed(UUID id, WalkingNetwork.Position at) {
    WalkingNetwork.Position old = structurePositions.put(id, at);
    if (old != null) {
      Set<UUID> on = structuresOnPath.get(old.path());
      if (on != null) {
        on.remove(id);
      }
    }
    if (at == null) {
      unconnected.add(id);
    } else {
      unconnected.remove(id);
      structuresOnPath.computeIfAbsent(at.path(), k -> new HashSet<>()).add(id);
    }
  }

  void unplaceStructure(UUID id) {
    WalkingNetwork.Position old = structurePositions.remove(id);
    if (old != null) {
      Set<UUID> on = structuresOnPath.get(old.path());
      if (on != null) {
        on.remove(id);
      }
    }
    unconnected.remove(id);
  }

  WalkingNetwork.Position positionOf(UUID structure) {
    return structurePositions.get(structure);
  }

  boolean placedAnywhere(UUID structure) {
    return structurePositions.containsKey(structure);
  }

  void place(Service v) {
    servicePositions.put(v.id(), network.position(v.geometry(), rules.access().maxSnap()));
  }

  void unplaceService(UUID id) {
    servicePositions.remove(id);
  }

  WalkingNetwork.Position servicePosition(UUID service) {
    return servicePositions.get(service);
  }

  /** The structures joined to the network on these paths. */
  Set<UUID> structuresOn(Collection<UUID> paths) {
    Set<UUID> out = new HashSet<>();
    for (UUID p : paths) {
      out.addAll(structuresOnPath.getOrDefault(p, Set.of()));
    }
    return out;
  }

  Set<UUID> unconnected() {
    return unconnected;
  }

  Snapshot snapshot() {
    return new Snapshot(network.generation(), network.cuts(), ids(taps), ids(toilets), water, toilet, gravel, paved);
  }

  private static List<UUID> ids(List<Service> services) {
    return services.stream().map(Service::id).toList();
  }

  /** Recomputes the distance fields from the services and roads as they are now. */
  void fields() {
    taps = sorted(Service::water);
    toilets = sorted(Service::toilet);
    water = network.nearest(taps.stream().map(v -> servicePositions.get(v.id())).toList());
    toilet = network.nearest(toilets.stream().map(v -> servicePositions.get(v.id())).toList());
    gravel = network.nearest(List.of(), roads(false));
    paved = network.nearest(List.of(), roads(true));
  }

  /** The paths on which some place is now at another distance from, or nearest to another, service or road. */
  Set<UUID> changedPaths(Snapshot before) {
    Snapshot now = snapshot();
    if (before.water() == null || before.generation() != now.generation()) {
      Set<UUID> all = new HashSet<>(before.cuts().keySet());
      all.addAll(now.cuts().keySet());
      return all;
    }
    return WalkingNetwork.changedPaths(
        before.cuts(), fields(before), List.of(before.tapIds(), before.toiletIds(), List.of(), List.of()),
        now.cuts(), fields(now), List.of(now.tapIds(), now.toiletIds(), List.of(), List.of()));
  }

  private static WalkingNetwork.Field[] fields(Snapshot s) {
    return new WalkingNetwork.Field[] {s.water(), s.toilet(), s.gravel(), s.paved()};
  }

  private List<Service> sorted(Predicate<Service> kind) {
    List<Service> out = new ArrayList<>();
    for (Service v : model.services()) {
      if (kind.test(v) && v.point()) {
        out.add(v);
      }
    }
    out.sort(Comparator.comparingLong(Service::fid));
    return out;
  }

  /** The roads and lanes of one kind: every point of them is a target of fire access. */
  private Set<UUID> roads(boolean pavedRoads) {
    Set<UUID> out = new HashSet<>();
    for (Path p : model.paths()) {
      if (p.road() && p.paved() == pavedRoads) {
        out.add(p.id());
      }
    }
    return out;
  }

  /** The structure's access from the current fields; reads only, so it may run in parallel. */
  Access access(Structure s) {
    WalkingNetwork.Position at = structurePositions.get(s.id());
    if (at == null) {
      return Access.NOT_CONNECTED;
    }
    double[] w = network.distance(water, at);
    double[] t = network.distance(toilet, at);
    Path on = model.paths.get(at.path());
    boolean onRoad = on != null && on.road();
    double g = onRoad && !on.paved() ? at.offset() : network.distance(gravel, at)[0];
    double p = onRoad && on.paved() ? at.offset() : network.distance(paved, at)[0];
    return new Access(
        at.offset(), w[0], w[1] < 0 ? null : taps.get((int) w[1]).id(), t[0], t[1] < 0 ? null : toilets.get((int) t[1]).id(),
        g, p);
  }

  /** Households and people per service, each structure counted at its nearest tap and toilet. */
  Map<UUID, Load> loads(Map<UUID, Access> access) {
    sums.clear();
    for (Structure s : model.structures()) {
      Access a = access.get(s.id());
      if (a != null) {
        count(s, a, 1);
      }
    }
    Map<UUID, Load> out = new HashMap<>();
    for (Service v : taps) {
      out.put(v.id(), load(v));
    }
    for (Service v : toilets) {
      out.put(v.id(), load(v));
    }
    return out;
  }

  /** Moves a structure's households from the services of {@code before} to those of {@code after}; answers the services touched. */
  Set<UUID> recount(Structure s, Access before, Access after, Set<UUID> touched) {
    if (before != null) {
      count(s, before, -1);
      addIfPresent(touched, before.waterService(), before.toiletService());
    }
    if (after != null) {
      count(s, after, 1);
      addIfPresent(touched, after.waterService(), after.toiletService());
    }
    return touched;
  }

  private static void addIfPresent(Set<UUID> out, UUID... ids) {
    for (UUID id : ids) {
      if (id != null) {
        out.add(id);
      }
    }
  }

  private void count(Structure s, Access a, int sign) {
    for (UUID v : new UUID[] {a.waterService(), a.toiletService()}) {
      if (v != null) {
        int[] sum = sums.computeIfAbsent(v, k -> new int[2]);
        sum[0] += sign * s.households();
        sum[1] += sign * s.people();
      }
    }
  }

  /** The load of a tap or toilet from the current sums; null for other services. */
  Load load(Service v) {
    int[] sum = sums.getOrDefault(v.id(), new int[2]);
    if (v.water() && v.point()) {
      int cap = v.capacity() != null ? v.capacity() : rules.water().householdsPerTap();
      return new Load(sum[0], sum[1], cap, 0);
    }
    if (v.toilet() && v.point()) {
      int cap = v.capacity() != null ? v.capacity() : rules.toilet().householdsPerToilet();
      return new Load(sum[0], sum[1], cap == 0 ? Integer.MAX_VALUE : cap, rules.toilet().peoplePerToilet());
    }
    return null;
  }

  /** The access conflicts of one structure. */
  void conflicts(Structure s, Access a, List<Conflict> out) {
    List<FeatureRef> self = List.of(FeatureRef.of(s));
    Geometry where = s.geometry();
    if (!a.connected()) {
      WalkingNetwork.Position nearest = network.position(s.geometry(), Double.MAX_VALUE);
      Double offset = nearest == null ? null : CorridorCheck.round(nearest.offset());
      out.add(Conflict.of(ConflictType.NOT_CONNECTED, s.id(), self, where, offset, rules.access().maxSnap(), "m",
          Map.of("structure", s.label(), "distance", offset == null ? "far" : Math.round(offset) + " m",
              "norm", rules.access().maxSnap())));
      return;
    }
    if (!a.waterWithin(rules)) {
      out.add(distance(ConflictType.WATER_ACCESS, s, a.water(), rules.water().maxWalk(), a.waterService(), null));
    }
    if (!a.toiletWithin(rules)) {
      out.add(distance(ConflictType.TOILET_ACCESS, s, a.toilet(), rules.toilet().maxWalk(), a.toiletService(), null));
    }
    if (!a.fireWithin(rules)) {
      out.add(distance(ConflictType.FIRE_ACCESS, s, Math.min(a.gravelRoad(), a.pavedRoad()), rules.fire().gravelRoad(), null,
          rules.fire().pavedRoad()));
    }
  }

  private static Conflict distance(ConflictType type, Structure s, double d, double norm, UUID service, Double paved) {
    List<FeatureRef> refs = service == null
        ? List.of(FeatureRef.of(s))
        : List.of(FeatureRef.of(s), new FeatureRef("services", service));
    String text = d == Double.POSITIVE_INFINITY ? "not reachable along the paths" : Math.round(d) + " m along the paths";
    Map<String, Object> params = paved == null
        ? Map.of("structure", s.label(), "distance", text, "norm", norm)
        : Map.of("structure", s.label(), "distance", text, "norm", norm, "paved", paved);
    return Conflict.of(type, s.id(), refs, s.geometry(), d == Double.POSITIVE_INFINITY ? null : CorridorCheck.round(d), norm, "m", params);
  }

  void loadConflict(Service v, Load load, List<Conflict> out) {
    if (!load.over()) {
      return;
    }
    boolean people = load.peopleCapacity() > 0 && load.people() > load.peopleCapacity() && load.households() <= load.capacity();
    double measured = people ? load.people() : load.households();
    double norm = people ? load.peopleCapacity() : load.capacity();
    out.add(Conflict.of(ConflictType.SERVICE_OVERLOADED, v.id(), List.of(FeatureRef.of(v)), v.geometry(), measured, norm,
        people ? "people" : "households",
        Map.of("service", v.label(), "load", Math.round(measured) + (people ? " people" : " households"),
            "norm", Math.round(norm) + (people ? " people" : " households"))));
  }
}
