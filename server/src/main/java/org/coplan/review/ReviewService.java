package org.coplan.review;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.coplan.changes.AppEvents;
import org.coplan.db.ChangeStamp;
import org.coplan.db.Jdbc;
import org.coplan.http.ApiProblem;
import org.coplan.http.JsonFields;
import org.coplan.http.JsonMapper;
import org.coplan.settlements.SettlementService;

/**
 * The rules of review: who says what about which proposal, what meetings decided, and the plan's
 * review status. Each change is one transaction that also publishes its event, so screens hear of
 * it exactly when it is committed. Texts are stored verbatim (the web app escapes them on display).
 */
final class ReviewService {
  static final List<String> STANCES = List.of("agree", "object", "concern");
  static final List<String> OUTCOMES = List.of("agreed", "rejected", "needs_change");
  static final List<String> FORUMS = List.of("cell", "cluster", "segment", "ward");
  /** Statuses in which views are still sought: reactions to a decided plan are refused. */
  static final Set<String> OPEN = Set.of("baseline", "draft", "in_review");

  private final SettlementService settlements;
  private final ProposalService proposals;
  private final Jdbc jdbc;
  private final ReviewRepository repository = new ReviewRepository();

  ReviewService(SettlementService settlements, ProposalService proposals, Jdbc jdbc) {
    this.settlements = settlements;
    this.proposals = proposals;
    this.jdbc = jdbc;
  }

  List<ReviewRepository.Comment> comments(String sid, String pid) {
    settlements.requirePlan(sid, pid);
    return jdbc.read(c -> repository.comments(c, sid, pid));
  }

  ReviewRepository.Comment comment(String sid, String pid, JsonNode body, String author, String role) {
    settlements.requirePlan(sid, pid);
    JsonFields f = new JsonFields(body);
    f.only(Set.of("body", "parent", "proposal", "feature", "location"));
    String text = verbatim(f, body, "body", 5000, true);
    UUID parent = uuidField(f, body, "parent");
    String proposal = f.text("proposal", false, 200);
    String layer = null;
    UUID feature = null;
    JsonNode fe = body.path("feature");
    if (!fe.isMissingNode() && !fe.isNull()) {
      layer = fe.path("layer").asText("");
      if (!ProposalService.LAYERS.contains(layer)) {
        f.fault("feature/layer", "must be one of " + String.join(", ", ProposalService.LAYERS));
      }
      try {
        feature = UUID.fromString(fe.path("id").asText(""));
      } catch (IllegalArgumentException e) {
        f.fault("feature/id", "must be a feature id (a UUID)");
      }
    }
    double[] location = null;
    JsonNode at = body.path("location");
    if (!at.isMissingNode() && !at.isNull()) {
      if (at.isArray() && at.size() == 2 && at.get(0).isNumber() && at.get(1).isNumber()
          && Math.abs(at.get(0).asDouble()) <= 180 && Math.abs(at.get(1).asDouble()) <= 90) {
        location = new double[] {at.get(0).asDouble(), at.get(1).asDouble()};
      } else {
        f.fault("location", "must be [longitude, latitude] in degrees (CRS84)");
      }
    }
    f.failIfAny("the comment cannot be stored");
    ReviewRepository.Comment draft = new ReviewRepository.Comment(null, parent, proposal, layer, feature, location, text, author, role, null);
    return jdbc.inTransaction(c -> {
      if (parent != null && !repository.commentExists(c, sid, pid, parent)) {
        throw invalid("the comment cannot be stored", "/parent", "plan '" + pid + "' has no comment " + parent);
      }
      if (proposal != null && !proposals.exists(c, sid, pid, proposal)) {
        throw invalid("the comment cannot be stored", "/proposal", "plan '" + pid + "' has no proposal '" + proposal + "'");
      }
      if (draft.featureId() != null && !repository.featureInPlan(c, sid, pid, draft.layer(), draft.featureId())) {
        throw invalid("the comment cannot be stored", "/feature", "plan '" + pid + "' shows no " + draft.layer() + " feature " + draft.featureId());
      }
      ReviewRepository.Comment saved = repository.insertComment(c, sid, pid, draft);
      AppEvents.publish(c, sid, pid, "comment", saved);
      return saved;
    });
  }

