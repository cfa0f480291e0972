package org.coplan.analysis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.coplan.analysis.engine.RuleSet;
import org.coplan.http.ApiProblem;
import org.coplan.http.JsonMapper;

/**
 * The JSON form of a rule set and its checks. A document names its preset and gives any figures;
 * figures left out come from the preset ({@code custom} starts from the Cape Town figures). Every
 * fault is answered at once, each with the JSON pointer of the bad member.
 */
public final class RuleSetDocument {
  public static final List<String> PRESETS = List.of("cape-town", "sphere", "custom");

  /** Each section's members: name → [minimum, maximum]. */
  private static final Map<String, Map<String, double[]>> FIELDS = Map.of(
      "corridor", Map.of("clearance_m", r(0, 50), "min_remaining_share", r(0, 1), "min_remaining_area_m2", r(0, 10000)),
      "water", Map.of("max_walk_m", r(0, 100000), "households_per_tap", r(1, 100000)),
      "toilet", Map.of("max_walk_m", r(0, 100000), "households_per_toilet", r(0, 100000), "people_per_toilet", r(0, 100000),
          "min_distance_from_water_m", r(0, 10000)),
      "fire", Map.of("gravel_road_m", r(0, 10000), "paved_road_m", r(0, 10000), "break_gap_m", r(0, 1000),
          "max_cluster_structures", r(1, 1000000)),
      "access", Map.of("frontage_m", r(0, 1000), "max_snap_m", r(0, 10000), "max_block_depth", r(1, 1000)));
  private static final Set<String> INTEGERS =
      Set.of("households_per_tap", "households_per_toilet", "people_per_toilet", "max_cluster_structures",
          "max_block_depth");
  private static final Set<String> CONSTRAINT_KINDS = Set.of("flood_zone", "flood_line", "watercourse", "drain",
      "steep_slope", "unstable_soil", "wetland", "water_body", "erosion_gully", "servitude", "dolomite", "landfill");

  private RuleSetDocument() {}

  private static double[] r(double min, double max) {
    return new double[] {min, max};
  }

