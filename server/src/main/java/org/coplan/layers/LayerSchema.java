package org.coplan.layers;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The schema (OpenAPI 3.0 dialect of JSON Schema) of a layer's feature properties as {@link
 * GeoJsonWriter} serves them, generated from the catalogue so that the API document cannot drift
 * from the data. Every property is always present; an attribute the catalogue does not require
 * may be null (and a nullable enumeration lists null among its values, as OpenAPI 3.0.3 asks).
 */
public final class LayerSchema {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private LayerSchema() {}

  /** The name under {@code components/schemas}, e.g. {@code StructuresProperties}. */
  public static String componentName(Layer layer) {
    return Character.toUpperCase(layer.id().charAt(0)) + layer.id().substring(1) + "Properties";
  }

  public static ObjectNode properties(Layer layer) {
    ObjectNode schema = JSON.objectNode();
    schema.put("type", "object");
    schema.put("description", "Properties of a feature of the collection '" + layer.id() + "'");
    ObjectNode properties = schema.putObject("properties");
    ArrayNode required = JSON.arrayNode();
    for (Attribute a : layer.attributes()) {
      properties.set(a.name(), attribute(a));
      required.add(a.name());
    }
    properties.set("version", typed("integer", "Starts at 1 and grows by 1 with every change").put("minimum", 1));
    properties.set("created_at", typed("string", "When the feature was created").put("format", "date-time"));
    properties.set("created_by", typed("string", "Who created the feature"));
    properties.set("updated_at", typed("string", "When the feature last changed").put("format", "date-time"));
    properties.set("updated_by", typed("string", "Who changed the feature last"));
    for (String bookkeeping : new String[] {"version", "created_at", "created_by", "updated_at", "updated_by"}) {
      required.add(bookkeeping);
    }
    schema.set("required", required);
    schema.put("additionalProperties", false);
    return schema;
  }

  private static ObjectNode attribute(Attribute a) {
    ObjectNode s = typed(a.type().jsonSchema, a.description());
    if (!a.required()) {
      s.put("nullable", true);
    }
    if (!a.allowed().isEmpty()) {
      ArrayNode values = s.putArray("enum");
      a.allowed().forEach(values::add);
      if (!a.required()) {
        values.addNull();
      }
    }
    bound(s, "minimum", a.minimum(), a.type());
    bound(s, "maximum", a.maximum(), a.type());
    return s;
  }

  /** An integer attribute's bound is written as an integer: {@code 1}, not {@code 1.0}. */
  private static void bound(ObjectNode s, String name, Double value, Attribute.Type type) {
    if (value == null) {
      return;
    }
    if (type == Attribute.Type.INTEGER) {
      s.put(name, value.longValue());
    } else {
      s.put(name, value);
    }
  }

  private static ObjectNode typed(String type, String description) {
    ObjectNode s = JSON.objectNode();
    s.put("type", type);
    s.put("description", description);
    return s;
  }
}
