package org.coplan.analysis;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.coplan.analysis.engine.Analysis;
import org.coplan.analysis.engine.Path;
import org.coplan.analysis.engine.PlanModel;
import org.coplan.analysis.engine.RuleSet;
import org.coplan.analysis.synthetic.SyntheticSettlement;
import org.coplan.analysis.synthetic.SyntheticWriter;
import org.coplan.changes.ChangedFeature;
import org.coplan.changes.FeatureChange;
import org.coplan.db.Jdbc;
import org.coplan.layers.Layer;
import org.coplan.settlements.SettlementRepository;
import org.coplan.settlements.SettlementService;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.util.AffineTransformation;

/**
 * {@code coplan bench analysis}: a plain harness (warm-up runs, then measured runs, medians and
 * p95) over a synthetic settlement. Measures the in-memory engine (full run, re-analysis after
 * moving one footpath, peak heap), then the same end to end through the database (load, run,
 * write; and per move: read the moved path, update, write the changed conflicts), and the corridor
 * and nearest-service work done in PostGIS SQL on the same rows, reported as a ratio.
 */
public final class AnalysisBench {
  private AnalysisBench() {}

  public static void run(Jdbc jdbc, int structures, int footpaths, int services, long seed, int moves, PrintStream out) {
    RuleSet rules = RuleSetDocument.toRuleSet(RuleSetDocument.preset("cape-town"));
    long t = System.nanoTime();
    SyntheticSettlement s = SyntheticSettlement.generate(structures, footpaths, services, seed);
    out.printf("synthetic settlement: %d structures, %d footpath segments, %d services (seed %d), made in %.0f ms%n",
        s.structures().size(), s.paths().size(), s.services().size(), seed, ms(t));

    // ---- engine, in memory
    resetPeaks();
    double[] full = new double[4];
    Analysis analysis = null;
    for (int i = 0; i < full.length + 1; i++) {
      PlanModel model = s.model();
      t = System.nanoTime();
      analysis = Analysis.run(model, rules);
      if (i > 0) {
        full[i - 1] = ms(t);
      }
    }
    out.printf("engine full analysis: median %.0f ms, max %.0f ms (%d conflicts; after 1 warm-up)%n",
        median(full), max(full), analysis.conflicts().size());
    double[] engineMoves = moveAll(analysis, s, moves, seed);
    out.printf("engine re-analysis after moving one footpath: p50 %.1f ms, p95 %.1f ms (%d moves)%n",
        percentile(engineMoves, 50), percentile(engineMoves, 95), engineMoves.length);
    out.printf("peak heap (all pools, this JVM so far): %d MB%n", peakHeapMb());

    if (jdbc == null) {
      return;
    }
    // ---- end to end, through the database
    String sid = "bench-" + seed + "-" + (System.currentTimeMillis() % 100000);
    t = System.nanoTime();
    SyntheticWriter.write(jdbc, sid, "Benchmark " + seed, s);
    out.printf("stored as settlement %s in %.0f ms%n", sid, ms(t));
    AnalysisService service = new AnalysisService(new SettlementService(new SettlementRepository(jdbc)), jdbc);
    t = System.nanoTime();
    AnalysisService.Status status = service.status(sid, "baseline");
    double endToEnd = ms(t);
    out.printf("end to end full analysis (load, run, write %d conflicts): %.0f ms%n", status.conflicts(), endToEnd);
    int srid = s.srid();
    SplittableRandom random = new SplittableRandom(seed + 1);
    List<Path> paths = new ArrayList<>(s.paths());
    double[] dbMoves = new double[moves];
    for (int i = 0; i < moves; i++) {
      Path p = paths.get(random.nextInt(paths.size()));
      double dx = random.nextDouble(-4, 4);
      double dy = random.nextDouble(-4, 4);
      jdbc.inTransaction(c -> {
        try (PreparedStatement ps = c.prepareStatement(
            "UPDATE footpaths SET geom = ST_Transform(ST_Translate(ST_Transform(geom, ?), ?, ?), 4326)"
                + " WHERE settlement_id = ? AND plan_id = 'baseline' AND id = ?")) {
          ps.setInt(1, srid);
          ps.setDouble(2, dx);
          ps.setDouble(3, dy);
          ps.setString(4, sid);
          ps.setObject(5, p.id());
          ps.executeUpdate();
        }
        return null;
      });
      FeatureChange change = new FeatureChange(sid, "baseline", Layer.FOOTPATHS, 1, new Envelope(),
          List.of(new ChangedFeature(p.id(), 2 + i, false, "bench", new Envelope(), new Envelope())));
      t = System.nanoTime();
      service.changed(change);
      dbMoves[i] = ms(t);
    }
    out.printf("end to end re-analysis after moving one footpath (read it, update, write): p50 %.1f ms, p95 %.1f ms%n",
        percentile(dbMoves, 50), percentile(dbMoves, 95));

    // ---- the same corridor and nearest-service work in PostGIS
    t = System.nanoTime();
    long hits = count(jdbc,
        "WITH c AS MATERIALIZED (SELECT p.id, ST_Buffer(ST_Transform(p.geom, ?), p.width_m::float8 / 2 + 0.5) AS g"
            + " FROM plan_footpaths(?, 'baseline') p WHERE p.state IN ('proposed', 'agreed'))"
            + " SELECT count(*) FROM c JOIN plan_structures(?, 'baseline') s"
            + " ON ST_Intersects(c.g, ST_Transform(s.geom, ?)) AND NOT ST_Touches(c.g, ST_Transform(s.geom, ?))",
        srid, sid, sid, srid, srid);
    double sqlCorridor = ms(t);
    t = System.nanoTime();
    long nearest = count(jdbc,
        "SELECT count(n.id) FROM plan_structures(?, 'baseline') s CROSS JOIN LATERAL (SELECT v.id FROM services v"
            + " WHERE v.settlement_id = s.settlement_id AND v.type = 'water_point' ORDER BY v.geom <-> s.geom LIMIT 1) n",
        sid);
    double sqlNearest = ms(t);
    out.printf("PostGIS corridor hits (%d pairs): %.0f ms; straight-line nearest tap of every structure (%d): %.0f ms%n",
        hits, sqlCorridor, nearest, sqlNearest);
    out.printf("ratio PostGIS (corridors + straight nearest tap) / engine full analysis (all checks, network distances): %.1f%n",
        (sqlCorridor + sqlNearest) / median(full));
  }

