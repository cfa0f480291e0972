package org.coplan.io;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.coplan.layers.Attribute;
import org.coplan.layers.Layer;

/**
 * Which source field fills which layer attribute, and turning a source value into the attribute's
 * type. {@link #suggest} proposes a mapping from field names (case and punctuation ignored, common
 * synonyms such as {@code highway} for {@code class} or {@code LEVELS} for {@code storeys}, and
 * Shapefile's 10-character truncation); the client may change it before committing.
 *
 * <p>Conversions never guess silently: a value that does not fit is a problem naming the row and
 * field. Two documented translations are applied: enumeration values ignore case ({@code
 * Residential} is {@code residential}), and OpenStreetMap {@code highway} values become the
 * footpath classes ({@code footway} → {@code footpath}, {@code residential} → {@code lane}, ...).
 */
final class AttributeMapping {
  private static final Map<String, List<String>> SYNONYMS =
      Map.ofEntries(
          Map.entry("name", List.of("name", "names", "label", "title")),
          Map.entry("width_m", List.of("width", "widthm", "wid", "breite")),
          Map.entry("class", List.of("class", "highway", "osmtype", "fclass", "roadclass")),
          Map.entry("households", List.of("households", "hh", "numhh", "household", "nhouseholds")),
          Map.entry("people", List.of("people", "persons", "population", "pop", "residents")),
          Map.entry("storeys", List.of("storeys", "stories", "levels", "floors", "buildinglevels")),
          Map.entry("material", List.of("material", "walltype", "walls", "wallmaterial")),
          Map.entry("cell", List.of("cell", "cellid")),
          Map.entry("setback_m", List.of("setback", "setbackm")),
          Map.entry("occupancy_estimated", List.of("occupancyestimated", "estimated")));

  /** OpenStreetMap highway values as footpath classes (the demo loader uses the same split). */
  static final Map<String, String> OSM_HIGHWAY =
      Map.ofEntries(
          Map.entry("footway", "footpath"), Map.entry("path", "footpath"), Map.entry("steps", "footpath"),
          Map.entry("pedestrian", "footpath"), Map.entry("bridleway", "footpath"), Map.entry("track", "footpath"),
          Map.entry("cycleway", "footpath"), Map.entry("residential", "lane"), Map.entry("unclassified", "lane"),
          Map.entry("service", "lane"), Map.entry("living_street", "lane"), Map.entry("tertiary", "road"),
          Map.entry("secondary", "road"), Map.entry("primary", "road"), Map.entry("trunk", "road"),
          Map.entry("tertiary_link", "road"), Map.entry("secondary_link", "road"), Map.entry("primary_link", "road"));

  private static final Pattern DECIMAL_COMMA = Pattern.compile("^[-+]?\\d+,\\d+$");

  private AttributeMapping() {}

  /** Source field → attribute, for every field whose name says which attribute it is. */
  static Map<String, String> suggest(List<String> fields, Layer layer) {
    Map<String, String> mapping = new LinkedHashMap<>();
    for (Attribute a : layer.attributes()) {
      String target = norm(a.name());
      List<String> names = SYNONYMS.getOrDefault(a.name(), List.of(target));
      Optional<String> exact = fields.stream().filter(f -> norm(f).equals(target)).findFirst();
      Optional<String> synonym = fields.stream().filter(f -> names.contains(norm(f))).findFirst();
      // a Shapefile cuts names at 10 characters: occupancy_estimated is written occupancy_
      Optional<String> truncated =
          fields.stream().filter(f -> f.length() == 10 && a.name().length() > 10 && a.name().startsWith(f.toLowerCase(Locale.ROOT))).findFirst();
      exact.or(() -> synonym).or(() -> truncated)
          .filter(f -> !mapping.containsKey(f))
          .ifPresent(f -> mapping.put(f, a.name()));
    }
    return mapping;
  }

  private static String norm(String s) {
    return s.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
  }

  /** A converted value, or why the source value does not fit. */
  record Converted(Object value, String fault, String translatedFrom) {
    static Converted ok(Object v) {
      return new Converted(v, null, null);
    }

    static Converted bad(String why) {
      return new Converted(null, why, null);
    }
  }

  /** The attribute's value from a source value (JSON null or missing: null). */
  static Converted convert(JsonNode v, Attribute a) {
    if (v == null || v.isNull() || (v.isTextual() && v.asText().isBlank())) {
      return Converted.ok(null);
    }
    String text = v.isTextual() ? v.asText().strip() : v.asText();
    return switch (a.type()) {
      case STRING -> choice(text, a);
      case INTEGER -> {
        Converted n = number(v, text);
        if (n.fault() != null) {
          yield n;
        }
        double d = ((Number) n.value()).doubleValue();
        if (d != Math.rint(d)) {
          yield Converted.bad("'" + text + "' is not a whole number");
        }
        yield range(Long.valueOf((long) d), d, a, text);
      }
      case NUMBER -> {
        Converted n = number(v, text);
        yield n.fault() != null ? n : range(n.value(), ((Number) n.value()).doubleValue(), a, text);
      }
      case BOOLEAN -> switch (text.toLowerCase(Locale.ROOT)) {
        case "true", "t", "yes", "y", "1" -> Converted.ok(true);
        case "false", "f", "no", "n", "0" -> Converted.ok(false);
        default -> Converted.bad("'" + text + "' is not true or false");
      };
    };
  }

  private static Converted choice(String text, Attribute a) {
    if (a.allowed().isEmpty()) {
      return Converted.ok(text);
    }
    for (String allowed : a.allowed()) {
      if (allowed.equalsIgnoreCase(text)) {
        return Converted.ok(allowed);
      }
    }
    if (a.name().equals("class")) {
      String osm = OSM_HIGHWAY.get(text.toLowerCase(Locale.ROOT));
      if (osm != null) {
        return new Converted(osm, null, text);
      }
    }
    return Converted.bad("'" + text + "' is not one of " + String.join(", ", a.allowed()));
  }

  private static Converted number(JsonNode v, String text) {
    if (v.isNumber()) {
      return Converted.ok(v.doubleValue());
    }
    if (DECIMAL_COMMA.matcher(text).matches()) {
      return Converted.bad("'" + text + "' uses a decimal comma; write " + text.replace(',', '.'));
    }
    try {
      return Converted.ok(new BigDecimal(text).doubleValue());
    } catch (NumberFormatException e) {
      return Converted.bad("'" + text + "' is not a number");
    }
  }

  private static Converted range(Object value, double d, Attribute a, String text) {
    if (a.minimum() != null && d < a.minimum()) {
      return Converted.bad(text + " is below the minimum " + fmt(a.minimum()));
    }
    if (a.maximum() != null && d > a.maximum()) {
      return Converted.bad(text + " is above the maximum " + fmt(a.maximum()));
    }
    return Converted.ok(value);
  }

  private static String fmt(double d) {
    return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
  }
}
