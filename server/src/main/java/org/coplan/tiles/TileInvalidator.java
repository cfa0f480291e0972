package org.coplan.tiles;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.coplan.changes.ChangeListener;
import org.coplan.changes.ChangedFeature;
import org.coplan.changes.ConflictChange;
import org.coplan.changes.FeatureChange;
import org.coplan.settlements.Plan;
import org.locationtech.jts.geom.Envelope;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the change feed into tile invalidations: the tiles that touch the old or the new box of each
 * changed feature, at every zoom, of every plan that shows the feature. A proposal shows its own
 * rows and the baseline's rows it does not override, so a baseline change reaches every proposal
 * with cached tiles except those that override the feature (one indexed query). A change to the
 * stored analysis results reaches the plan's tiles from the zoom the conflicts layer starts at. A
 * bulk change (too many rows to list) invalidates its extent; a feed that missed changes, all.
 *
 * <p>Runs on its own change feed's thread (see CoplanServer), so that a request waiting for its
 * edit's invalidation ({@code ChangeFeed#sync}) does not wait for the analysis.
 */
final class TileInvalidator implements ChangeListener {
  private static final Logger log = LoggerFactory.getLogger(TileInvalidator.class);

  private final TileCache cache;
  private final TileRepository repository;
  private final Runnable beforeInvalidating;

  /** @param beforeInvalidating runs before each invalidation (the replica notes the primary's position) */
  TileInvalidator(TileCache cache, TileRepository repository, Runnable beforeInvalidating) {
    this.cache = cache;
    this.repository = repository;
    this.beforeInvalidating = beforeInvalidating;
  }

  @Override
  public void changed(FeatureChange change) {
    String sid = change.settlementId();
    List<TileArea> areas = new ArrayList<>();
    if (!Plan.BASELINE.equals(change.planId())) {
      areas.add(area(sid, change.planId(), boxes(change)));
    } else {
      Set<String> plans = cache.cachedPlans(sid);
      plans.add(Plan.BASELINE);
      Map<String, List<UUID>> overridden = new HashMap<>();
      List<String> proposals = plans.stream().filter(p -> !Plan.BASELINE.equals(p)).toList();
      if (!change.features().isEmpty() && !proposals.isEmpty()) {
        overridden = repository.overrides(change.layer(), sid, proposals, change.features().stream().map(ChangedFeature::id).toList());
      }
      for (String plan : plans) {
        List<UUID> hidden = overridden.getOrDefault(plan, List.of());
        List<Envelope> boxes = change.features().isEmpty()
            ? boxes(change)
            : boxes(change.features().stream().filter(f -> !hidden.contains(f.id())).toList());
        if (change.features().isEmpty() || !boxes.isEmpty()) {
          areas.add(area(sid, plan, boxes));
        }
      }
    }
    invalidate(areas);
  }

  @Override
  public void conflictsChanged(ConflictChange change) {
    List<Envelope> boxes = !change.boxes().isEmpty()
        ? change.boxes()
        : change.extent() == null ? null : List.of(change.extent());
    TileArea area = boxes == null
        ? new TileArea(change.settlementId(), change.planId(), TileSchema.CONFLICTS_MIN_ZOOM, null)
        : TileArea.of(change.settlementId(), change.planId(), TileSchema.CONFLICTS_MIN_ZOOM, boxes);
    invalidate(List.of(area));
  }

  @Override
  public void missedChanges() {
    beforeInvalidating.run();
    cache.invalidateAll();
    log.info("tile cache emptied: the change feed may have missed changes");
  }

  private void invalidate(List<TileArea> areas) {
    beforeInvalidating.run();
    cache.invalidate(areas);
  }

  /** The plan's area; the whole plan when a bulk change came without extent. */
  private static TileArea area(String sid, String plan, List<Envelope> boxes) {
    return boxes == null ? TileArea.wholePlan(sid, plan) : TileArea.of(sid, plan, 0, boxes);
  }

  /** Every listed feature's boxes, or the extent of a bulk change (null: unknown, everything). */
  private static List<Envelope> boxes(FeatureChange change) {
    if (change.features().isEmpty()) {
      return change.extent() == null ? (change.count() > 0 ? null : List.of()) : List.of(change.extent());
    }
    return boxes(change.features());
  }

  private static List<Envelope> boxes(List<ChangedFeature> features) {
    List<Envelope> boxes = new ArrayList<>();
    for (ChangedFeature f : features) {
      if (f.before() != null) {
        boxes.add(f.before());
      }
      if (f.after() != null) {
        boxes.add(f.after());
      }
    }
    return boxes;
  }
}
