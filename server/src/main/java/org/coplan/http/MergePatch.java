package org.coplan.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/**
 * JSON Merge Patch (RFC 7396): a patch object's members replace the target's, a null member
 * removes one, nested objects merge recursively, and anything that is not an object (arrays
 * included) replaces the target whole. So a patch can change one property of a feature, but a
 * geometry's coordinates only as a whole array.
 */
public final class MergePatch {
  private MergePatch() {}

  /** The target with the patch applied; neither argument is changed. */
  public static JsonNode apply(JsonNode target, JsonNode patch) {
    if (!patch.isObject()) {
      return patch.deepCopy();
    }
    ObjectNode result =
        target != null && target.isObject() ? ((ObjectNode) target).deepCopy() : JsonNodeFactory.instance.objectNode();
    for (Map.Entry<String, JsonNode> m : patch.properties()) {
      if (m.getValue().isNull()) {
        result.remove(m.getKey());
      } else {
        result.set(m.getKey(), apply(result.get(m.getKey()), m.getValue()));
      }
    }
    return result;
  }
}
