package org.coplan.plans;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Set;
import org.coplan.db.ChangeStamp;
import org.coplan.db.Jdbc;
import org.coplan.http.ApiProblem;
import org.coplan.http.Change;
import org.coplan.http.JsonFields;
import org.coplan.settlements.Plan;
import org.coplan.settlements.SettlementService;
import org.coplan.settlements.Slug;

/**
 * The rules of plans. A proposal starts as a draft over the baseline, empty or as a copy of
 * another plan's change set. Deleting a plan archives it: the plan leaves the API (its URLs answer
 * 404 and lists omit it) but its rows and their history stay, because a rejected alternative is
 * part of the record of what was discussed. The baseline can be renamed but not deleted, and its
 * status is always {@code baseline}.
 */
public final class PlanService {
  /** The statuses a proposal can be given; {@code baseline} belongs to the baseline alone. */
  static final List<String> STATUSES = List.of("draft", "in_review", "agreed", "rejected", "superseded");

  private static final Set<String> ON_CREATE = Set.of("id", "name", "description", "copyOf", "reason");
  private static final Set<String> ON_PATCH = Set.of("name", "description", "status", "reason");

  private final SettlementService settlements;
  private final PlanRepository repository = new PlanRepository();
  private final Jdbc jdbc;

  public PlanService(SettlementService settlements, Jdbc jdbc) {
    this.settlements = settlements;
    this.jdbc = jdbc;
  }

  List<Plan> list(String settlementId) {
    settlements.require(settlementId);
    return settlements.plans(settlementId);
  }

  Plan require(String settlementId, String planId) {
    return settlements.requirePlan(settlementId, planId);
  }

  /** Creates a draft proposal; returns its id. */
  String create(String settlementId, JsonNode body, Change change) {
    settlements.require(settlementId);
    JsonFields f = new JsonFields(body);
    f.only(ON_CREATE);
    String id = f.text("id", false, 63);
    if (id != null && (!Slug.valid(id) || id.equals(Plan.BASELINE))) {
      f.fault("id", "must be " + Slug.RULE + ", and not 'baseline'; got '" + id + "'");
    }
    String name = f.text("name", true, 200);
    String description = f.text("description", false, 10_000);
    String copyOf = f.text("copyOf", false, 63);
    if (copyOf != null && settlements.plans(settlementId).stream().noneMatch(p -> p.id().equals(copyOf))) {
      f.fault("copyOf", "settlement '" + settlementId + "' has no plan '" + copyOf + "' to copy");
    }
    f.failIfAny("the plan cannot be created");
    PlanRepository.Editable plan = new PlanRepository.Editable(name, description, "draft");
    boolean copy = copyOf != null && !copyOf.equals(Plan.BASELINE);
    return jdbc.inTransaction(
        c -> {
          ChangeStamp.stamp(c, copy ? "copy" : "create", change.reason());
          String chosen = id;
          String basedOn = copy ? copyOf : Plan.BASELINE;
          if (chosen != null) {
            if (!repository.insert(c, settlementId, chosen, plan, basedOn, change.author())) {
              throw ApiProblem.conflict(
                  "settlement '" + settlementId + "' already has a plan '" + chosen + "' (perhaps archived); choose another id");
            }
          } else {
            String slug = Slug.of(name, "plan");
            int n = slug.equals(Plan.BASELINE) ? 2 : 1;
            while (!repository.insert(c, settlementId, Slug.candidate(slug, n), plan, basedOn, change.author())) {
              n++;
            }
            chosen = Slug.candidate(slug, n);
          }
          if (copy) {
            repository.copyRows(c, settlementId, copyOf, chosen, change.author());
          }
          return chosen;
        });
  }

  /** A JSON Merge Patch of name, description and status (null clears the description). */
  void patch(String settlementId, String planId, JsonNode patch, Change change) {
    require(settlementId, planId);
    jdbc.inTransaction(
        c -> {
          PlanRepository.Editable current =
              repository.lock(c, settlementId, planId).orElseThrow(() -> notFound(settlementId, planId));
          JsonFields f = new JsonFields(patch);
          f.only(ON_PATCH);
          String name = f.textOr("name", true, 200, current.name());
          String description = f.textOr("description", false, 10_000, current.description());
          String status = f.textOr("status", true, 20, current.status());
          if (planId.equals(Plan.BASELINE) && f.has("status") && !Plan.BASELINE.equals(status)) {
            f.fault("status", "the baseline's status is always 'baseline'");
          } else if (!planId.equals(Plan.BASELINE) && status != null && !STATUSES.contains(status)) {
            f.fault("status", "must be one of " + String.join(", ", STATUSES) + "; got '" + status + "'");
          }
          f.failIfAny("the plan cannot be changed");
          ChangeStamp.stamp(c, "update", change.reason());
          repository.update(c, settlementId, planId, new PlanRepository.Editable(name, description, status), change.author());
          if (!java.util.Objects.equals(status, current.status())) {
            // meeting screens follow the review status (the review feature's POST .../review-status does the same)
            java.util.Map<String, Object> event = new java.util.LinkedHashMap<>();
            event.put("status", status);
            event.put("previous", current.status());
            event.put("by", change.author());
            org.coplan.changes.AppEvents.publish(c, settlementId, planId, "plan-status", event);
          }
          return null;
        });
  }

  void archive(String settlementId, String planId, Change change) {
    require(settlementId, planId);
    if (planId.equals(Plan.BASELINE)) {
      throw ApiProblem.conflict("the baseline cannot be deleted: every plan is a change set over it");
    }
    jdbc.inTransaction(
        c -> {
          ChangeStamp.stamp(c, "archive", change.reason());
          if (!repository.archive(c, settlementId, planId, change.author())) {
            throw notFound(settlementId, planId);
          }
          return null;
        });
  }

  private static ApiProblem notFound(String settlementId, String planId) {
    return ApiProblem.notFound("settlement '" + settlementId + "' has no plan '" + planId + "'");
  }
}
