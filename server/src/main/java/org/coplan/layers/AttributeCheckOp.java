package org.coplan.layers;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.coplan.http.ApiProblem.Fault;

/**
 * Checks a feature's {@code properties} against its layer's catalogue and reports every fault at
 * once, each with the JSON pointer of the property: a name that is no attribute of the layer, a
 * value of the wrong type (text for text, a whole number for an integer, true or false for a
 * boolean), a value outside the attribute's enumeration or range, a required attribute missing or
 * null. Integers must also fit the 32-bit columns that store them.
 *
 * <p>The bookkeeping properties that reads serve ({@link #READ_ONLY}) are ignored, so that a
 * feature read, changed and sent back whole is accepted; the server sets them. A boolean left
 * unset is false: the catalogue's booleans are flags (the columns are NOT NULL DEFAULT false).
 */
final class AttributeCheckOp {
  static final Set<String> READ_ONLY = Set.of("id", "version", "created_at", "created_by", "updated_at", "updated_by");

  /** @param values every catalogue attribute by name, in catalogue order, null where unset */
  record Result(Map<String, Object> values, List<Fault> faults) {}

  private AttributeCheckOp() {}

  /** @param pointer JSON pointer of the properties object, e.g. {@code /properties} */
  static Result check(JsonNode properties, Layer layer, String pointer) {
    List<Fault> faults = new ArrayList<>();
    Map<String, Object> values = new LinkedHashMap<>();
    if (properties != null && !properties.isNull() && !properties.isObject()) {
      faults.add(Fault.pointer(pointer, "must be an object of attribute values"));
      return new Result(values, faults);
    }
    if (properties != null && properties.isObject()) {
      Set<String> known = layer.attributes().stream().map(Attribute::name).collect(Collectors.toSet());
      Iterator<String> names = properties.fieldNames();
      while (names.hasNext()) {
        String name = names.next();
        if (!known.contains(name) && !READ_ONLY.contains(name)) {
          faults.add(
              Fault.pointer(
                  pointer + "/" + escape(name),
                  "'" + layer.id() + "' has no attribute '" + name + "'; its attributes are "
                      + layer.attributes().stream().map(Attribute::name).collect(Collectors.joining(", "))));
        }
      }
    }
    for (Attribute a : layer.attributes()) {
      JsonNode v = properties == null || properties.isNull() ? null : properties.get(a.name());
      String at = pointer + "/" + escape(a.name());
      if (v == null || v.isNull()) {
        if (a.required()) {
          faults.add(Fault.pointer(at, "is required" + oneOf(a)));
        }
        values.put(a.name(), a.type() == Attribute.Type.BOOLEAN ? Boolean.FALSE : null);
        continue;
      }
      String fault = null;
      Object value = null;
      switch (a.type()) {
        case STRING -> {
          if (!v.isTextual()) {
            fault = "must be text; got " + v;
          } else if (!a.allowed().isEmpty() && !a.allowed().contains(v.asText())) {
            fault = "must be one of " + String.join(", ", a.allowed()) + "; got '" + v.asText() + "'";
          } else {
            value = v.asText();
          }
        }
        case INTEGER -> {
          if (!v.isNumber() || v.asDouble() != Math.rint(v.asDouble())) {
            fault = "must be a whole number; got " + v;
          } else {
            fault = range(a, v.asDouble(), Integer.MIN_VALUE, Integer.MAX_VALUE);
            value = v.asLong();
          }
        }
        case NUMBER -> {
          if (!v.isNumber()) {
            fault = "must be a number; got " + v;
          } else {
            fault = range(a, v.asDouble(), -Double.MAX_VALUE, Double.MAX_VALUE);
            value = v.asDouble();
          }
        }
        case BOOLEAN -> {
          if (!v.isBoolean()) {
            fault = "must be true or false; got " + v;
          } else {
            value = v.asBoolean();
          }
        }
      }
      if (fault != null) {
        faults.add(Fault.pointer(at, fault));
      }
      values.put(a.name(), fault == null ? value : null);
    }
    return new Result(values, faults);
  }

  /** The fault of a number outside the attribute's bounds (or the column's), else null. */
  private static String range(Attribute a, double v, double floor, double ceiling) {
    double min = a.minimum() == null ? floor : Math.max(a.minimum(), floor);
    double max = a.maximum() == null ? ceiling : Math.min(a.maximum(), ceiling);
    if (v < min) {
      return "must be at least " + number(min, a) + "; got " + number(v, a);
    }
    if (v > max) {
      return "must be at most " + number(max, a) + "; got " + number(v, a);
    }
    return null;
  }

  private static String number(double v, Attribute a) {
    return a.type() == Attribute.Type.INTEGER || v == Math.rint(v) && Math.abs(v) < 1e15
        ? Long.toString((long) v)
        : Double.toString(v);
  }

  private static String oneOf(Attribute a) {
    return a.allowed().isEmpty() ? "" : ": one of " + String.join(", ", a.allowed());
  }

  /** A property name as a JSON pointer token (RFC 6901). */
  static String escape(String name) {
    return name.replace("~", "~0").replace("/", "~1");
  }
}
