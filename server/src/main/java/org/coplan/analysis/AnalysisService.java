package org.coplan.analysis;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.coplan.analysis.engine.Analysis;
import org.coplan.analysis.engine.PlanModel;
import org.coplan.analysis.engine.RuleSet;
import org.coplan.changes.ChangeListener;
import org.coplan.changes.ChangedFeature;
import org.coplan.changes.FeatureChange;
import org.coplan.db.Jdbc;
import org.coplan.settlements.Plan;
import org.coplan.settlements.Settlement;
import org.coplan.settlements.SettlementService;
import org.locationtech.jts.geom.Envelope;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the analysis of every plan someone looked at: analysed in full on first request (or when a
 * planner asks), then brought up to date incrementally from the change feed, and its conflicts
 * stored. Each plan's analysis has a sequence number that grows with every update written, so a
 * client (or a test) can wait for the analysis of its edit.
 */
public final class AnalysisService implements ChangeListener {
  private static final Logger log = LoggerFactory.getLogger(AnalysisService.class);

  /** One analysed plan. Its monitor serialises the first run and every update. */
  static final class PlanState {
    final String settlementId;
    final String planId;
    volatile Analysis analysis;
    int srid;
    int ruleVersion;
    volatile long sequence;
    volatile Instant analysedAt;
    SettlementIndicators indicators;
    long indicatorsSequence = -1;

    PlanState(String settlementId, String planId) {
      this.settlementId = settlementId;
      this.planId = planId;
    }
  }

  /** What the analysis of a plan stands at. */
  public record Status(String settlementId, String planId, long sequence, Instant analysedAt, int ruleSetVersion, int conflicts) {}

