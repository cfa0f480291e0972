package org.coplan.review;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.coplan.db.Jdbc;
import org.coplan.http.ApiProblem;
import org.coplan.http.JsonFields;
import org.coplan.http.JsonMapper;
import org.coplan.settlements.SettlementService;
import org.coplan.settlements.Slug;

/**
 * A plan's proposals: each changed feature is a proposal of its own unless the planner grouped it
 * into a named proposal. For each: what it does (its features, with action, attributes and
 * geometry), the existing structures it touches, the households in them, and the cells and
 * clusters those belong to. Proposal ids are the feature's id, or the group's; {@code plan} stands
 * for the plan as a whole.
 */
final class ProposalService {
  static final String WHOLE_PLAN = "plan";
  static final List<String> LAYERS = List.of("structures", "footpaths", "services", "constraints");

  private final SettlementService settlements;
  private final Jdbc jdbc;
  private final ProposalRepository repository = new ProposalRepository();

  ProposalService(SettlementService settlements, Jdbc jdbc) {
    this.settlements = settlements;
    this.jdbc = jdbc;
  }

  ArrayNode proposals(String sid, String pid) {
    settlements.requirePlan(sid, pid);
    record Read(List<ProposalRepository.Touch> touches, List<ProposalRepository.Group> groups) {}
    Read read = jdbc.readSnapshot(c -> new Read(repository.touches(c, sid, pid), repository.groups(c, sid, pid)));
    Map<String, String> groupOf = new HashMap<>();
    Map<String, Proposal> proposals = new LinkedHashMap<>();
    for (ProposalRepository.Group g : read.groups()) {
      proposals.put(g.id(), new Proposal(g.id(), "group", g.name(), g.description()));
      g.members().forEach(m -> groupOf.put(m[0] + "/" + m[1], g.id()));
    }
    for (ProposalRepository.Touch t : read.touches()) {
      String key = t.layer() + "/" + t.featureId();
      String id = groupOf.getOrDefault(key, t.featureId().toString());
      Proposal p = proposals.computeIfAbsent(id, k -> new Proposal(k, "feature", null, null));
      p.add(t);
    }
    ArrayNode out = JsonMapper.MAPPER.createArrayNode();
    proposals.values().forEach(p -> out.add(p.json()));
    return out;
  }

  /** Whether {@code id} names a proposal of the plan (a feature of its own, a group, or the plan). */
  boolean exists(java.sql.Connection c, String sid, String pid, String id) throws java.sql.SQLException {
    if (id.equals(WHOLE_PLAN)) {
      return true;
    }
    try {
      UUID feature = UUID.fromString(id);
      for (String layer : LAYERS) {
        if (repository.planHasFeature(c, sid, pid, layer, feature)) {
          return true;
        }
      }
      return false;
    } catch (IllegalArgumentException notUuid) {
      return repository.groupExists(c, sid, pid, id);
    }
  }

  /** Creates a named proposal of the given features (each moves out of any other group); its id. */
  String group(String sid, String pid, JsonNode body, String author) {
    settlements.requirePlan(sid, pid);
    JsonFields f = new JsonFields(body);
    f.only(Set.of("id", "name", "description", "features"));
    String id = f.text("id", false, 63);
    String name = f.text("name", true, 200);
    String description = f.text("description", false, 10_000);
    if (id != null && (!Slug.valid(id) || id.equals(WHOLE_PLAN))) {
      f.fault("id", "must be " + Slug.RULE + ", and not 'plan'");
    }
    List<String[]> members = new ArrayList<>();
    JsonNode features = f.node("features");
    if (features != null && !features.isArray()) {
      f.fault("features", "must be a list of {\"layer\": ..., \"id\": ...}");
    } else if (features != null) {
      for (int i = 0; i < features.size(); i++) {
        JsonNode m = features.get(i);
        String layer = m.path("layer").asText("");
        String fid = m.path("id").asText("");
        if (!LAYERS.contains(layer)) {
          f.fault("features/" + i + "/layer", "must be one of " + String.join(", ", LAYERS));
        }
        try {
          UUID.fromString(fid);
          members.add(new String[] {layer, fid});
        } catch (IllegalArgumentException e) {
          f.fault("features/" + i + "/id", "must be a feature id (a UUID)");
        }
      }
    }
    f.failIfAny("the proposal cannot be created");
    return jdbc.inTransaction(c -> {
      String chosen = id;
      if (chosen != null) {
        if (!repository.insertGroup(c, sid, pid, chosen, name, description, author)) {
          throw ApiProblem.conflict("plan '" + pid + "' already has a proposal '" + chosen + "'");
        }
      } else {
        String slug = Slug.of(name, "proposal");
        int n = 1;
        while (slug.equals(WHOLE_PLAN) && n == 1 || !repository.insertGroup(c, sid, pid, Slug.candidate(slug, n), name, description, author)) {
          n++;
        }
        chosen = Slug.candidate(slug, n);
      }
      for (int i = 0; i < members.size(); i++) {
        String[] m = members.get(i);
        if (!repository.planHasFeature(c, sid, pid, m[0], UUID.fromString(m[1]))) {
          throw ApiProblem.invalidContent("the proposal cannot be created", List.of(ApiProblem.Fault.pointer("/features/" + i,
              "plan '" + pid + "' has not changed " + m[0] + " feature " + m[1])));
        }
        repository.addMember(c, sid, pid, chosen, m[0], UUID.fromString(m[1]));
      }
      return chosen;
    });
  }

