package org.coplan.analysis.engine;

import java.util.Locale;

/**
 * The languages conflict sentences are written in. English is what the analysis stores; the
 * others are rendered from a conflict's type and parameters when a reader asks for them.
 */
public enum SentenceLanguage {
  EN, SW;

  /** The language's tag (BCP 47), as in {@code Content-Language}. */
  public String tag() {
    return name().toLowerCase(Locale.ROOT);
  }
}
