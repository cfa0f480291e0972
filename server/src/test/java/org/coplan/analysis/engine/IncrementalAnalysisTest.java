package org.coplan.analysis.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.UUID;
import org.coplan.analysis.synthetic.SyntheticSettlement;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.util.AffineTransformation;

/**
 * Incremental re-analysis gives exactly what a full run gives, edit after edit, on a small
 * synthetic settlement: every conflict (type, features, measured value, norm, parameters, geometry),
 * every structure's access and every service's load. The edits are those of the benchmark (moving
 * one footpath a few metres) and the others the change feed brings: paths added and removed,
 * services and structures moved, a constraint added.
 */
class IncrementalAnalysisTest {
  private static final RuleSet RULES = Fixtures.rules();

  @Test
  void everyEditGivesWhatAFullRunGives() {
    SyntheticSettlement s = SyntheticSettlement.generate(1200, 112, 30, 7);
    PlanModel model = s.model();
    Analysis incremental = Analysis.run(model, RULES);
    // the comparisons below cover block depth too: the settlement has blocks deeper than the norm
    assertThat(incremental.conflicts()).anyMatch(c -> c.type() == ConflictType.BLOCK_DEPTH);
    assertSame(incremental, model);
    SplittableRandom random = new SplittableRandom(11);
    List<Path> paths = new ArrayList<>(s.paths());
    for (int i = 0; i < 15; i++) {
      Path p = model.paths.get(paths.get(random.nextInt(paths.size())).id());
      move(incremental, model, "footpaths", p.id(), p.geometry(),
          g -> new Path(p.id(), p.fid(), p.name(), (LineString) g, p.pathClass(), p.width(), p.surface(), p.state(), p.changedByPlan()),
          random.nextDouble(-6, 6), random.nextDouble(-6, 6));
      assertSame(incremental, model);
    }
    // a path removed, then a new wide proposed one across several blocks
    Path gone = paths.get(17);
    Envelope old = model.remove("footpaths", gone.id());
    incremental.update(Map.of("footpaths", Set.of(gone.id())), List.of(old));
    assertSame(incremental, model);
    LineString across = (LineString) Fixtures.wkt(String.format(java.util.Locale.ROOT, "LINESTRING(%f %f, %f %f)",
        s.origin()[0] + 20, s.origin()[1] + 30, s.origin()[0] + 260, s.origin()[1] + 90));
    Path added = new Path(UUID.randomUUID(), 900_000, "New lane", across, "lane", 4, "gravel", "proposed", true);
    model.put(added);
    incremental.update(Map.of("footpaths", Set.of(added.id())), List.of(across.getEnvelopeInternal()));
    assertSame(incremental, model);
    // services and structures move; a service is removed
    List<Service> services = new ArrayList<>(s.services());
    for (int i = 0; i < 4; i++) {
      Service v = model.services.get(services.get(random.nextInt(services.size())).id());
      move(incremental, model, "services", v.id(), v.geometry(),
          g -> new Service(v.id(), v.fid(), v.name(), g, v.type(), v.state(), v.capacity(), v.sector()),
          random.nextDouble(-40, 40), random.nextDouble(-40, 40));
      assertSame(incremental, model);
    }
    Service removed = services.get(3);
    old = model.remove("services", removed.id());
    incremental.update(Map.of("services", Set.of(removed.id())), List.of(old));
    assertSame(incremental, model);
    List<Structure> structures = new ArrayList<>(s.structures());
    for (int i = 0; i < 4; i++) {
      Structure x = model.structures.get(structures.get(random.nextInt(structures.size())).id());
      move(incremental, model, "structures", x.id(), x.geometry(),
          g -> new Structure(x.id(), x.fid(), x.name(), (Polygon) g, x.households() + 2, x.people() + 7, x.groups()),
          random.nextDouble(-3, 3), random.nextDouble(-3, 3));
      assertSame(incremental, model);
    }
    Constraint zone = new Constraint(UUID.randomUUID(), 900_001, "Gully", Fixtures.wkt(String.format(java.util.Locale.ROOT,
        "POLYGON((%1$f %2$f, %3$f %2$f, %3$f %4$f, %1$f %4$f, %1$f %2$f))",
        s.origin()[0] + 100, s.origin()[1] + 100, s.origin()[0] + 140, s.origin()[1] + 160)), "erosion_gully", "no_build", 4);
    model.put(zone);
    incremental.update(Map.of("constraints", Set.of(zone.id())), List.of(zone.geometry().getEnvelopeInternal()));
    assertSame(incremental, model);
  }

  private static <T> void move(
      Analysis analysis, PlanModel model, String layer, UUID id, Geometry geometry, java.util.function.Function<Geometry, T> make,
      double dx, double dy) {
    Geometry moved = AffineTransformation.translationInstance(dx, dy).transform(geometry);
    T next = make.apply(moved);
    Envelope old = model.remove(layer, id);
    if (next instanceof Path p) {
      model.put(p);
    } else if (next instanceof Service v) {
      model.put(v);
    } else {
      model.put((Structure) next);
    }
    analysis.update(Map.of(layer, Set.of(id)), List.of(old, moved.getEnvelopeInternal()));
  }

  private static void assertSame(Analysis incremental, PlanModel model) {
    PlanModel copy = PlanModel.of(List.copyOf(model.structures()), List.copyOf(model.paths()), List.copyOf(model.services()),
        List.copyOf(model.constraints()));
    Analysis full = Analysis.run(copy, RULES);
    assertThat(signatures(incremental.conflicts())).isEqualTo(signatures(full.conflicts()));
    assertThat(incremental.access()).isEqualTo(full.access());
    assertThat(incremental.loads()).isEqualTo(full.loads());
  }

  static Set<String> signatures(List<Conflict> conflicts) {
    Set<String> out = new TreeSet<>();
    for (Conflict c : conflicts) {
      out.add(c.type() + " " + c.primary() + " " + c.features() + " " + c.measured() + " " + c.norm() + " " + c.sentence()
          + " " + c.geometry().toText());
    }
    return out;
  }
}
