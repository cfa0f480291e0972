package org.coplan.analysis.engine;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
 */
final class AccessCheck {
  private final PlanModel model;
  private final WalkingNetwork network;
  private final RuleSet rules;
  final Map<UUID, WalkingNetwork.Position> structurePositions = new HashMap<>();
  final Map<UUID, WalkingNetwork.Position> servicePositions = new HashMap<>();
  private List<Service> taps = List.of();
  private List<Service> toilets = List.of();
  private WalkingNetwork.Field water;
  private WalkingNetwork.Field toilet;
  private WalkingNetwork.Field gravel;
  private WalkingNetwork.Field paved;

  AccessCheck(PlanModel model, WalkingNetwork network, RuleSet rules) {
    this.model = model;
    this.network = network;
    this.rules = rules;
  }

  void place(Structure s) {
    structurePositions.put(s.id(), network.position(s.geometry(), rules.access().maxSnap()));
  }

  void place(Service v) {
    servicePositions.put(v.id(), network.position(v.geometry(), rules.access().maxSnap()));
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
  private java.util.Set<UUID> roads(boolean pavedRoads) {
    java.util.Set<UUID> out = new java.util.HashSet<>();
    for (Path p : model.paths()) {
      if (p.road() && p.paved() == pavedRoads) {
        out.add(p.id());
      }
    }
    return out;
  }

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
    Map<UUID, int[]> sums = new HashMap<>();
    for (Structure s : model.structures()) {
      Access a = access.get(s.id());
      if (a == null) {
        continue;
      }
      for (UUID v : new UUID[] {a.waterService(), a.toiletService()}) {
        if (v != null) {
          int[] sum = sums.computeIfAbsent(v, k -> new int[2]);
          sum[0] += s.households();
          sum[1] += s.people();
        }
      }
    }
    Map<UUID, Load> out = new HashMap<>();
    for (Service v : taps) {
      int[] sum = sums.getOrDefault(v.id(), new int[2]);
      int cap = v.capacity() != null ? v.capacity() : rules.water().householdsPerTap();
      out.put(v.id(), new Load(sum[0], sum[1], cap, 0));
    }
    for (Service v : toilets) {
      int[] sum = sums.getOrDefault(v.id(), new int[2]);
      int cap = v.capacity() != null ? v.capacity() : rules.toilet().householdsPerToilet();
      out.put(v.id(), new Load(sum[0], sum[1], cap == 0 ? Integer.MAX_VALUE : cap, rules.toilet().peoplePerToilet()));
    }
    return out;
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
      out.add(distance(ConflictType.WATER_ACCESS, s, a.water(), rules.water().maxWalk(), a.waterService(), Map.of()));
    }
    if (!a.toiletWithin(rules)) {
      out.add(distance(ConflictType.TOILET_ACCESS, s, a.toilet(), rules.toilet().maxWalk(), a.toiletService(), Map.of()));
    }
    if (!a.fireWithin(rules)) {
      out.add(distance(ConflictType.FIRE_ACCESS, s, Math.min(a.gravelRoad(), a.pavedRoad()), rules.fire().gravelRoad(), null,
          Map.of("paved", rules.fire().pavedRoad())));
    }
  }

  private static Conflict distance(ConflictType type, Structure s, double d, double norm, UUID service, Map<String, Object> more) {
    List<FeatureRef> refs = service == null
        ? List.of(FeatureRef.of(s))
        : List.of(FeatureRef.of(s), new FeatureRef("services", service));
    Map<String, Object> params = new HashMap<>(more);
    params.put("structure", s.label());
    params.put("distance", d == Double.POSITIVE_INFINITY ? "not reachable along the paths" : Math.round(d) + " m along the paths");
    params.put("norm", norm);
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
