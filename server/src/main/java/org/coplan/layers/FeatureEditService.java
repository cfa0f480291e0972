package org.coplan.layers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.IntConsumer;
import org.coplan.db.ChangeStamp;
import org.coplan.db.Jdbc;
import org.coplan.http.ApiProblem;
import org.coplan.http.ApiProblem.Fault;
import org.coplan.http.Change;
import org.coplan.http.JsonMapper;
import org.coplan.http.MergePatch;
import org.coplan.layers.FeatureInputs.Checked;
import org.coplan.layers.FeatureInputs.Sent;
import org.coplan.layers.FeatureVersionRepository.Version;
import org.coplan.layers.FeatureWriteRepository.Row;
import org.coplan.settlements.Plan;
import org.coplan.settlements.Settlement;

/**
 * Every change to features, each in one transaction that is stored whole or not at all: create
 * (one feature or a batch), replace, merge-patch, delete, restore an earlier version, undelete.
 *
 * <p>A plan is a change set over the baseline. Inside a proposal, the first change to a baseline
 * feature inserts the proposal's own row for it (same id: a plan-local override, whose version
 * continues the baseline's); a removal is such a row marked deleted. The baseline itself changes
 * only through the plan {@code baseline}.
 *
 * <p>Optimistic locking: replace, patch, delete, restore and undelete name the version they were
 * made against ({@code If-Match}); the row is locked, compared and written in one transaction, so
 * of two editors racing with the same tag exactly one wins and the other gets a 412 naming the
 * version, author and time that beat it.
 */
public final class FeatureEditService {
  /** A feature as written, its geometry in the request's CRS, and what repair changed. */
  record Written(Feature feature, List<Fault> repairs) {}

  /** The feature as the plan sees it, and whether that row is the plan's own. */
  private record Current(Feature feature, boolean own) {}

  /** What an edit makes of the current feature. */
  @FunctionalInterface
  private interface Edit {
    Next apply(Connection c, Feature current) throws SQLException;
  }

  private record Next(Row row, List<Fault> repairs) {}

  private final FeatureWriteRepository repository;
  private final FeatureVersionRepository versions;
  private final FeatureInputs inputs;
  private final CrsTransform transform;
  private final Jdbc jdbc;

  public FeatureEditService(Jdbc jdbc) {
    this.jdbc = jdbc;
    this.repository = new FeatureWriteRepository();
    this.versions = new FeatureVersionRepository();
    this.transform = new CrsTransform();
    this.inputs = new FeatureInputs(transform);
  }

  /** Creates every feature sent, or none; ids are the server's. */
  List<Written> create(PlanLayer target, FeatureInputs.Target how, List<Sent> sent, Change change) {
    return jdbc.inTransaction(c -> create(c, target, how, sent, change, n -> {}));
  }

  private List<Written> create(
      Connection c, PlanLayer target, FeatureInputs.Target how, List<Sent> sent, Change change, IntConsumer progress)
      throws SQLException {
    List<Checked> checked = inputs.check(c, sent, how, null);
    ChangeStamp.stamp(c, "create", change.reason());
    List<Written> out = new ArrayList<>();
    for (Checked f : checked) {
      Row row = new Row(f.geometry(), f.values(), false);
      Feature created = repository.insert(c, target, UUID.randomUUID(), 1, row, null, change.author(), change.author());
      if (created == null) {
        throw new IllegalStateException("a random UUID collided");
      }
      out.add(new Written(inCrs(c, created, how.crs()), f.repairs()));
      progress.accept(out.size());
    }
    return out;
  }

  /** A feature for {@link #createAll}: GeoJSON in CRS84, and the pointer its faults are named by. */
  public record BatchFeature(String pointer, JsonNode feature) {}

  /** A feature {@link #createAll} created, and what {@code repair} changed in its geometry. */
  public record Created(UUID id, List<Fault> repairs) {}