  private static double[] moveAll(Analysis analysis, SyntheticSettlement s, int moves, long seed) {
    SplittableRandom random = new SplittableRandom(seed + 1);
    PlanModel model = analysis.model();
    List<Path> paths = new ArrayList<>(s.paths());
    double[] times = new double[moves];
    for (int i = -5; i < moves; i++) {
      int k = random.nextInt(paths.size());
      Path p = model.paths().stream().filter(x -> x.id().equals(paths.get(k).id())).findFirst().orElseThrow();
      LineString moved = (LineString) AffineTransformation.translationInstance(random.nextDouble(-4, 4), random.nextDouble(-4, 4))
          .transform(p.geometry());
      Path next = new Path(p.id(), p.fid(), p.name(), moved, p.pathClass(), p.width(), p.surface(), p.state(), p.changedByPlan());
      long t = System.nanoTime();
      Envelope old = model.remove("footpaths", p.id());
      model.put(next);
      analysis.update(Map.of("footpaths", Set.of(p.id())), List.of(old, moved.getEnvelopeInternal()));
      if (i >= 0) {
        times[i] = ms(t);
      }
    }
    return times;
  }

  private static long count(Jdbc jdbc, String sql, Object... values) {
    return jdbc.read(c -> {
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        int i = 1;
        for (Object v : values) {
          ps.setObject(i++, v);
        }
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          return rs.getLong(1);
        }
      }
    });
  }

  private static double ms(long start) {
    return (System.nanoTime() - start) / 1e6;
  }

  private static double median(double[] v) {
    return percentile(v, 50);
  }

  private static double max(double[] v) {
    return Arrays.stream(v).max().orElse(0);
  }

  static double percentile(double[] v, double p) {
    double[] sorted = v.clone();
    Arrays.sort(sorted);
    int i = (int) Math.ceil(p / 100 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(i, sorted.length - 1))];
  }

  private static void resetPeaks() {
    System.gc();
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      pool.resetPeakUsage();
    }
  }

  private static long peakHeapMb() {
    long sum = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        sum += pool.getPeakUsage().getUsed();
      }
    }
    return sum / (1024 * 1024);
  }
}
