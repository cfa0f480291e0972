package org.coplan.analysis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.coplan.analysis.engine.ConflictType;
import org.coplan.analysis.engine.SentenceLanguage;
import org.coplan.analysis.engine.Sentences;

/**
 * The language a reader wants conflict sentences in: the {@code lang} query parameter if it names
 * one we have, else the first of ours in {@code Accept-Language} (by its q-values), else English.
 * Stored sentences are English; another language is rendered from each conflict's type and
 * parameters as it is read.
 */
final class ConflictLanguage {
  /** The languages sentences have templates in, as locales for {@link Locale#lookup}. */
  private static final List<Locale> SUPPORTED =
      java.util.Arrays.stream(SentenceLanguage.values()).map(l -> Locale.forLanguageTag(l.tag())).toList();

  private ConflictLanguage() {}

  static SentenceLanguage of(String lang, String acceptLanguage) {
    if (lang != null && !lang.isBlank()) {
      SentenceLanguage chosen = named(lang.trim());
      if (chosen != null) {
        return chosen;
      }
    }
    if (acceptLanguage == null || acceptLanguage.isBlank()) {
      return SentenceLanguage.EN;
    }
    try {
      Locale best = Locale.lookup(Locale.LanguageRange.parse(acceptLanguage), SUPPORTED);
      SentenceLanguage chosen = best == null ? null : named(best.getLanguage());
      return chosen == null ? SentenceLanguage.EN : chosen;
    } catch (IllegalArgumentException e) {
      // a malformed header is the client's fault, but English is still an answer
      return SentenceLanguage.EN;
    }
  }

  private static SentenceLanguage named(String tag) {
    String language = Locale.forLanguageTag(tag).getLanguage();
    for (SentenceLanguage l : SentenceLanguage.values()) {
      if (l.tag().equals(language)) {
        return l;
      }
    }
    return null;
  }

  /** Puts a conflict feature's sentence into {@code language} (English is what is stored: left alone). */
  static void translate(ObjectNode feature, SentenceLanguage language) {
    if (language == SentenceLanguage.EN) {
      return;
    }
    ObjectNode p = (ObjectNode) feature.get("properties");
    ConflictType type;
    try {
      type = ConflictType.valueOf(p.path("type").asText().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      return; // a type this server no longer knows keeps its stored sentence
    }
    Map<String, Object> params = new HashMap<>();
    p.path("params").fields().forEachRemaining(e -> params.put(e.getKey(), value(e.getValue())));
    try {
      p.put("sentence", Sentences.render(type, params, language));
    } catch (IllegalArgumentException e) {
      // parameters stored by an older analysis lack one the template needs: the English sentence stays
    }
  }

  private static Object value(JsonNode v) {
    return v.isNumber() ? (Object) v.doubleValue() : v.asText();
  }
}