  /** One proposal as it is assembled from the rows of {@link ProposalRepository#touches}. */
  private static final class Proposal {
    final String id;
    final String kind;
    final String name;
    final String description;
    final Map<String, ObjectNode> features = new LinkedHashMap<>();
    final Map<UUID, ObjectNode> structures = new LinkedHashMap<>();
    // by id; structures in no cell last
    final Map<String, long[]> cells = new java.util.TreeMap<>(java.util.Comparator.nullsLast(java.util.Comparator.naturalOrder()));
    final Map<String, long[]> clusters = new java.util.TreeMap<>(java.util.Comparator.nullsLast(java.util.Comparator.naturalOrder()));
    final Map<String, String[]> names = new HashMap<>();

    Proposal(String id, String kind, String name, String description) {
      this.id = id;
      this.kind = kind;
      this.name = name;
      this.description = description;
    }

    void add(ProposalRepository.Touch t) {
      features.computeIfAbsent(t.layer() + "/" + t.featureId(), k -> {
        ObjectNode f = JsonMapper.MAPPER.createObjectNode();
        f.put("layer", t.layer());
        f.put("id", t.featureId().toString());
        f.put("action", t.action());
        f.set("properties", parse(t.properties()));
        f.set("geometry", parse(t.geometry()));
        return f;
      });
      if (t.structureId() == null || structures.containsKey(t.structureId())) {
        return;
      }
      ObjectNode s = JsonMapper.MAPPER.createObjectNode();
      s.put("id", t.structureId().toString());
      s.put("households", t.households());
      s.put("people", t.people());
      s.put("cell", t.cellId());
      s.put("cluster", t.clusterId());
      s.put("overlapM2", Math.round(t.overlapM2() * 10) / 10.0);
      s.put("share", t.areaM2() > 0 ? Math.round(t.overlapM2() / t.areaM2() * 1000) / 1000.0 : 0);
      // how: the structure itself is removed or changed, or a new feature's ground takes part of it
      s.put("how", t.structureId().equals(t.featureId()) ? (t.action().equals("removed") ? "removed" : "changed") : "overlapped");
      s.set("geometry", parse(t.structureGeometry()));
      structures.put(t.structureId(), s);
      long households = t.households() == null ? 0 : t.households();
      add(cells, t.cellId(), households);
      add(clusters, t.clusterId(), households);
      names.put("cell:" + t.cellId(), new String[] {t.cellName(), t.clusterId()});
      names.put("cluster:" + t.clusterId(), new String[] {t.clusterName(), null});
    }

    private static void add(Map<String, long[]> totals, String id, long households) {
      long[] v = totals.computeIfAbsent(id, k -> new long[2]);
      v[0]++;
      v[1] += households;
    }

    ObjectNode json() {
      ObjectNode p = JsonMapper.MAPPER.createObjectNode();
      p.put("id", id);
      p.put("kind", kind);
      p.put("name", name);
      p.put("description", description);
      ArrayNode fs = p.putArray("features");
      features.values().forEach(fs::add);
      ArrayNode ss = p.putArray("structures");
      structures.values().forEach(ss::add);
      p.put("households", structures.values().stream().mapToLong(s -> s.path("households").asLong(0)).sum());
      p.put("people", structures.values().stream().mapToLong(s -> s.path("people").asLong(0)).sum());
      p.set("cells", units(cells, "cell"));
      p.set("clusters", units(clusters, "cluster"));
      return p;
    }

    private ArrayNode units(Map<String, long[]> totals, String level) {
      ArrayNode out = JsonMapper.MAPPER.createArrayNode();
      totals.forEach((unit, v) -> {
        ObjectNode u = out.addObject();
        String[] n = names.get(level + ":" + unit);
        u.put("id", unit);
        u.put("name", n == null ? null : n[0]);
        if (level.equals("cell")) {
          u.put("cluster", n == null ? null : n[1]);
        }
        u.put("structures", v[0]);
        u.put("households", v[1]);
      });
      return out;
    }

    private static JsonNode parse(String json) {
      try {
        return json == null ? null : JsonMapper.MAPPER.readTree(json);
      } catch (JsonProcessingException e) {
        throw new IllegalStateException("the database wrote JSON that cannot be read", e);
      }
    }
  }
}
