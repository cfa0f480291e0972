package org.coplan.analysis.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SentencesTest {
  @Test
  void everyTypeHasATemplateInEveryLanguageWithTheSameParameters() {
    for (ConflictType type : ConflictType.values()) {
      String english = Sentences.template(type, SentenceLanguage.EN);
      assertThat(english).as("English template of %s", type).isNotBlank();
      var names = new HashSet<>(Sentences.parameters(english));
      for (SentenceLanguage language : SentenceLanguage.values()) {
        String template = Sentences.template(type, language);
        assertThat(template).as("%s template of %s", language, type).isNotBlank();
        assertThat(new HashSet<>(Sentences.parameters(template))).as("parameters of %s in %s", type, language).isEqualTo(names);
      }
      // a sentence renders in each language from the same parameters
      Map<String, Object> params = new HashMap<>();
      names.forEach(n -> params.put(n, 1.0));
      for (SentenceLanguage language : SentenceLanguage.values()) {
        assertThat(Sentences.render(type, params, language)).doesNotContain("{");
      }
    }
  }

  @Test
  void swahiliSentencesPutTheEnglishWordsOfTheirParametersInSwahiliAndKeepNames() {
    Map<String, Object> relocation = Map.of(
        "path", "Proposed footpath P-866 and 1 more", "width", "4.0", "share", 43.0, "structure", "S-4043",
        "area", 74.0, "keep", 50.0, "minArea", 9.0);
    assertThat(Sentences.render(ConflictType.CORRIDOR_RELOCATION, relocation, SentenceLanguage.SW)).isEqualTo(
        "Njia ya miguu inayopendekezwa P-866 na nyingine 1 (4.0 m) inachukua 43% ya jengo S-4043 (74 m²), na"
            + " kubakiza chini ya 50% au 9 m² zilizokubaliwa: jengo linahitaji kuhamishwa.");
    assertThat(Sentences.render(ConflictType.CORRIDOR_RELOCATION, relocation, SentenceLanguage.EN))
        .startsWith("Proposed footpath P-866 and 1 more (4.0 m) takes 43% of structure S-4043");
    Map<String, Object> noBuild = Map.of(
        "feature", "Structure 'Mama Neema'", "constraint", "flood zone 'Msimbazi'", "setback", 5.0,
        "consequence", ": relocation needed");
    assertThat(Sentences.render(ConflictType.CONSTRAINT_NO_BUILD, noBuild, SentenceLanguage.SW)).isEqualTo(
        "Jengo 'Mama Neema' iko ndani ya eneo la mafuriko 'Msimbazi' (hakuna ujenzi) au eneo lake la hifadhi la m 5:"
            + " jengo linahitaji kuhamishwa.");
    assertThat(SwahiliSentences.term("Stormwater drain V-12")).isEqualTo("Mfereji wa maji ya mvua V-12");
    assertThat(SwahiliSentences.term("water point 'Kisima'")).isEqualTo("kituo cha maji 'Kisima'");
    assertThat(SwahiliSentences.term("120 m along the paths")).isEqualTo("m 120 kwa kufuata njia");
    assertThat(SwahiliSentences.term("40 households")).isEqualTo("kaya 40");
    assertThat(SwahiliSentences.term("far")).isEqualTo("mbali");
    assertThat(Sentences.render(ConflictType.WATER_ACCESS,
        Map.of("structure", "S-7303", "distance", "not reachable along the paths", "norm", 200.0), SentenceLanguage.SW))
        .isEqualTo("Jengo S-7303 liko mbali, bila njia ya kufika kutoka bomba la maji lililo karibu zaidi; mwendo"
            + " uliokubaliwa ni m 200 au chini.");
    // what it does not know stays as it is
    assertThat(SwahiliSentences.term("S-12")).isEqualTo("S-12");
    assertThat(SwahiliSentences.term("hovercraft port V-3")).isEqualTo("hovercraft port V-3");
  }
}