  private final SettlementService settlements;
  private final AnalysisRepository repository;
  private final Map<String, PlanState> plans = new ConcurrentHashMap<>();
  /** Runs the baseline analyses the settlement detail asks for, one at a time, off the request thread. */
  private final java.util.concurrent.ExecutorService background = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "analysis-background");
    t.setDaemon(true);
    return t;
  });
  private final Set<String> starting = ConcurrentHashMap.newKeySet();

  public AnalysisService(SettlementService settlements, Jdbc jdbc) {
    this.settlements = settlements;
    this.repository = new AnalysisRepository(jdbc);
  }

  /** Stops a background analysis with the server: its pool is about to close under it. */
  public void close() {
    background.shutdownNow();
  }

  AnalysisRepository repository() {
    return repository;
  }

  private static String key(String sid, String pid) {
    return sid + "\n" + pid;
  }

  // ---------------------------------------------------------------- rule sets

  /** The settlement's rule set; the Cape Town preset, version 0, until a planner stores one. */
  AnalysisRepository.StoredRuleSet ruleSet(String sid) {
    settlements.require(sid);
    return repository.ruleSet(sid).orElseGet(() -> new AnalysisRepository.StoredRuleSet("cape-town", 0, RuleSetDocument.preset("cape-town")));
  }

  AnalysisRepository.StoredRuleSet putRuleSet(String sid, ObjectNode body, String author, String reason) {
    settlements.require(sid);
    ObjectNode doc = RuleSetDocument.complete(body);
    AnalysisRepository.StoredRuleSet stored = repository.putRuleSet(sid, body.get("preset").asText(), doc, author, reason);
    // every analysed plan of the settlement runs again under the new figures
    for (PlanState s : List.copyOf(plans.values())) {
      if (s.settlementId.equals(sid)) {
        synchronized (s) {
          full(s);
        }
      }
    }
    return stored;
  }

  // ---------------------------------------------------------------- analyses

  /** The plan's analysis, run now if it has not been. */
  Analysis analysis(String sid, String pid) {
    return state(sid, pid).analysis;
  }

  Status status(String sid, String pid) {
    PlanState s = state(sid, pid);
    synchronized (s) {
      return new Status(sid, pid, s.sequence, s.analysedAt, s.ruleVersion, s.analysis.conflicts().size());
    }
  }

  /** What the plan costs and brings against the baseline. */
  Impact impact(String sid, String pid) {
    PlanState plan = state(sid, pid);
    PlanState baseline = state(sid, "baseline");
    // updates change an analysis in place: read both while no update runs (always plan, then baseline)
    synchronized (plan) {
      synchronized (baseline) {
        return Impact.of(pid, plan.analysis, baseline.analysis, repository.representation(sid),
            ids -> repository.jdbcRead(c -> org.coplan.review.RepresentationGrouping.memberships(c, sid, ids)));
      }
    }
  }

  /**
   * The indicators that inform the settlement's category, from its baseline analysis. When that
   * has not run yet it is started in the background and the answer says so ({@code analysing}):
   * the settlement detail must not wait seconds for it.
   */
  public Object indicators(String sid) {
    PlanState s = plans.get(key(sid, "baseline"));
    if (s != null && s.analysis != null) {
      synchronized (s) {
        if (s.analysis != null) {
          if (s.indicators == null || s.indicatorsSequence != s.sequence) {
            s.indicators = SettlementIndicators.of(s.analysis, repository.areaM2(sid), s.analysedAt);
            s.indicatorsSequence = s.sequence;
          }
          return s.indicators;
        }
      }
    }
    if (starting.add(sid)) {
      background.execute(() -> {
        try {
          analysis(sid, "baseline");
        } catch (RuntimeException e) {
          log.warn("background analysis of the baseline of {} failed; it runs on the next request", sid, e);
        } finally {
          starting.remove(sid);
        }
      });
    }
    return SettlementIndicators.analysing();
  }

  /** Runs the plan's analysis again from the database, whole. */
  Status rerun(String sid, String pid) {
    settlements.requirePlan(sid, pid);
    PlanState s = plans.computeIfAbsent(key(sid, pid), k -> new PlanState(sid, pid));
    synchronized (s) {
      full(s);
    }
    return status(sid, pid);
  }

  private PlanState state(String sid, String pid) {
    Plan plan = settlements.requirePlan(sid, pid);
    PlanState s = plans.computeIfAbsent(key(sid, pid), k -> new PlanState(sid, plan.id()));
    synchronized (s) {
      if (s.analysis == null) {
        full(s);
      }
    }
    return s;
  }

  /** The whole analysis: load, run, replace every stored conflict of the plan. */
  private void full(PlanState s) {
    Settlement settlement = settlements.require(s.settlementId);
    AnalysisRepository.StoredRuleSet stored = ruleSet(s.settlementId);
    RuleSet rules = RuleSetDocument.toRuleSet(stored.document());
    long t0 = System.nanoTime();
    PlanModel model = repository.load(s.settlementId, s.planId, settlement.metricSrid());
    long t1 = System.nanoTime();
    Analysis analysis = Analysis.run(model, rules);
    long t2 = System.nanoTime();
    repository.replace(s.settlementId, s.planId, settlement.metricSrid(), true, List.of(), analysis.conflicts());
    long t3 = System.nanoTime();
    log.info("analysed plan {} of {}: {} structures, {} conflicts; load {} ms, analysis {} ms, write {} ms",
        s.planId, s.settlementId, model.structures().size(), analysis.conflicts().size(),
        (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000, (t3 - t2) / 1_000_000);
    s.analysis = analysis;
    s.srid = settlement.metricSrid();
    s.ruleVersion = stored.version();
    s.analysedAt = Instant.now();
    s.sequence++;
  }

  @Override
  public void changed(FeatureChange change) {
    for (PlanState s : List.copyOf(plans.values())) {
      boolean concerned = s.settlementId.equals(change.settlementId())
          && (s.planId.equals(change.planId()) || "baseline".equals(change.planId()));
      if (!concerned) {
        continue;
      }
      synchronized (s) {
        if (s.analysis == null) {
          continue;
        }
        try {
          if (change.bulk()) {
            full(s);
          } else {
            update(s, change);
          }
        } catch (RuntimeException e) {
          log.error("re-analysis of plan {} of {} failed; it runs whole on the next request", s.planId, s.settlementId, e);
          s.analysis = null;
        }
      }
    }
  }

  @Override
  public void missedChanges() {
    for (PlanState s : List.copyOf(plans.values())) {
      synchronized (s) {
        s.analysis = null;
      }
    }
  }

  /** Reads the changed features again through the plan's view and updates the analysis around them. */
  private void update(PlanState s, FeatureChange change) {
    Set<UUID> ids = new HashSet<>();
    for (ChangedFeature f : change.features()) {
      ids.add(f.id());
    }
    String layer = change.layer().id();
    PlanModel model = s.analysis.model();
    List<Envelope> boxes = new ArrayList<>();
    for (UUID id : ids) {
      Envelope old = model.remove(layer, id);
      if (old != null) {
        boxes.add(old);
      }
    }
    repository.jdbcRead(c -> {
      switch (layer) {
        case "structures" -> repository.structures(c, s.settlementId, s.planId, s.srid, ids).forEach(f -> {
          model.put(f);
          boxes.add(f.geometry().getEnvelopeInternal());
        });
        case "footpaths" -> repository.paths(c, s.settlementId, s.planId, s.srid, ids).forEach(f -> {
          model.put(f);
          boxes.add(f.geometry().getEnvelopeInternal());
        });
        case "services" -> repository.services(c, s.settlementId, s.planId, s.srid, ids).forEach(f -> {
          model.put(f);
          boxes.add(f.geometry().getEnvelopeInternal());
        });
        case "constraints" -> repository.constraints(c, s.settlementId, s.planId, s.srid, ids).forEach(f -> {
          model.put(f);
          boxes.add(f.geometry().getEnvelopeInternal());
        });
        default -> throw new IllegalStateException(layer);
      }
      return null;
    });
    Analysis.Delta delta = s.analysis.update(Map.of(layer, ids), boxes);
    if (!delta.isEmpty()) {
      repository.replace(s.settlementId, s.planId, s.srid, false, delta.primaries(), delta.conflicts());
    }
    s.analysedAt = Instant.now();
    s.sequence++;
  }
}