  /**
   * A reaction: the caller's own, or (with {@code onBehalfOf}) a resident's view recorded by the
   * caller as facilitator, naming the resident or their cell or both.
   */
  ReviewRepository.Reaction react(String sid, String pid, JsonNode body, String actor) {
    settlements.requirePlan(sid, pid);
    JsonFields f = new JsonFields(body);
    f.only(Set.of("proposal", "stance", "reason", "cell", "onBehalfOf"));
    String proposal = f.text("proposal", true, 200);
    String stance = f.text("stance", true, 20);
    String reason = verbatim(f, body, "reason", 5000, false);
    String cell = f.text("cell", false, 63);
    String resident = null;
    boolean assisted = body.has("onBehalfOf") && !body.get("onBehalfOf").isNull();
    if (assisted) {
      JsonNode who = body.get("onBehalfOf");
      JsonFields w = new JsonFields(who);
      resident = w.text("name", false, 200);
      if (who.has("cell") && !who.get("cell").isNull()) {
        cell = w.text("cell", false, 63);
      }
      if (resident == null && cell == null) {
        f.fault("onBehalfOf", "name the resident, their cell, or both");
      }
    }
    if (stance != null && !STANCES.contains(stance)) {
      f.fault("stance", "must be one of " + String.join(", ", STANCES) + "; got '" + stance + "'");
    }
    if (stance != null && !stance.equals("agree") && reason == null) {
      f.fault("reason", "say why: an objection or a concern needs its reason");
    }
    f.failIfAny("the reaction cannot be stored");
    String cellId = cell;
    ReviewRepository.Reaction draft = new ReviewRepository.Reaction(null, proposal, stance, reason, assisted ? null : actor,
        resident, cellId, null, actor, null);
    return jdbc.inTransaction(c -> {
      String status = repository.status(c, sid, pid, false);
      if (!OPEN.contains(status)) {
        throw ApiProblem.conflict("plan '" + pid + "' is " + status + ": its review is closed; react to a new plan");
      }
      if (!proposals.exists(c, sid, pid, proposal)) {
        throw invalid("the reaction cannot be stored", "/proposal", "plan '" + pid + "' has no proposal '" + proposal + "'");
      }
      if (cellId != null && !cellIdExists(c, sid, cellId)) {
        throw invalid("the reaction cannot be stored", assisted ? "/onBehalfOf/cell" : "/cell", "settlement '" + sid + "' has no cell '" + cellId + "'");
      }
      ReviewRepository.Reaction saved = repository.insertReaction(c, sid, pid, draft);
      AppEvents.publish(c, sid, pid, "reaction", saved);
      return saved;
    });
  }

  /** The counted reactions and, per proposal, the tally overall, by cell and by cluster. */
  ObjectNode reactions(String sid, String pid) {
    settlements.requirePlan(sid, pid);
    List<ReviewRepository.Reaction> current = jdbc.read(c -> repository.currentReactions(c, sid, pid));
    ObjectNode out = JsonMapper.MAPPER.createObjectNode();
    out.set("reactions", JsonMapper.MAPPER.valueToTree(current));
    Map<String, List<ReviewRepository.Reaction>> byProposal = new LinkedHashMap<>();
    current.forEach(r -> byProposal.computeIfAbsent(r.proposal(), k -> new ArrayList<>()).add(r));
    ArrayNode tallies = out.putArray("tallies");
    byProposal.forEach((proposal, rs) -> {
      ObjectNode t = tallies.addObject();
      t.put("proposal", proposal);
      t.set("total", tally(rs));
      t.set("byCell", grouped(rs, true));
      t.set("byCluster", grouped(rs, false));
    });
    return out;
  }

  private static ObjectNode tally(List<ReviewRepository.Reaction> rs) {
    ObjectNode t = JsonMapper.MAPPER.createObjectNode();
    STANCES.forEach(s -> t.put(s, rs.stream().filter(r -> r.stance().equals(s)).count()));
    return t;
  }

  private static ArrayNode grouped(List<ReviewRepository.Reaction> rs, boolean byCell) {
    Map<String, List<ReviewRepository.Reaction>> groups = new TreeMap<>();
    rs.stream().filter(r -> (byCell ? r.cell() : r.cluster()) != null)
        .forEach(r -> groups.computeIfAbsent(byCell ? r.cell() : r.cluster(), k -> new ArrayList<>()).add(r));
    ArrayNode out = JsonMapper.MAPPER.createArrayNode();
    groups.forEach((unit, list) -> {
      ObjectNode g = tally(list);
      g.put(byCell ? "cell" : "cluster", unit);
      out.add(g);
    });
    return out;
  }

  List<ReviewRepository.Meeting> meetings(String sid, String pid) {
    settlements.requirePlan(sid, pid);
    return jdbc.read(c -> repository.meetings(c, sid, pid));
  }

