package org.coplan.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import org.coplan.analysis.engine.SentenceLanguage;
import org.junit.jupiter.api.Test;

class ConflictLanguageTest {
  @Test
  void theLangParameterWinsThenAcceptLanguageThenEnglish() {
    assertThat(ConflictLanguage.of("sw", "en")).isEqualTo(SentenceLanguage.SW);
    assertThat(ConflictLanguage.of("en", "sw")).isEqualTo(SentenceLanguage.EN);
    assertThat(ConflictLanguage.of("sw-TZ", null)).isEqualTo(SentenceLanguage.SW);
    assertThat(ConflictLanguage.of(null, "fr-FR, sw;q=0.8, en;q=0.5")).isEqualTo(SentenceLanguage.SW);
    assertThat(ConflictLanguage.of(null, "en-GB, sw;q=0.9")).isEqualTo(SentenceLanguage.EN);
    assertThat(ConflictLanguage.of("fr", "sw-TZ")).as("an unknown lang falls to the header").isEqualTo(SentenceLanguage.SW);
    assertThat(ConflictLanguage.of("fr", "de")).isEqualTo(SentenceLanguage.EN);
    assertThat(ConflictLanguage.of(null, null)).isEqualTo(SentenceLanguage.EN);
    assertThat(ConflictLanguage.of(null, ";;;q=x")).isEqualTo(SentenceLanguage.EN);
  }
}
