package org.coplan.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.coplan.http.ApiProblem.Fault;

/**
 * Reads the members of a small JSON request object (a settlement, a plan) and collects every
 * fault with its JSON pointer, so that one 422 can name them all: {@code fields.text("name", true,
 * 200)}, ..., then {@code fields.failIfAny("...")}. A member given as null counts as absent.
 */
public final class JsonFields {
  private final JsonNode body;
  private final List<Fault> faults = new ArrayList<>();

  public JsonFields(JsonNode body) {
    this.body = body;
    if (!body.isObject()) {
      faults.add(Fault.pointer("", "must be a JSON object"));
    }
  }

  public boolean has(String name) {
    return body.isObject() && body.has(name) && !body.get(name).isNull();
  }

  /** A text member of 1 to {@code maxLength} characters (surrounding space trimmed), or null. */
  public String text(String name, boolean required, int maxLength) {
    JsonNode v = body.get(name);
    if (v == null || v.isNull()) {
      if (required) {
        fault(name, "is required");
      }
      return null;
    }
    if (!v.isTextual() || v.asText().isBlank()) {
      fault(name, "must be non-empty text; got " + v);
      return null;
    }
    String s = v.asText().strip();
    if (s.length() > maxLength) {
      fault(name, "must be at most " + maxLength + " characters; got " + s.length());
      return null;
    }
    return s;
  }

  /**
   * How a merge patch of a flat object reads a text member: its value when the body has the member
   * (null clearing it, which is a fault if it is required), else {@code otherwise}, the value it
   * has now.
   */
  public String textOr(String name, boolean required, int maxLength, String otherwise) {
    return body.isObject() && body.has(name) ? text(name, required, maxLength) : otherwise;
  }

  /** A whole-number member, or null. */
  public Integer integer(String name) {
    JsonNode v = body.get(name);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isIntegralNumber() || !v.canConvertToInt()) {
      fault(name, "must be a whole number; got " + v);
      return null;
    }
    return v.asInt();
  }

  public JsonNode node(String name) {
    return body.get(name);
  }

  /** Faults every member not in {@code allowed}. */
  public void only(Set<String> allowed) {
    if (!body.isObject()) {
      return;
    }
    Iterator<String> names = body.fieldNames();
    while (names.hasNext()) {
      String name = names.next();
      if (!allowed.contains(name)) {
        fault(name, "is not a member that can be set here; those are " + String.join(", ", allowed.stream().sorted().toList()));
      }
    }
  }

  public void fault(String name, String detail) {
    faults.add(Fault.pointer("/" + name.replace("~", "~0").replace("/", "~1"), detail));
  }

  public void add(List<Fault> more) {
    faults.addAll(more);
  }

  /** Throws one 422 naming every fault found so far, if any. */
  public void failIfAny(String what) {
    if (!faults.isEmpty()) {
      throw ApiProblem.invalidContent(
          what + ": " + faults.size() + (faults.size() == 1 ? " problem" : " problems") + " (see errors)", faults);
    }
  }
}
