package org.coplan.analysis.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.coplan.analysis.engine.Fixtures.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Envelope;

/** Check 5, block depth: blocks of the path network and the layers of structures in them. */
class BlockDepthTest {

  /** A 40 m square block: four existing footpaths around (0 0, 40 40). */
  private static List<Path> square40() {
    return new ArrayList<>(List.of(
        path("LINESTRING(0 0, 40 0)", 1.5, "existing"),
        path("LINESTRING(40 0, 40 40)", 1.5, "existing"),
        path("LINESTRING(40 40, 0 40)", 1.5, "existing"),
        path("LINESTRING(0 40, 0 0)", 1.5, "existing")));
  }

  /** The Cape Town figures (frontage 3 m) with blocks of at most {@code max} layers. */
  private static RuleSet maxDepth(int max) {
    RuleSet r = rules();
    return new RuleSet(r.corridor(), r.water(), r.toilet(), r.fire(), new RuleSet.Access(3, 50, max), Map.of(), 3, 10);
  }

  private static List<Conflict> depth(List<Structure> s, List<Path> p, int max) {
    Analysis a = Analysis.run(PlanModel.of(s, p, List.of(), List.of()), maxDepth(max));
    return a.conflicts().stream().filter(c -> c.type() == ConflictType.BLOCK_DEPTH).toList();
  }

  @Test
  void aFrontageStructureAndOneBehindItAreTwoLayersDeep() {
    // the corner structure is 1 m from two paths; the inner one 2.8 m from it and 7 m from every path
    Structure front = square(1, 1, 4);
    Structure inner = square(7, 7, 4);
    assertThat(depth(List.of(front, inner), square40(), 2)).isEmpty();
    List<Conflict> found = depth(List.of(front, inner), square40(), 1);
    assertThat(found).hasSize(1);
    Conflict c = found.get(0);
    assertThat(c.measured()).isEqualTo(2.0);
    assertThat(c.norm()).isEqualTo(1.0);
    assertThat(c.features()).containsExactly(FeatureRef.of(inner));
    assertThat(c.geometry().getArea()).isEqualTo(1600.0);
    assertThat(c.primary()).isNotIn(front.id(), inner.id());
    assertThat(c.sentence())
        .isEqualTo("Block of 2 structures is 2 layers deep: 1 structures reach a path only through 1 others (agreed: at most 1).");
  }

  @Test
  void aStructureBehindTheInnerOneIsThreeLayersDeep() {
    Structure front = square(1, 1, 4);
    Structure inner = square(7, 7, 4);
    // 2 m beyond the inner one, 8 m from the front one, 7 m from every path
    Structure innerInner = square(7, 13, 4);
    List<Conflict> found = depth(List.of(front, inner, innerInner), square40(), 2);
    assertThat(found).hasSize(1);
    assertThat(found.get(0).measured()).isEqualTo(3.0);
    assertThat(found.get(0).features()).containsExactly(FeatureRef.of(innerInner));
    assertThat(found.get(0).sentence()).startsWith("Block of 3 structures is 3 layers deep: 1 structures reach a path"
        + " only through 2 others");
  }

  @Test
  void aBlockWithoutStructuresHasNoDepth() {
    assertThat(depth(List.of(), square40(), 1)).isEmpty();
    // a structure outside every block (beyond the square) belongs to none
    assertThat(depth(List.of(square(60, 60, 4), square(66, 60, 4)), square40(), 1)).isEmpty();
  }

  @Test
  void aStructureExactlyAtTheFrontageDistanceIsLayerOne() {
    // 3 m from the left path exactly, the one behind it 2 m farther in
    Structure at = square(3, 10, 4);
    Structure behind = square(9, 10, 4);
    List<Conflict> found = depth(List.of(at, behind), square40(), 1);
    assertThat(found).extracting(Conflict::measured).containsExactly(2.0);
    // 1 cm farther, neither reaches a path: no layer at all (check 5's no_frontage reports them)
    Structure beyond = square(3.01, 10, 4);
    Structure behindBeyond = square(9.01, 10, 4);
    assertThat(depth(List.of(beyond, behindBeyond), square40(), 1)).isEmpty();
  }

  @Test
  void aDeadEndPathInsideABlockDoesNotSplitIt() {
    List<Path> paths = square40();
    paths.add(path("LINESTRING(20 0, 20 20)", 1.5, "existing"));
    Structure front = square(1, 1, 4);
    Structure inner = square(7, 7, 4);
    Structure innerInner = square(7, 13, 4);
    // across the dead end's line, 6 m from every path: in the same block, reached by no one
    Structure across = square(30, 30, 4);
    List<Conflict> found = depth(List.of(front, inner, innerInner, across), paths, 2);
    assertThat(found).hasSize(1);
    assertThat(found.get(0).geometry().getArea()).isEqualTo(1600.0);
    assertThat(found.get(0).measured()).isEqualTo(3.0);
    assertThat(found.get(0).params()).containsEntry("count", 4).containsEntry("unreachable", 1);
  }

