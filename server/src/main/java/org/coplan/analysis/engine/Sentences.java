package org.coplan.analysis.engine;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The plain-language sentence of every conflict type, in one place, as templates with named
 * parameters ({@code {structure}}, {@code {share}}...), so that they can be translated by swapping
 * this table: a conflict keeps its parameters beside the rendered English sentence. The Swahili
 * table is {@link SwahiliSentences}; a sentence in another language is rendered from the same
 * type and parameters when a reader asks for it ({@link #render(ConflictType, Map, SentenceLanguage)}).
 */
public final class Sentences {
  private static final Map<ConflictType, String> ENGLISH = new EnumMap<>(ConflictType.class);

  static {
    put(ConflictType.CORRIDOR_RELOCATION,
        "{path} ({width} m) takes {share}% of structure {structure} ({area} m²), leaving less than the agreed"
            + " {keep}% or {minArea} m²: relocation needed.");
    put(ConflictType.CORRIDOR_TRIM,
        "{path} ({width} m) takes {share}% of structure {structure} ({area} m²): the structure can be trimmed.");
    put(ConflictType.PATH_CROSSES_STRUCTURE,
        "{path} crosses structure {structure} on the map: one of the two is mapped wrongly (data quality, not a"
            + " relocation).");
    put(ConflictType.CONSTRAINT_NO_BUILD,
        "{feature} lies inside the no-build {constraint} or its {setback} m setback{consequence}.");
    put(ConflictType.CONSTRAINT_CONDITIONAL,
        "{feature} lies inside the conditional {constraint} or its {setback} m setback: check the conditions.");
    put(ConflictType.CONSTRAINT_ADVISORY,
        "{feature} lies inside the {constraint} or its {setback} m setback (advisory).");
    put(ConflictType.SERVICE_IN_STRUCTURE, "{service} is placed inside structure {structure}.");
    put(ConflictType.SERVICE_IN_CORRIDOR, "{service} is placed inside the corridor of {path}.");
    put(ConflictType.TOILET_NEAR_WATER,
        "{service} is {distance} m from {water}, nearer than the agreed {norm} m between toilets and water points.");
    put(ConflictType.WATER_ACCESS,
        "Structure {structure} is {distance} from the nearest tap; the agreed walk is at most {norm} m.");
    put(ConflictType.TOILET_ACCESS,
        "Structure {structure} is {distance} from the nearest toilet; the agreed walk is at most {norm} m.");
    put(ConflictType.FIRE_ACCESS,
        "Structure {structure} is {distance} from the nearest road, farther than a fire hose"
            + " reaches ({norm} m from a gravel road, {paved} m from a paved one).");
    put(ConflictType.NOT_CONNECTED,
        "Structure {structure} is {distance} from the nearest path, farther than the {norm} m that counts as"
            + " joined to the path network.");
    put(ConflictType.SERVICE_OVERLOADED,
        "{service} is the nearest for {load}, more than the {norm} it is meant to serve.");
    put(ConflictType.NO_FRONTAGE,
        "Structure {structure} has no footpath or road within {norm} m: it has no frontage.");
    put(ConflictType.BLOCK_DEPTH,
        "Block of {count} structures is {depth} layers deep: {deepest} structures reach a path only through"
            + " {through} others (agreed: at most {norm}).");
    put(ConflictType.FIRE_CLUSTER,
        "{count} structures stand less than {norm} m apart, more than the agreed {max} without a fire break.");
    put(ConflictType.OVERLAPPING_CORRIDORS,
        "{line} runs {length} m inside the corridor of {other}, more than the agreed {norm} m two sectors may share:"
            + " harmonise the sector plans.");
    put(ConflictType.SERVICE_NEAR_DRAIN,
        "{service} is {distance} m from {drain}, inside the agreed {norm} m kept clear of drains and sewers.");
  }

  private static final Pattern PARAM = Pattern.compile("\\{(\\w+)}");
  private static final Map<ConflictType, String[]> PARTS = new java.util.concurrent.ConcurrentHashMap<>();
  private static final Map<ConflictType, String[]> SWAHILI_PARTS = new java.util.concurrent.ConcurrentHashMap<>();

  private Sentences() {}

  private static void put(ConflictType type, String template) {
    ENGLISH.put(type, template);
  }

  /** The template of a type, for documentation and translators. */
  public static String template(ConflictType type) {
    return ENGLISH.get(type);
  }

  /** The template of a type in {@code language}. */
  public static String template(ConflictType type, SentenceLanguage language) {
    return language == SentenceLanguage.SW ? SwahiliSentences.TEMPLATES.get(type) : ENGLISH.get(type);
  }

  /**
   * The sentence of a type in {@code language} from its parameters (as stored beside the English
   * one). Parameters that are English words (a path's or service's label, "far") are put in that
   * language too ({@link SwahiliSentences#term}); names planners gave stay as they are.
   */
  public static String render(ConflictType type, Map<String, Object> params, SentenceLanguage language) {
    if (language != SentenceLanguage.SW) {
      return render(type, params);
    }
    Map<String, Object> translated = new java.util.HashMap<>();
    params.forEach((k, v) -> translated.put(k, v instanceof String text ? SwahiliSentences.term(text) : v));
    return render(type, SWAHILI_PARTS.computeIfAbsent(type, t -> split(SwahiliSentences.TEMPLATES.get(t))), translated);
  }

  static String render(ConflictType type, Map<String, Object> params) {
    // templates are split once into literal text and parameter names: no regex per sentence
    return render(type, PARTS.computeIfAbsent(type, t -> split(ENGLISH.get(t))), params);
  }

  private static String render(ConflictType type, String[] parts, Map<String, Object> params) {
    StringBuilder out = new StringBuilder(parts.length * 16);
    for (int i = 0; i < parts.length; i++) {
      if (i % 2 == 0) {
        out.append(parts[i]);
      } else {
        Object v = params.get(parts[i]);
        if (v == null) {
          throw new IllegalArgumentException("sentence of " + type + " needs {" + parts[i] + "}");
        }
        out.append(format(v));
      }
    }
    return out.toString();
  }

  /** The parameter names of a template, in order. */
  public static java.util.List<String> parameters(String template) {
    String[] parts = split(template);
    java.util.List<String> names = new java.util.ArrayList<>();
    for (int i = 1; i < parts.length; i += 2) {
      names.add(parts[i]);
    }
    return names;
  }

  /** A template as literal, name, literal, name, ..., literal. */
  private static String[] split(String template) {
    java.util.List<String> parts = new java.util.ArrayList<>();
    Matcher m = PARAM.matcher(template);
    int last = 0;
    while (m.find()) {
      parts.add(template.substring(last, m.start()));
      parts.add(m.group(1));
      last = m.end();
    }
    parts.add(template.substring(last));
    return parts.toArray(String[]::new);
  }

  private static String format(Object v) {
    if (v instanceof Double d) {
      return d == Math.rint(d) && Math.abs(d) < 1e9 ? Long.toString(d.longValue()) : String.format(Locale.ROOT, "%.1f", d);
    }
    return v.toString();
  }
}
