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
    double[] fullCpu = new double[4];
    Analysis analysis = null;
    for (int i = 0; i < full.length + 1; i++) {
      PlanModel model = s.model();
      t = System.nanoTime();
      long cpu = processCpuNanos();
      analysis = Analysis.run(model, rules);
      if (i > 0) {
        full[i - 1] = ms(t);
        fullCpu[i - 1] = (processCpuNanos() - cpu) / 1e6;
      }
    }
    out.printf("engine full analysis: median %.0f ms, max %.0f ms; CPU time median %.0f ms (%d conflicts, %d corridor pairs;"
            + " after 1 warm-up)%n",
        median(full), max(full), median(fullCpu), analysis.conflicts().size(), corridorPairs(analysis));
    long cpu = processCpuNanos();
    double[] engineMoves = moveAll(analysis, s, moves, seed);
    out.printf("engine re-analysis after moving one footpath: p50 %.1f ms, p95 %.1f ms, max %.1f ms; CPU time mean %.1f ms"
            + " (%d moves after 5 warm-up moves)%n",
        percentile(engineMoves, 50), percentile(engineMoves, 95), max(engineMoves),
        (processCpuNanos() - cpu) / 1e6 / (engineMoves.length + 5), engineMoves.length);
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

    // ---- the same corridor and nearest-service work in PostGIS, written to use the GiST indexes
    double clearance = rules.corridor().clearance();
    double[] sqlCorridor = new double[2];
    double[] sqlNearest = new double[2];
    long hits = 0;
    long nearest = 0;
    for (int i = 0; i < 2; i++) {
      t = System.nanoTime();
      hits = count(jdbc, PostgisCorridorSql.COUNT, srid, clearance, sid, srid, sid);
      sqlCorridor[i] = ms(t);
      t = System.nanoTime();
      nearest = count(jdbc, NEAREST_TAP_AND_TOILET, sid, sid, sid);
      sqlNearest[i] = ms(t);
    }
    double sql = Math.min(sqlCorridor[0], sqlCorridor[1]) + Math.min(sqlNearest[0], sqlNearest[1]);
    out.printf("PostGIS corridor hits (%d pairs, corridor transformed to EPSG:4326 for the index): runs %.0f, %.0f ms%n",
        hits, sqlCorridor[0], sqlCorridor[1]);
    out.printf("PostGIS straight-line nearest tap and toilet of every structure (KNN, %d): runs %.0f, %.0f ms%n",
        nearest, sqlNearest[0], sqlNearest[1]);
    // the engine's stored result for the same rows (after the moves above, as the SQL saw them)
    long stored = count(jdbc, "SELECT coalesce(sum(jsonb_array_length(features) - 1), 0) FROM conflict"
        + " WHERE settlement_id = ? AND plan_id = 'baseline' AND type IN ('corridor_trim', 'corridor_relocation')", sid);
    out.printf("corridor pairs on the same rows: engine (stored) %d, PostGIS %d: %s%n",
        stored, hits, stored == hits ? "the same" : "DIFFERENT");
    out.printf("ratio PostGIS (corridors + straight nearest tap and toilet, best run) / engine full analysis (median; all checks,"
            + " network distances): %.2f%n", sql / median(full));
  }

  /**
   * Straight-line nearest tap and nearest toilet of every structure, index-assisted KNN ({@code <->}
   * on the GiST index of the services' EPSG:4326 geometry): the nearest-service work in plain SQL.
   * The baseline's services are the table's baseline rows; read through {@code plan_services()} (a
   * UNION ALL) the ordering cannot use the index and the query takes minutes. Counts the
   * structures that have both.
   */
  private static final String NEAREST_TAP_AND_TOILET =
      "SELECT count(t.id) FROM plan_structures(?, 'baseline') s"
          + " CROSS JOIN LATERAL (SELECT v.id FROM services v WHERE v.settlement_id = ? AND v.plan_id = 'baseline'"
          + "   AND NOT v.deleted AND v.type = 'water_point' ORDER BY v.geom <-> s.geom LIMIT 1) w"
          + " CROSS JOIN LATERAL (SELECT v.id FROM services v WHERE v.settlement_id = ? AND v.plan_id = 'baseline'"
          + "   AND NOT v.deleted AND v.type IN ('toilet', 'toilet_block') ORDER BY v.geom <-> s.geom LIMIT 1) t";

  /** Structure–path pairs of the corridor conflicts. */
  private static long corridorPairs(Analysis a) {
    long n = 0;
    for (var c : a.conflicts()) {
      if (c.type() == org.coplan.analysis.engine.ConflictType.CORRIDOR_TRIM
          || c.type() == org.coplan.analysis.engine.ConflictType.CORRIDOR_RELOCATION) {
        n += c.features().size() - 1;
      }
    }
    return n;
  }

  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
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
