package org.coplan.layers;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.coplan.db.Jdbc;
import org.coplan.http.ApiProblem;
import org.coplan.settlements.Plan;
import org.coplan.settlements.Settlement;
import org.coplan.settlements.SettlementService;

/**
 * Reading a plan's layers as OGC API - Features collections. Every lookup answers a missing
 * settlement, plan, collection or feature with a 404 that names exactly the first thing missing,
 * in the order of the path.
 */
public final class FeatureService {
  // the canonical 8-4-4-4-12 form only: UUID.fromString would also take "1-2-3-4-5"
  private static final Pattern UUID_TEXT =
      Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

  private final SettlementService settlements;
  private final FeatureRepository repository;
  private final Jdbc jdbc;

  public FeatureService(SettlementService settlements, FeatureRepository repository, Jdbc jdbc) {
    this.settlements = settlements;
    this.repository = repository;
    this.jdbc = jdbc;
  }

  Settlement requireSettlement(String settlementId) {
    return settlements.require(settlementId);
  }

  Plan requirePlan(String settlementId, String planId) {
    return settlements.requirePlan(settlementId, planId);
  }

  PlanLayer requireCollection(String settlementId, String planId, String layerId) {
    Plan plan = requirePlan(settlementId, planId);
    Layer layer =
        Layer.byId(layerId)
            .orElseThrow(
                () ->
                    ApiProblem.notFound(
                        "plan '" + planId + "' of settlement '" + settlementId + "' has no collection '"
                            + layerId + "'; its collections are "
                            + Arrays.stream(Layer.values()).map(Layer::id).collect(Collectors.joining(", "))));
    return new PlanLayer(plan, layer);
  }

  /** The extent of each layer in the plan, absent where the layer has no features. */
  Map<Layer, Optional<double[]>> extents(Plan plan, List<Layer> layers) {
    return repository.extents(plan.settlementId(), plan.id(), layers);
  }

  /** The CRSs the settlement's features can be read and written in (Part 2), CRS84 first. */
  List<Crs> supportedCrs(String settlementId) {
    return Crs.supported(requireSettlement(settlementId).metricSrid());
  }

  /** The feature with its geometry in {@code crs}, or a 404. */
  Feature requireFeature(PlanLayer target, String id, Crs crs) {
    return parseId(id)
        .flatMap(uuid -> repository.find(target, uuid, crs))
        .orElseThrow(() -> noSuchFeature(target, id));
  }

  /** An id that is not a UUID names no feature: the caller answers it with a 404 too. */
  static Optional<UUID> parseId(String id) {
    return UUID_TEXT.matcher(id).matches() ? Optional.of(UUID.fromString(id)) : Optional.empty();
  }

  static ApiProblem noSuchFeature(PlanLayer target, String id) {
    return ApiProblem.notFound(target.describe() + " has no feature '" + id + "'");
  }

  /**
   * Reads one page in one database snapshot: first the number of matching features, handed to
   * {@code matched} before any feature, then the page's features one by one.
   */
  void page(FeatureQuery query, LongConsumer matched, Consumer<Feature> each) {
    jdbc.readSnapshot(
        c -> {
          matched.accept(repository.count(c, query));
          repository.forEach(c, query, each);
          return null;
        });
  }
}