  /** A preset's document. */
  public static ObjectNode preset(String name) {
    try (InputStream in = RuleSetDocument.class.getResourceAsStream("/analysis/presets/" + name + ".json")) {
      if (in == null) {
        throw new IllegalArgumentException("no preset " + name);
      }
      return (ObjectNode) JsonMapper.MAPPER.readTree(in);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Checks a request body {@code {"preset": ..., "rules": {...}}} and answers the complete document
   * to store: the preset's figures with the body's over them. Throws a 422 naming every bad member.
   */
  public static ObjectNode complete(JsonNode body) {
    List<ApiProblem.Fault> faults = new ArrayList<>();
    if (body == null || !body.isObject()) {
      throw ApiProblem.invalidContent("the body must be a JSON object", List.of(ApiProblem.Fault.pointer("", "not an object")));
    }
    String preset = body.path("preset").asText("");
    if (!PRESETS.contains(preset)) {
      throw ApiProblem.invalidContent("unknown preset",
          List.of(ApiProblem.Fault.pointer("/preset", "must be one of " + String.join(", ", PRESETS))));
    }
    for (Iterator<String> it = body.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!f.equals("preset") && !f.equals("rules") && !f.equals("reason")) {
        faults.add(ApiProblem.Fault.pointer("/" + f, "unknown member; the body has preset, rules and reason"));
      }
    }
    ObjectNode doc = preset(preset);
    JsonNode rules = body.path("rules");
    if (!rules.isMissingNode() && !rules.isNull()) {
      if (!rules.isObject()) {
        faults.add(ApiProblem.Fault.pointer("/rules", "must be an object"));
      } else {
        merge(doc, (ObjectNode) rules, faults);
      }
    }
    if (!faults.isEmpty()) {
      throw ApiProblem.invalidContent("the rule set has " + faults.size() + " fault(s)", faults);
    }
    return doc;
  }

  private static void merge(ObjectNode doc, ObjectNode rules, List<ApiProblem.Fault> faults) {
    for (Iterator<Map.Entry<String, JsonNode>> it = rules.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> section = it.next();
      String name = section.getKey();
      String at = "/rules/" + name;
      JsonNode value = section.getValue();
      if (name.equals("title")) {
        if (!value.isTextual()) {
          faults.add(ApiProblem.Fault.pointer(at, "must be text"));
        } else {
          doc.set(name, value);
        }
      } else if (name.equals("drain_setback_m") || name.equals("max_shared_length_m")) {
        number(value, at, 0, 1000, false, faults);
        doc.set(name, value);
      } else if (name.equals("setbacks_m")) {
        if (!value.isObject()) {
          faults.add(ApiProblem.Fault.pointer(at, "must be an object of constraint kind → metres"));
          continue;
        }
        value.fields().forEachRemaining(e -> {
          if (!CONSTRAINT_KINDS.contains(e.getKey())) {
            faults.add(ApiProblem.Fault.pointer(at + "/" + e.getKey(), "not a constraint kind"));
          } else {
            number(e.getValue(), at + "/" + e.getKey(), 0, 1000, false, faults);
          }
        });
        doc.withObject("/setbacks_m").setAll((ObjectNode) value);
      } else if (FIELDS.containsKey(name)) {
        if (!value.isObject()) {
          faults.add(ApiProblem.Fault.pointer(at, "must be an object"));
          continue;
        }
        Map<String, double[]> allowed = FIELDS.get(name);
        value.fields().forEachRemaining(e -> {
          double[] range = allowed.get(e.getKey());
          if (range == null) {
            faults.add(ApiProblem.Fault.pointer(at + "/" + e.getKey(), "unknown member; " + name + " has "
                + String.join(", ", new java.util.TreeSet<>(allowed.keySet()))));
          } else {
            number(e.getValue(), at + "/" + e.getKey(), range[0], range[1], INTEGERS.contains(e.getKey()), faults);
          }
        });
        doc.withObject("/" + name).setAll((ObjectNode) value);
      } else {
        faults.add(ApiProblem.Fault.pointer(at, "unknown member"));
      }
    }
  }

  private static void number(JsonNode v, String at, double min, double max, boolean integer, List<ApiProblem.Fault> faults) {
    if (!v.isNumber()) {
      faults.add(ApiProblem.Fault.pointer(at, "must be a number"));
    } else if (integer && !v.canConvertToInt() || integer && v.asDouble() != Math.rint(v.asDouble())) {
      faults.add(ApiProblem.Fault.pointer(at, "must be a whole number"));
    } else if (v.asDouble() < min || v.asDouble() > max) {
      faults.add(ApiProblem.Fault.pointer(at, "must be between " + fmt(min) + " and " + fmt(max)));
    }
  }

  private static String fmt(double d) {
    return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
  }

  /** The engine's rule set from a complete document. */
  public static RuleSet toRuleSet(JsonNode doc) {
    JsonNode c = doc.path("corridor");
    JsonNode w = doc.path("water");
    JsonNode t = doc.path("toilet");
    JsonNode f = doc.path("fire");
    JsonNode a = doc.path("access");
    Map<String, Double> setbacks = new HashMap<>();
    doc.path("setbacks_m").fields().forEachRemaining(e -> setbacks.put(e.getKey(), e.getValue().asDouble()));
    return new RuleSet(
        new RuleSet.Corridor(c.path("clearance_m").asDouble(), c.path("min_remaining_share").asDouble(),
            c.path("min_remaining_area_m2").asDouble()),
        new RuleSet.Water(w.path("max_walk_m").asDouble(), w.path("households_per_tap").asInt()),
        new RuleSet.Toilet(t.path("max_walk_m").asDouble(), t.path("households_per_toilet").asInt(),
            t.path("people_per_toilet").asInt(), t.path("min_distance_from_water_m").asDouble()),
        new RuleSet.Fire(f.path("gravel_road_m").asDouble(), f.path("paved_road_m").asDouble(),
            f.path("break_gap_m").asDouble(), f.path("max_cluster_structures").asInt()),
        new RuleSet.Access(a.path("frontage_m").asDouble(), a.path("max_snap_m").asDouble(),
            a.path("max_block_depth").asInt()),
        setbacks,
        doc.path("drain_setback_m").asDouble(),
        doc.path("max_shared_length_m").asDouble());
  }
}