  /**
   * Creates features on the caller's connection, inside its transaction: the same checks and
   * writes as a FeatureCollection POST (every fault of every feature in one 422, nothing stored),
   * for imports, which may create the settlement in the same transaction.
   *
   * @param progress told the number written so far, after each feature
   */
  public List<Created> createAll(
      Connection c, Settlement settlement, Plan plan, Layer layer, List<BatchFeature> features, boolean repair,
      Change change, IntConsumer progress) throws SQLException {
    PlanLayer target = new PlanLayer(plan, layer);
    FeatureInputs.Target how = new FeatureInputs.Target(layer, settlement, Crs.CRS84, repair);
    List<Sent> sent = features.stream().map(f -> new Sent(f.feature(), f.pointer())).toList();
    return create(c, target, how, sent, change, progress).stream()
        .map(w -> new Created(w.feature().id(), w.repairs()))
        .toList();
  }

  Written replace(PlanLayer target, FeatureInputs.Target how, String id, String ifMatch, JsonNode body, Change change) {
    JsonNode bodyId = body.get("id");
    if (bodyId != null && !bodyId.isNull() && !bodyId.asText().equals(id)) {
      throw ApiProblem.invalidContent(
          "the feature's id is not the one in the URL",
          List.of(Fault.pointer("/id", "must be '" + id + "' (or left out); got " + bodyId)));
    }
    return modify(
        target, id, ifMatch, "update", change, how.crs(), false,
        (c, current) -> next(inputs.check(c, List.of(new Sent(body, "")), how, null).get(0)));
  }

  /** Applies a JSON Merge Patch to the feature as served in the request's CRS, then checks it whole. */
  Written patch(PlanLayer target, FeatureInputs.Target how, String id, String ifMatch, JsonNode patch, Change change) {
    if (!patch.isObject()) {
      throw ApiProblem.invalidContent(
          "a merge patch of a feature must be an object",
          List.of(Fault.pointer("", "must be an object such as {\"properties\": {\"width_m\": 2.5}}")));
    }
    ObjectNode edit = ((ObjectNode) patch).deepCopy();
    edit.remove("reason");
    edit.remove("id");
    boolean geometryTouched = edit.has("geometry");
    return modify(
        target, id, ifMatch, "update", change, how.crs(), false,
        (c, current) -> {
          JsonNode merged = MergePatch.apply(served(c, current, how.crs(), geometryTouched), edit);
          Checked checked =
              inputs.check(c, List.of(new Sent(merged, "")), how, geometryTouched ? null : current.geometry()).get(0);
          return next(checked);
        });
  }

  void delete(PlanLayer target, String id, String ifMatch, Change change) {
    modify(target, id, ifMatch, "delete", change, Crs.CRS84, false, (c, current) -> new Next(Row.of(current, true), List.of()));
  }

  /** Makes an earlier version current again, as a new version (undeleting the feature if need be). */
  Written restore(PlanLayer target, String id, String ifMatch, int version, Change change, Crs crs) {
    return modify(
        target, id, ifMatch, "restore", change, crs, true,
        (c, current) -> {
          List<Version> all = versions.lineage(c, target, current.id(), Crs.CRS84);
          Version old =
              all.stream()
                  .filter(v -> v.version() == version)
                  .findFirst()
                  .orElseThrow(
                      () ->
                          ApiProblem.notFound(
                              target.describe() + ": feature '" + id + "' has no version " + version + "; its versions are "
                                  + all.stream().map(v -> String.valueOf(v.version())).toList()));
          if (old.deleted()) {
            throw ApiProblem.invalidContent(
                "version " + version + " is the feature's deletion",
                List.of(Fault.pointer("/version", "is a deletion: restore the version before it, or undelete")));
          }
          if (version == current.version() && !current.deleted()) {
            throw ApiProblem.conflict("feature '" + id + "' is at version " + version + " already");
          }
          return new Next(new Row(old.geometry(), old.values(), false), List.of());
        });
  }

  Written undelete(PlanLayer target, String id, String ifMatch, Change change, Crs crs) {
    return modify(
        target, id, ifMatch, "undelete", change, crs, true,
        (c, current) -> {
          if (!current.deleted()) {
            throw ApiProblem.conflict("feature '" + id + "' is not deleted");
          }
          return new Next(Row.of(current, false), List.of());
        });
  }

  /** The feature's versions as the plan sees them, newest first, deleted features included. */
  List<Version> versions(PlanLayer target, String id, Crs crs) {
    UUID uuid = FeatureService.parseId(id).orElseThrow(() -> FeatureService.noSuchFeature(target, id));
    List<Version> all = jdbc.read(c -> versions.lineage(c, target, uuid, crs));
    if (all.isEmpty()) {
      throw FeatureService.noSuchFeature(target, id);
    }
    return all;
  }

