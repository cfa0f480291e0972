package org.coplan.analysis.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.coplan.analysis.engine.Fixtures.*;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Envelope;

class AnalysisTest {

  private static List<Conflict> of(Analysis a, ConflictType type) {
    return a.conflicts().stream().filter(c -> c.type() == type).toList();
  }

  private static Analysis run(List<Structure> s, List<Path> p, List<Service> v, List<Constraint> c) {
    return Analysis.run(PlanModel.of(s, p, v, c), rules());
  }

  // ---------------------------------------------------------------- check 1: corridors

  @Test
  void aCorridorTakingLittleTrimsAndOneTakingMuchRelocates() {
    // 10 x 10 m structures; a 3 m path (corridor radius 2 m) along y = 0 takes 2 m of the first (20%)
    Structure trimmed = square(0, 0, 10);
    // the second straddles the path at x = 100: corridor y in [-2, 2] takes 4 m of a 5 m deep structure
    Structure relocated = square(100, -2.5, 5);
    Path p = path("LINESTRING(-20 0, 200 0)", 3, "proposed");
    Analysis a = run(List.of(trimmed, relocated), List.of(p), List.of(), List.of());
    Conflict trim = of(a, ConflictType.CORRIDOR_TRIM).get(0);
    assertThat(trim.primary()).isEqualTo(trimmed.id());
    assertThat(trim.measured()).isEqualTo(0.8);
    assertThat(trim.geometry().getArea()).isCloseTo(20.0, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(trim.sentence()).contains("takes 20% of structure S-").contains("(100 m²)").contains("trimmed");
    Conflict move = of(a, ConflictType.CORRIDOR_RELOCATION).get(0);
    assertThat(move.primary()).isEqualTo(relocated.id());
    assertThat(move.measured()).isEqualTo(0.2);
    assertThat(move.sentence()).contains("Proposed footpath P-").contains("(3.0 m) takes 80%").contains("relocation needed");
  }

  @Test
  void aCorridorJustTouchingAWallCutsNothingAndJustInsideCuts() {
    // corridor radius 2 m: a structure from y = 2 only touches it; from y = 1.99 it is cut
    Structure touching = square(0, 2, 10);
    Structure inside = square(50, 1.99, 10);
    Path p = path("LINESTRING(-20 0, 200 0)", 3, "agreed");
    Analysis a = run(List.of(touching, inside), List.of(p), List.of(), List.of());
    assertThat(of(a, ConflictType.CORRIDOR_TRIM)).extracting(Conflict::primary).containsExactly(inside.id());
  }

  @Test
  void remainingAreaBelowTheMinimumRelocatesEvenWhenTheShareIsKept() {
    // 4 x 4 m = 16 m², corridor takes 0.5 m (12.5%): 14 m² kept > 12 → trim; at 3.5 x 3.5 (12.25 m²) taking
    // 0.5 x 3.5 leaves 10.5 m² < 12 → relocation although 86% is kept
    Structure big = square(0, 1.5, 4);
    Structure small = square(50, 1.5, 3.5);
    Analysis a = run(List.of(big, small), List.of(path("LINESTRING(-20 0, 200 0)", 3, "proposed")), List.of(), List.of());
    assertThat(of(a, ConflictType.CORRIDOR_TRIM)).extracting(Conflict::primary).containsExactly(big.id());
    assertThat(of(a, ConflictType.CORRIDOR_RELOCATION)).extracting(Conflict::primary).containsExactly(small.id());
  }

  @Test
  void anExistingPathCrossingAStructureIsDataQualityNotARelocation() {
    Structure s = square(0, 0, 10);
    Path existing = path("LINESTRING(-5 5, 15 5)", 1.5, "existing");
    Path along = path("LINESTRING(-5 0, 15 0)", 1.5, "existing"); // runs along the wall: touches, no crossing
    Analysis a = run(List.of(s), List.of(existing, along), List.of(), List.of());
    List<Conflict> dq = of(a, ConflictType.PATH_CROSSES_STRUCTURE);
    assertThat(dq).hasSize(1);
    assertThat(dq.get(0).features()).contains(new FeatureRef("footpaths", existing.id()));
    assertThat(dq.get(0).type().severity()).isEqualTo(ConflictType.Severity.DATA_QUALITY);
    assertThat(dq.get(0).measured()).isEqualTo(10.0);
    assertThat(of(a, ConflictType.CORRIDOR_RELOCATION)).isEmpty();
    assertThat(of(a, ConflictType.CORRIDOR_TRIM)).isEmpty();
  }

  @Test
  void aZeroWidthCorridorCutsOnlyWhereTheLineEntersTheInterior() {
    RuleSet noClearance = new RuleSet(new RuleSet.Corridor(0, 0.6, 12), rules().water(), rules().toilet(),
        rules().fire(), rules().access(), Map.of(), 3, 10);
    Structure crossed = square(0, 0, 10);
    Structure touched = square(50, 0, 10);
    Path across = path("LINESTRING(-5 5, 15 5)", 0, "proposed");
    Path alongWall = path("LINESTRING(45 0, 65 0)", 0, "proposed");
    Analysis a = Analysis.run(PlanModel.of(List.of(crossed, touched), List.of(across, alongWall), List.of(), List.of()), noClearance);
    assertThat(of(a, ConflictType.CORRIDOR_TRIM)).extracting(Conflict::primary).containsExactly(crossed.id());
    assertThat(of(a, ConflictType.CORRIDOR_TRIM).get(0).measured()).isEqualTo(1.0);
  }

  @Test
  void twoCorridorsCuttingOneStructureCountTheirUnionOnce() {
    Structure s = square(0, 0, 10);
    // two 3 m paths, each corridor 4 m wide, overlapping in the middle: union takes x in [2, 8] = 60%
    Path a1 = path("LINESTRING(4 -10, 4 20)", 3, "proposed");
    Path a2 = path("LINESTRING(6 -10, 6 20)", 3, "proposed");
    Analysis a = run(List.of(s), List.of(a1, a2), List.of(), List.of());
    Conflict c = of(a, ConflictType.CORRIDOR_RELOCATION).get(0);
    assertThat(c.measured()).isEqualTo(0.4);
    assertThat(c.features()).hasSize(3);
    assertThat(c.sentence()).contains("and 1 more");
  }

  // ---------------------------------------------------------------- check 2: constraints

  @Test
  void setbacksCountJustInsideButNotJustOutside() {
    Constraint flood = constraint("MULTIPOLYGON(((0 0, 100 0, 100 100, 0 100, 0 0)),((300 0, 310 0, 310 10, 300 10, 300 0)))", "no_build", 5);
    Structure inSetback = square(104.9, 50, 5);
    Structure outside = square(105.01, 0, 5);
    Structure inSecondPart = square(302, 2, 3);
    Analysis a = run(List.of(inSetback, outside, inSecondPart), List.of(), List.of(), List.of(flood));
    assertThat(of(a, ConflictType.CONSTRAINT_NO_BUILD)).extracting(Conflict::primary)
        .containsExactlyInAnyOrder(inSetback.id(), inSecondPart.id());
    assertThat(of(a, ConflictType.CONSTRAINT_NO_BUILD).get(0).sentence()).contains("relocation needed");
  }

  @Test
  void everyPartOfAMultiLineConstraintHasItsSetback() {
    // two gullies in one feature, 2 m setback: 1.99 m from the second part is inside, 2.01 m is not
    Constraint gullies = new Constraint(UUID.randomUUID(), 5000, null, wkt("MULTILINESTRING((0 0, 100 0), (0 50, 100 50))"),
        "erosion_gully", "no_build", 2);
    Structure nearSecond = square(40, 51.99, 4);
    Structure between = square(40, 20, 4);
    Structure justOutside = square(60, 52.01, 4);
    Analysis a = run(List.of(nearSecond, between, justOutside), List.of(), List.of(), List.of(gullies));
    assertThat(of(a, ConflictType.CONSTRAINT_NO_BUILD)).extracting(Conflict::primary).containsExactly(nearSecond.id());
    assertThat(of(a, ConflictType.CONSTRAINT_NO_BUILD).get(0).measured()).isEqualTo(1.99);
  }

  @Test
  void conditionalConstraintsFlagServicesToo() {
    Constraint zone = constraint("POLYGON((0 0, 50 0, 50 50, 0 50, 0 0))", "conditional", 0);
    Service tap = service("water_point", 10, 10);
    Analysis a = run(List.of(), List.of(), List.of(tap), List.of(zone));
    assertThat(of(a, ConflictType.CONSTRAINT_CONDITIONAL)).extracting(Conflict::primary).containsExactly(tap.id());
  }

  // ---------------------------------------------------------------- checks 3 and 7: siting

  @Test
  void toiletsExactlyAtTheNormFromWaterAreFineAndNearerAreNot() {
    Service water = service("water_point", 0, 0);
    Service atNorm = service("toilet", 30, 0);
    Service near = service("toilet", 0, 29.9);
    Analysis a = run(List.of(), List.of(), List.of(water, atNorm, near), List.of());
    assertThat(of(a, ConflictType.TOILET_NEAR_WATER)).extracting(Conflict::primary).containsExactly(near.id());
  }

  @Test
  void servicesInsideStructuresCorridorsAndDrainSetbacks() {
    Structure s = square(0, 0, 10);
    Service inHouse = service("water_point", 5, 5);
    Service inCorridor = service("toilet", 50, 1);
    Service drain = new Service(UUID.randomUUID(), 999, null, wkt("LINESTRING(80 -10, 80 10)"), "stormwater_drain",
        "existing", null, "water");
    Service byDrain = service("water_point", 82, 0);
    Path p = path("LINESTRING(20 0, 70 0)", 3, "proposed");
    Analysis a = run(List.of(s), List.of(p), List.of(inHouse, inCorridor, drain, byDrain), List.of());
    assertThat(of(a, ConflictType.SERVICE_IN_STRUCTURE)).extracting(Conflict::primary).containsExactly(inHouse.id());
    assertThat(of(a, ConflictType.SERVICE_IN_CORRIDOR)).extracting(Conflict::primary).containsExactly(inCorridor.id());
    assertThat(of(a, ConflictType.SERVICE_NEAR_DRAIN)).extracting(Conflict::primary).containsExactly(byDrain.id());
    // measured: 5 m inside the walls (norm: outside); 1 m from the centre line of a corridor whose
    // half-width plus clearance is the norm
    Conflict house = of(a, ConflictType.SERVICE_IN_STRUCTURE).get(0);
    assertThat(house.measured()).isEqualTo(5.0);
    assertThat(house.norm()).isEqualTo(0.0);
    Conflict corridor = of(a, ConflictType.SERVICE_IN_CORRIDOR).get(0);
    assertThat(corridor.measured()).isEqualTo(1.0);
    assertThat(corridor.norm()).isEqualTo(1.5 + rules().corridor().clearance());
    assertThat(corridor.unit()).isEqualTo("m");
  }

  @Test
  void aServiceLineRunningAlongAPlannedCorridorCompetesForSpaceButACrossingDoesNot() {
    // a 3 m proposed path along y = 0 (corridor 2 m either side); a drain 1 m off it for 30 m, then
    // turning away; another drain crossing it; a third running along it for exactly the agreed 10 m
    Path p = path("LINESTRING(0 0, 100 0)", 3, "proposed");
    Service along = line("stormwater_drain", "LINESTRING(10 1, 40 1, 40 30)", "existing", "stormwater");
    Service crossing = line("stormwater_drain", "LINESTRING(60 -20, 60 20)", "existing", "stormwater");
    Service atNorm = line("sewer", "LINESTRING(70 -1, 79 -1, 79 -30)", "existing", "sanitation");
    Analysis a = run(List.of(), List.of(p), List.of(along, crossing, atNorm), List.of());
    List<Conflict> found = of(a, ConflictType.OVERLAPPING_CORRIDORS);
    assertThat(found).extracting(Conflict::primary).containsExactly(along.id());
    Conflict c = found.get(0);
    // 30 m along, plus the 1 m of the turn still inside the corridor (y from 1 to 2)
    assertThat(c.measured()).isEqualTo(31.0);
    assertThat(c.norm()).isEqualTo(10.0);
    assertThat(c.features()).extracting(FeatureRef::id).containsExactly(along.id(), p.id());
    assertThat(c.sentence()).startsWith("Stormwater drain V-").contains("runs 31 m inside the corridor of Proposed footpath P-");
  }

  @Test
  void linesOfDifferentSectorsInEachOthersStripConflictOnceAndOneSectorsLinesDoNot() {
    // a proposed sewer 1 m beside an existing drain for 20 m (strip: the 3 m drain setback; the drain
    // runs 26 m inside the sewer's strip, the shorter run counts); a proposed drain beside the same
    // drain is one sector's plan, not two competing
    Service drain = line("stormwater_drain", "LINESTRING(0 0, 100 0)", "existing", "stormwater");
    Service sewer = line("sewer", "LINESTRING(10 1, 30 1)", "proposed", "sanitation");
    Service sameSector = line("stormwater_drain", "LINESTRING(60 1, 100 1)", "proposed", "stormwater");
    Analysis a = run(List.of(), List.of(), List.of(drain, sewer, sameSector), List.of());
    List<Conflict> found = of(a, ConflictType.OVERLAPPING_CORRIDORS);
    assertThat(found).hasSize(1);
    assertThat(found.get(0).features()).extracting(FeatureRef::id).containsExactlyInAnyOrder(drain.id(), sewer.id());
    assertThat(found.get(0).primary()).isEqualTo(drain.id());
    assertThat(found.get(0).measured()).isEqualTo(20.0);
  }

  private static Service line(String type, String wkt, String state, String sector) {
    Service v = service(type, 0, 0);
    return new Service(v.id(), v.fid(), null, wkt(wkt), type, state, null, sector);
  }

  // ---------------------------------------------------------------- check 4: walking access

  @Test
  void walkingDistanceFollowsThePathsNotTheStraightLine() {
    // an L of paths: along x from 0 to 150, then up x = 150 to y = 150. Tap at (150, 150) + 1 m off.
    Path horizontal = path("LINESTRING(0 0, 150 0)", 1.5, "existing");
    Path vertical = path("LINESTRING(150 0, 150 150)", 1.5, "existing");
    Service tap = service("water_point", 151, 150);
    // structure 2 m from the path at x = 10: straight line to the tap ~ 205 m, walk 2 + 140 + 150 + 1 = 293
    Structure far = structure("POLYGON((10 2, 12 4, 10 6, 8 4, 10 2))");
    // structure near the corner: 2 + 0 + ... at x = 140: 2 + 6 + 150 + 1 = 159 (nearest path point x = 144..148)
    Structure near = structure("POLYGON((144 2, 146 4, 144 6, 142 4, 144 2))");
    Analysis a = run(List.of(far, near), List.of(horizontal, vertical), List.of(tap), List.of());
    Access af = a.access().get(far.id());
    assertThat(af.water()).isCloseTo(2 + (150 - 10) + 150 + 1, org.assertj.core.data.Offset.offset(1e-6));
    assertThat(af.waterService()).isEqualTo(tap.id());
    assertThat(a.access().get(near.id()).water()).isCloseTo(2 + (150 - 144) + 150 + 1, org.assertj.core.data.Offset.offset(1e-6));
    assertThat(of(a, ConflictType.WATER_ACCESS)).extracting(Conflict::primary).containsExactly(far.id());
    assertThat(of(a, ConflictType.WATER_ACCESS).get(0).sentence()).contains("293 m along the paths").contains("200 m");
  }

  @Test
  void crossingPathsAreJunctionsAndUnconnectedStructuresAreReported() {
    // two paths crossing at (50, 50) without a shared vertex
    Path a1 = path("LINESTRING(0 50, 100 50)", 1.5, "existing");
    Path a2 = path("LINESTRING(50 0, 50 100)", 1.5, "existing");
    Service toilet = service("toilet", 50, 0);
    Structure s = structure("POLYGON((2 51, 3 52, 2 53, 1 52, 2 51))"); // joins a1 at x = 2, 1 m off
    Structure lonely = square(500, 500, 4);
    Analysis a = run(List.of(s, lonely), List.of(a1, a2), List.of(toilet), List.of());
    assertThat(a.access().get(s.id()).toilet()).isCloseTo(1 + 48 + 50, org.assertj.core.data.Offset.offset(1e-6));
    assertThat(a.access().get(lonely.id()).connected()).isFalse();
    assertThat(of(a, ConflictType.NOT_CONNECTED)).extracting(Conflict::primary).containsExactly(lonely.id());
    // 99 m to the toilet is beyond the 50 m norm
    assertThat(of(a, ConflictType.TOILET_ACCESS)).extracting(Conflict::primary).containsExactly(s.id());
  }

  @Test
  void householdsGoToTheirNearestServiceAndOverloadIsReported() {
    Path p = path("LINESTRING(0 0, 1000 0)", 1.5, "existing");
    Service left = service("toilet", 0, 1);
    Service right = service("toilet", 1000, 1);
    List<Structure> houses = new java.util.ArrayList<>();
    for (int i = 0; i < 7; i++) {
      houses.add(square(10 + i * 10, 1, 4)); // all nearer the left toilet
    }
    Analysis a = run(houses, List.of(p), List.of(left, right), List.of());
    assertThat(a.loads().get(left.id()).households()).isEqualTo(7);
    assertThat(a.loads().get(right.id()).households()).isZero();
    assertThat(of(a, ConflictType.SERVICE_OVERLOADED)).extracting(Conflict::primary).containsExactly(left.id());
  }

  @Test
  void fireAccessCountsGravelAndPavedRoadsWithTheirOwnDistances() {
    Path gravel = road("LINESTRING(0 0, 0 200)", "gravel");
    Path lane = path("LINESTRING(0 100, 200 100)", 1.5, "existing");
    Structure within = square(25, 101, 3); // 1 + 25 = 26 m from the gravel road
    Structure beyond = square(60, 101, 3); // 61 m
    Analysis a = run(List.of(within, beyond), List.of(gravel, lane), List.of(), List.of());
    assertThat(of(a, ConflictType.FIRE_ACCESS)).extracting(Conflict::primary).containsExactly(beyond.id());
  }

  // ---------------------------------------------------------------- check 5: frontage

  @Test
  void frontageAtExactlyTheDistanceCounts() {
    Path p = path("LINESTRING(0 0, 100 0)", 1.5, "existing");
    Structure at = square(10, 3, 4);
    Structure beyond = square(30, 3.01, 4);
    Analysis a = run(List.of(at, beyond), List.of(p), List.of(), List.of());
    assertThat(of(a, ConflictType.NO_FRONTAGE)).extracting(Conflict::primary).containsExactly(beyond.id());
    // measured: the footprint's distance to the nearest path, against the frontage distance
    Conflict c = of(a, ConflictType.NO_FRONTAGE).get(0);
    assertThat(c.measured()).isEqualTo(3.01);
    assertThat(c.norm()).isEqualTo(rules().access().frontage());
  }

  @Test
  void noFrontageFarFromEveryPathLeavesTheMeasuredValueEmpty() {
    Path p = path("LINESTRING(0 0, 100 0)", 1.5, "existing");
    Structure far = square(30, FrontageCheck.searchLimit(rules()) + 0.5, 4);
    Analysis a = run(List.of(far), List.of(p), List.of(), List.of());
    Conflict c = of(a, ConflictType.NO_FRONTAGE).get(0);
    assertThat(c.primary()).isEqualTo(far.id());
    assertThat(c.measured()).isNull();
  }

  // ---------------------------------------------------------------- check 6: fire clusters

  /** The Cape Town figures with a fire-break gap of 2 m and clusters of at most {@code max} structures. */
  private static RuleSet clusters(int max) {
    RuleSet r = rules();
    return new RuleSet(r.corridor(), r.water(), r.toilet(), new RuleSet.Fire(30, 90, 2, max), r.access(), Map.of(), 3, 10);
  }

  @Test
  void structuresLessThanTheGapApartFormOneClusterAndExactlyAtTheGapDoNot() {
    // a row of 4 m squares: 1.5 m gaps link them, the 2 m gap before the last one is a fire break
    Structure a = square(0, 0, 4);
    Structure b = square(5.5, 0, 4);
    Structure c = square(11, 0, 4);
    Structure d = square(17, 0, 4);
    Analysis run = Analysis.run(PlanModel.of(List.of(a, b, c, d), List.of(), List.of(), List.of()), clusters(2));
    List<Conflict> found = of(run, ConflictType.FIRE_CLUSTER);
    assertThat(found).hasSize(1);
    Conflict cluster = found.get(0);
    assertThat(cluster.primary()).isEqualTo(a.id());
    assertThat(cluster.features()).extracting(FeatureRef::id).containsExactly(a.id(), b.id(), c.id());
    assertThat(cluster.measured()).isEqualTo(3.0);
    assertThat(cluster.norm()).isEqualTo(2.0);
    assertThat(cluster.sentence()).isEqualTo("3 structures stand less than 2 m apart, more than the agreed 2 without a fire break.");
    assertThat(cluster.geometry().covers(c.geometry())).isTrue();
    // at the agreed size there is no conflict
    Analysis atSize = Analysis.run(PlanModel.of(List.of(a, b, c, d), List.of(), List.of(), List.of()), clusters(3));
    assertThat(of(atSize, ConflictType.FIRE_CLUSTER)).isEmpty();
  }

  @Test
  void touchingCornersAndFootprintsWithHolesLink() {
    // diagonal neighbours touching at one corner are 0 m apart; a courtyard house (a hole) links to
    // the structure standing in its courtyard, whose walls are 1 m from the inner walls
    Structure corner1 = square(0, 0, 4);
    Structure corner2 = square(4, 4, 4);
    Structure courtyard = structure("POLYGON((100 0, 120 0, 120 20, 100 20, 100 0), (105 5, 115 5, 115 15, 105 15, 105 5))");
    Structure inYard = square(106, 6, 8);
    Structure far = square(200, 0, 4);
    Analysis run = Analysis.run(PlanModel.of(List.of(corner1, corner2, courtyard, inYard, far), List.of(), List.of(), List.of()),
        clusters(1));
    assertThat(of(run, ConflictType.FIRE_CLUSTER)).extracting(Conflict::primary)
        .containsExactlyInAnyOrder(corner1.id(), courtyard.id());
    assertThat(FireClusters.closer(courtyard.geometry(), inYard.geometry(), 1.0)).isFalse();
    assertThat(FireClusters.closer(courtyard.geometry(), inYard.geometry(), 1.01)).isTrue();
  }

  @Test
  void aStructureMovedIntoTheGapJoinsTwoClustersIncrementally() {
    Structure a = square(0, 0, 4);
    Structure b = square(5, 0, 4);
    Structure c = square(20, 0, 4);
    Structure d = square(25, 0, 4);
    Structure mover = square(50, 0, 4);
    PlanModel model = PlanModel.of(List.of(a, b, c, d, mover), List.of(), List.of(), List.of());
    Analysis run = Analysis.run(model, clusters(3));
    assertThat(of(run, ConflictType.FIRE_CLUSTER)).isEmpty();
    Structure moved = new Structure(mover.id(), mover.fid(), null, square(10, 0, 9).geometry(), 1, 5, Map.of());
    Envelope old = model.remove("structures", mover.id());
    model.put(moved);
    Analysis.Delta delta = run.update(Map.of("structures", Set.of(mover.id())), List.of(old, moved.geometry().getEnvelopeInternal()));
    assertThat(of(run, ConflictType.FIRE_CLUSTER)).singleElement()
        .satisfies(k -> assertThat(k.features()).hasSize(5))
        .satisfies(k -> assertThat(k.primary()).isEqualTo(a.id()));
    assertThat(delta.primaries()).contains(a.id());
  }

  // ---------------------------------------------------------------- incremental

  @Test
  void anUpdateAfterMovingAPathEqualsAFullRunAndTouchesOnlyTheNeighbourhood() {
    List<Structure> houses = new java.util.ArrayList<>();
    for (int i = 0; i < 40; i++) {
      for (int j = 0; j < 10; j++) {
        houses.add(square(i * 12, j * 12 + 3, 8));
      }
    }
    List<Path> paths = new java.util.ArrayList<>();
    for (int j = 0; j <= 10; j++) {
      paths.add(path("LINESTRING(-5 " + (j * 12 + 1) + ", 480 " + (j * 12 + 1) + ")", 1.5, "existing"));
    }
    Path moving = path("LINESTRING(100 -20, 100 150)", 3, "proposed");
    paths.add(moving);
    List<Service> services = List.of(service("water_point", 0, 0), service("toilet", 300, 0));
    PlanModel model = PlanModel.of(houses, paths, services, List.of());
    Analysis incremental = Analysis.run(model, rules());
    int before = incremental.conflicts().size();

    Path moved = new Path(moving.id(), moving.fid(), null, (org.locationtech.jts.geom.LineString) wkt("LINESTRING(200 -20, 200 150)"),
        "footpath", 3, "earth", "proposed", false);
    Envelope old = model.remove("footpaths", moving.id());
    model.put(moved);
    Analysis.Delta delta = incremental.update(Map.of("footpaths", Set.of(moving.id())), List.of(old, moved.geometry().getEnvelopeInternal()));

    Analysis full = Analysis.run(PlanModel.of(houses, paths.stream().map(p -> p == moving ? moved : p).toList(), services, List.of()), rules());
    assertThat(signatures(incremental.conflicts())).isEqualTo(signatures(full.conflicts()));
    assertThat(before).isPositive();
    assertThat(delta.primaries()).isNotEmpty().hasSizeLessThan(houses.size());
  }

  private static java.util.Set<String> signatures(List<Conflict> conflicts) {
    java.util.Set<String> out = new java.util.TreeSet<>();
    for (Conflict c : conflicts) {
      out.add(c.type() + " " + c.primary() + " " + c.features() + " " + c.measured() + " " + c.sentence());
    }
    return out;
  }
}