  @Test
  void aCrossingPathSplitsTheBlockAndEditsAreRecomputedIncrementally() {
    Structure front = square(1, 1, 4);
    Structure inner = square(7, 7, 4);
    Structure innerInner = square(7, 13, 4);
    List<Path> paths = square40();
    PlanModel model = PlanModel.of(List.of(front, inner, innerInner), paths, List.of(), List.of());
    RuleSet rules = maxDepth(2);
    Analysis a = Analysis.run(model, rules);
    assertThat(blockConflicts(a)).hasSize(1);
    // a path across the block at y = 24: blocks of 40 x 24 and 40 x 16, the chain still 3 deep in the lower one
    Path across = path("LINESTRING(0 24, 40 24)", 1.5, "existing");
    model.put(across);
    a.update(Map.of("footpaths", Set.of(across.id())), List.of(across.geometry().getEnvelopeInternal()));
    assertThat(blockConflicts(a)).extracting(c -> c.geometry().getArea()).containsExactly(960.0);
    assertSameAsFull(a, model, rules);
    // the innermost structure moves to 3 m from the new path: it has frontage, the block is 2 deep
    Envelope old = model.remove("structures", innerInner.id());
    Structure moved = new Structure(innerInner.id(), innerInner.fid(), null,
        (org.locationtech.jts.geom.Polygon) wkt("POLYGON((7 17, 11 17, 11 21, 7 21, 7 17))"), 1, 5, Map.of());
    model.put(moved);
    Analysis.Delta delta = a.update(Map.of("structures", Set.of(moved.id())), List.of(old, moved.geometry().getEnvelopeInternal()));
    assertThat(blockConflicts(a)).isEmpty();
    assertThat(delta.primaries()).isNotEmpty();
    assertSameAsFull(a, model, rules);
    // the crossing path removed: one block again, 2 deep (the moved one, 6 m from the inner one, reaches no path)
    Envelope gone = model.remove("footpaths", across.id());
    a.update(Map.of("footpaths", Set.of(across.id())), List.of(gone));
    assertThat(blockConflicts(a)).isEmpty();
    assertSameAsFull(a, model, rules);
    assertThat(Analysis.run(PlanModel.of(List.copyOf(model.structures()), List.copyOf(model.paths()), List.of(), List.of()),
        maxDepth(1)).conflicts()).filteredOn(c -> c.type() == ConflictType.BLOCK_DEPTH)
        .extracting(c -> c.params().get("unreachable")).containsExactly(1);
  }

  @Test
  void aPathClosingABlockFarRoundAndADeadEndAreFoundIncrementally() {
    // three sides of a 200 x 200 m square plus a 40 m block in its corner; the fourth side closes it
    List<Path> paths = square40();
    paths.add(path("LINESTRING(40 0, 200 0, 200 200, 0 200)", 1.5, "existing"));
    paths.add(path("LINESTRING(0 40, 0 150)", 1.5, "existing"));
    Structure front = square(100, 196, 3);
    Structure inner = square(100, 191, 3);
    Structure innerInner = square(100, 186, 3);
    PlanModel model = PlanModel.of(List.of(front, inner, innerInner), paths, List.of(), List.of());
    RuleSet rules = maxDepth(2);
    Analysis a = Analysis.run(model, rules);
    assertThat(blockConflicts(a)).isEmpty();
    Path closing = path("LINESTRING(0 150, 0 200)", 1.5, "existing");
    model.put(closing);
    a.update(Map.of("footpaths", Set.of(closing.id())), List.of(closing.geometry().getEnvelopeInternal()));
    assertThat(blockConflicts(a)).extracting(Conflict::measured).containsExactly(3.0);
    assertSameAsFull(a, model, rules);
    // a dead end from the top side to beside the innermost one gives it frontage: 2 deep
    Path deadEnd = path("LINESTRING(104 200, 104 184)", 1.5, "existing");
    model.put(deadEnd);
    a.update(Map.of("footpaths", Set.of(deadEnd.id())), List.of(deadEnd.geometry().getEnvelopeInternal()));
    assertThat(blockConflicts(a)).isEmpty();
    assertSameAsFull(a, model, rules);
    Envelope gone = model.remove("footpaths", deadEnd.id());
    a.update(Map.of("footpaths", Set.of(deadEnd.id())), List.of(gone));
    assertThat(blockConflicts(a)).extracting(Conflict::measured).containsExactly(3.0);
    assertSameAsFull(a, model, rules);
  }

  private static List<Conflict> blockConflicts(Analysis a) {
    return a.conflicts().stream().filter(c -> c.type() == ConflictType.BLOCK_DEPTH).toList();
  }

  private static void assertSameAsFull(Analysis a, PlanModel model, RuleSet rules) {
    PlanModel copy = PlanModel.of(List.copyOf(model.structures()), List.copyOf(model.paths()), List.copyOf(model.services()),
        List.copyOf(model.constraints()));
    assertThat(IncrementalAnalysisTest.signatures(a.conflicts()))
        .isEqualTo(IncrementalAnalysisTest.signatures(Analysis.run(copy, rules).conflicts()));
  }
}
