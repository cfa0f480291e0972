package org.coplan.layers;

import java.util.List;

/**
 * One typed attribute of a layer, as stored (a column of the same name) and as served.
 *
 * @param name column and property name
 * @param type value type
 * @param description what the value means, for API documents and the map's attribute panel
 * @param allowed the allowed values of an enumeration, else empty
 * @param minimum inclusive lower bound of a number, or null
 * @param maximum inclusive upper bound of a number, or null
 * @param required whether a value must be given
 * @param inTiles whether vector tiles carry it (what map styles and the panel's first look need)
 */
public record Attribute(
    String name,
    Type type,
    String description,
    List<String> allowed,
    Double minimum,
    Double maximum,
    boolean required,
    boolean inTiles) {

  /** Value types, with their JSON Schema and TileJSON names. */
  public enum Type {
    STRING("string", "String"),
    INTEGER("integer", "Number"),
    NUMBER("number", "Number"),
    BOOLEAN("boolean", "Boolean");

    public final String jsonSchema;
    public final String tileJson;

    Type(String jsonSchema, String tileJson) {
      this.jsonSchema = jsonSchema;
      this.tileJson = tileJson;
    }
  }

  static Attribute text(String name, String description) {
    return new Attribute(name, Type.STRING, description, List.of(), null, null, false, true);
  }

  static Attribute choice(String name, String description, boolean required, String... allowed) {
    return new Attribute(name, Type.STRING, description, List.of(allowed), null, null, required, true);
  }

  static Attribute integer(String name, String description, Double min, Double max) {
    return new Attribute(name, Type.INTEGER, description, List.of(), min, max, false, true);
  }

  static Attribute number(String name, String description, Double min, Double max, boolean required) {
    return new Attribute(name, Type.NUMBER, description, List.of(), min, max, required, true);
  }

  /**
   * The column as an SQL identifier, double-quoted because names such as {@code use}, {@code class}
   * and {@code type} are SQL keywords. Names come only from this catalogue, so quoting is all the
   * escaping they need.
   */
  public String column() {
    return '"' + name + '"';
  }

  Attribute notInTiles() {
    return new Attribute(name, type, description, allowed, minimum, maximum, required, false);
  }
}
