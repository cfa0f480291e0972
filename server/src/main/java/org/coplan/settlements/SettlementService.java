package org.coplan.settlements;

import java.util.List;
import java.util.Optional;
import org.coplan.http.ApiProblem;

/** Rules about settlements and plans; other features ask it whether a settlement or plan exists. */
public final class SettlementService {
  private final SettlementRepository repository;
  private final SettlementDirectory directory;

  /** Every question goes to the database (tools and benchmarks without a change feed). */
  public SettlementService(SettlementRepository repository) {
    this(repository, new SettlementDirectory());
  }

  /**
   * @param directory answers the access questions from memory while it is subscribed to a
   *     listening change feed
   */
  public SettlementService(SettlementRepository repository, SettlementDirectory directory) {
    this.repository = repository;
    this.directory = directory;
  }

  public List<Settlement> list() {
    return repository.list();
  }

  /**
   * The 404 for a settlement that does not exist. Access control answers hidden settlements with
   * this same problem, so that outsiders cannot tell the two apart.
   */
  public static ApiProblem noSuchSettlement(String id) {
    return ApiProblem.notFound("no settlement '" + id + "'");
  }

  /** The 404 for a plan that does not exist (or is hidden from the caller). */
  public static ApiProblem noSuchPlan(String settlementId, String planId) {
    return ApiProblem.notFound("settlement '" + settlementId + "' has no plan '" + planId + "'");
  }

  /** The settlement, or a 404 problem naming it. */
  public Settlement require(String id) {
    return repository.find(id).orElseThrow(() -> noSuchSettlement(id));
  }

  /** Whether the settlement is public; empty when it does not exist. */
  public Optional<Boolean> isPublic(String id) {
    return directory.isPublic(id, () -> repository.isPublic(id));
  }

  public List<Plan> plans(String settlementId) {
    return repository.plans(settlementId);
  }

  /** The plan of an existing settlement, or a 404 problem naming what is missing. */
  public Plan requirePlan(String settlementId, String planId) {
    // asked on every tile and items request: check existence by primary key, without reading
    // the boundary geometry that require() loads
    isPublic(settlementId).orElseThrow(() -> noSuchSettlement(settlementId));
    return repository
        .findPlan(settlementId, planId)
        .orElseThrow(() -> noSuchPlan(settlementId, planId));
  }

  /**
   * Like {@link #requirePlan} where only the plan's existence matters (tiles, event streams):
   * answered from memory, so a cached tile needs no database round trip.
   */
  public void requirePlanExists(String settlementId, String planId) {
    isPublic(settlementId).orElseThrow(() -> noSuchSettlement(settlementId));
    if (!directory.planExists(settlementId, planId, () -> repository.findPlan(settlementId, planId).isPresent())) {
      throw noSuchPlan(settlementId, planId);
    }
  }
}