  ReviewRepository.Meeting meeting(String sid, String pid, JsonNode body, String actor) {
    settlements.requirePlan(sid, pid);
    JsonFields f = new JsonFields(body);
    f.only(Set.of("heldOn", "forumLevel", "forumUnit", "attendance", "facilitator", "notes", "decisions"));
    String heldOnText = f.text("heldOn", true, 10);
    LocalDate heldOn = null;
    if (heldOnText != null) {
      try {
        heldOn = LocalDate.parse(heldOnText);
        if (heldOn.isAfter(LocalDate.now().plusDays(1))) {
          f.fault("heldOn", "a meeting is recorded after it is held; " + heldOnText + " is in the future");
        }
      } catch (DateTimeParseException e) {
        f.fault("heldOn", "must be a date YYYY-MM-DD; got '" + heldOnText + "'");
      }
    }
    String level = f.text("forumLevel", true, 20);
    if (level != null && !FORUMS.contains(level)) {
      f.fault("forumLevel", "must be one of " + String.join(", ", FORUMS));
    }
    String unit = f.text("forumUnit", false, 200);
    Integer attendance = f.integer("attendance");
    if (attendance == null && !f.has("attendance")) {
      f.fault("attendance", "is required: how many people took part");
    } else if (attendance != null && attendance < 0) {
      f.fault("attendance", "cannot be negative");
    }
    String facilitator = f.text("facilitator", true, 200);
    String notes = verbatim(f, body, "notes", 10_000, false);
    List<ReviewRepository.Decision> decisions = new ArrayList<>();
    JsonNode ds = body.path("decisions");
    if (!ds.isArray()) {
      f.fault("decisions", "must be a list of {\"proposal\", \"outcome\", \"reason\"} (may be empty)");
    } else {
      Set<String> seen = new java.util.HashSet<>();
      for (int i = 0; i < ds.size(); i++) {
        JsonNode d = ds.get(i);
        String proposal = d.path("proposal").asText("").strip();
        String outcome = d.path("outcome").asText("");
        String reason = d.path("reason").isTextual() ? d.path("reason").asText() : "";
        if (proposal.isEmpty() || !seen.add(proposal)) {
          f.fault("decisions/" + i + "/proposal", proposal.isEmpty() ? "is required" : "is decided twice in this meeting");
        }
        if (!OUTCOMES.contains(outcome)) {
          f.fault("decisions/" + i + "/outcome", "must be one of " + String.join(", ", OUTCOMES));
        }
        if (reason.isBlank() || reason.length() > 5000) {
          f.fault("decisions/" + i + "/reason", "say why, in at most 5000 characters");
        }
        decisions.add(new ReviewRepository.Decision(proposal, outcome, reason));
      }
    }
    f.failIfAny("the meeting cannot be recorded");
    ReviewRepository.Meeting draft = new ReviewRepository.Meeting(null, heldOn, level, unit, attendance, facilitator, notes, actor, null, decisions);
    return jdbc.inTransaction(c -> {
      for (int i = 0; i < decisions.size(); i++) {
        if (!proposals.exists(c, sid, pid, decisions.get(i).proposal())) {
          throw invalid("the meeting cannot be recorded", "/decisions/" + i + "/proposal",
              "plan '" + pid + "' has no proposal '" + decisions.get(i).proposal() + "'");
        }
      }
      ReviewRepository.Meeting saved = repository.insertMeeting(c, sid, pid, draft);
      AppEvents.publish(c, sid, pid, "decision", saved);
      return saved;
    });
  }

  /** Moves the plan along its review (the database refuses transitions out of order, V008). */
  String setStatus(String sid, String pid, JsonNode body, String actor, String reason) {
    settlements.requirePlan(sid, pid);
    JsonFields f = new JsonFields(body);
    f.only(Set.of("status", "reason"));
    String status = f.text("status", true, 20);
    if (status != null && !List.of("draft", "in_review", "agreed", "rejected", "superseded").contains(status)) {
      f.fault("status", "must be one of draft, in_review, agreed, rejected, superseded");
    }
    f.failIfAny("the status cannot be changed");
    return jdbc.inTransaction(c -> {
      String before = repository.status(c, sid, pid, true);
      if ("baseline".equals(before)) {
        throw ApiProblem.conflict("the baseline holds the existing conditions; it is not reviewed");
      }
      if (!status.equals(before)) {
        ChangeStamp.stamp(c, "update", reason);
        repository.setStatus(c, sid, pid, status, actor);
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("status", status);
        event.put("previous", before);
        event.put("by", actor);
        AppEvents.publish(c, sid, pid, "plan-status", event);
      }
      return status;
    });
  }

  private static boolean cellIdExists(java.sql.Connection c, String sid, String cell) throws java.sql.SQLException {
    try (var ps = c.prepareStatement("SELECT 1 FROM rep_unit WHERE settlement_id = ? AND id = ? AND level = 'cell'")) {
      ps.setString(1, sid);
      ps.setString(2, cell);
      try (var rs = ps.executeQuery()) {
        return rs.next();
      }
    }
  }

  /** Text exactly as sent (no trimming: it is what the person wrote), checked for presence and length. */
  private static String verbatim(JsonFields f, JsonNode body, String name, int max, boolean required) {
    JsonNode v = body.path(name);
    if (v.isMissingNode() || v.isNull()) {
      if (required) {
        f.fault(name, "is required");
      }
      return null;
    }
    if (!v.isTextual() || v.asText().isBlank()) {
      f.fault(name, "must be non-empty text");
      return null;
    }
    if (v.asText().length() > max) {
      f.fault(name, "must be at most " + max + " characters; got " + v.asText().length());
    }
    return v.asText();
  }

  private static UUID uuidField(JsonFields f, JsonNode body, String name) {
    JsonNode v = body.path(name);
    if (v.isMissingNode() || v.isNull()) {
      return null;
    }
    try {
      return UUID.fromString(v.asText());
    } catch (IllegalArgumentException e) {
      f.fault(name, "must be a comment id (a UUID)");
      return null;
    }
  }

  private static ApiProblem invalid(String detail, String pointer, String why) {
    return ApiProblem.invalidContent(detail, List.of(ApiProblem.Fault.pointer(pointer, why)));
  }
}