  /**
   * The one path of every change to an existing feature: find and lock it, check the
   * precondition, let the edit decide the next row, write it as the next version.
   *
   * @param onDeleted whether the edit applies to a deleted feature (restore, undelete)
   */
  private Written modify(
      PlanLayer target, String id, String ifMatch, String operation, Change change, Crs crs, boolean onDeleted, Edit edit) {
    UUID uuid = FeatureService.parseId(id).orElseThrow(() -> FeatureService.noSuchFeature(target, id));
    return jdbc.inTransaction(
        c -> {
          Current current = current(c, target, uuid);
          if (current == null) {
            throw FeatureService.noSuchFeature(target, id);
          }
          Feature f = current.feature();
          // a tag from before a deletion is stale like any other: the loser of a race learns who deleted it
          if (!FeatureTag.matches(ifMatch, uuid, f.version())) {
            throw stale(target, f, ifMatch);
          }
          if (f.deleted() && !onDeleted) {
            throw ApiProblem.notFound(
                target.describe() + " has no feature '" + id + "': " + who(f, "deleted") + "; undelete it first");
          }
          Next next = edit.apply(c, f);
          ChangeStamp.stamp(c, operation, change.reason());
          Feature written =
              current.own()
                  ? repository.update(c, target, uuid, f.version(), next.row(), change.author())
                  : repository.insert(c, target, uuid, f.version() + 1, next.row(), f.createdAt(), f.createdBy(), change.author());
          if (written == null) {
            // another proposal editor created the override first: it is now the current feature
            throw stale(target, repository.lockOwn(c, target, uuid), ifMatch);
          }
          return new Written(inCrs(c, written, crs), next.repairs());
        });
  }

  private Current current(Connection c, PlanLayer target, UUID id) throws SQLException {
    Feature own = repository.lockOwn(c, target, id);
    if (own != null) {
      return new Current(own, true);
    }
    if (target.planId().equals(Plan.BASELINE)) {
      return null;
    }
    Feature base = repository.baseline(c, target, id);
    return base == null ? null : new Current(base, false);
  }

  private static ApiProblem stale(PlanLayer target, Feature current, String ifMatch) {
    Map<String, Object> state = new LinkedHashMap<>();
    String tag = FeatureTag.text(current.id(), current.version());
    state.put("currentVersion", current.version());
    state.put("currentETag", tag);
    state.put("updatedBy", current.updatedBy());
    state.put("updatedAt", current.updatedAt().toString());
    state.put("deleted", current.deleted());
    return ApiProblem.preconditionFailed(
        "feature '" + current.id() + "' of " + target.describe() + " has changed since you read it: it is at version "
            + current.version() + " (ETag " + tag + "), " + (current.deleted() ? "deleted" : "changed") + " by "
            + current.updatedBy() + " at " + current.updatedAt() + "; your If-Match was " + ifMatch + ". Read it again, make your change to that version and send it"
            + " with its ETag.",
        state);
  }

  private static String who(Feature f, String what) {
    return what + " by " + f.updatedBy() + " at " + f.updatedAt() + " (version " + f.version() + ")";
  }

  private static Next next(Checked checked) {
    return new Next(new Row(checked.geometry(), checked.values(), false), checked.repairs());
  }

  /** The feature as GET serves it, for a merge patch to apply to; geometry only when it is patched. */
  private ObjectNode served(Connection c, Feature current, Crs crs, boolean withGeometry) throws SQLException {
    ObjectNode doc = JsonMapper.MAPPER.createObjectNode();
    doc.put("type", "Feature");
    if (withGeometry) {
      doc.set("geometry", JsonMapper.MAPPER.valueToTree(transform.fromStorage(c, current.geometry(), crs)));
    }
    doc.set("properties", JsonMapper.MAPPER.valueToTree(current.values()));
    return doc;
  }

  private Feature inCrs(Connection c, Feature f, Crs crs) throws SQLException {
    if (crs.equals(Crs.CRS84)) {
      return f;
    }
    return new Feature(
        f.id(), f.version(), f.deleted(), transform.fromStorage(c, f.geometry(), crs), f.values(), f.createdAt(),
        f.createdBy(), f.updatedAt(), f.updatedBy());
  }
}
