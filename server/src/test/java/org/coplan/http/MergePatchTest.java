package org.coplan.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The examples of RFC 7396, appendix A, and what coplan relies on for features. */
class MergePatchTest {
  @ParameterizedTest(name = "{0} + {1} = {2}")
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"a\":\"b\"}                | {\"a\":\"c\"}            | {\"a\":\"c\"}",
        "{\"a\":\"b\"}                | {\"b\":\"c\"}            | {\"a\":\"b\",\"b\":\"c\"}",
        "{\"a\":\"b\"}                | {\"a\":null}             | {}",
        "{\"a\":\"b\",\"b\":\"c\"}    | {\"a\":null}             | {\"b\":\"c\"}",
        "{\"a\":[\"b\"]}              | {\"a\":\"c\"}            | {\"a\":\"c\"}",
        "{\"a\":\"c\"}                | {\"a\":[\"b\"]}          | {\"a\":[\"b\"]}",
        "{\"a\":{\"b\":\"c\"}}        | {\"a\":{\"b\":\"d\",\"c\":null}} | {\"a\":{\"b\":\"d\"}}",
        "{\"a\":[{\"b\":\"c\"}]}      | {\"a\":[1]}              | {\"a\":[1]}",
        "[\"a\",\"b\"]                | [\"c\",\"d\"]            | [\"c\",\"d\"]",
        "{\"a\":\"b\"}                | [\"c\"]                  | [\"c\"]",
        "{\"a\":\"foo\"}              | null                     | null",
        "{\"a\":\"foo\"}              | \"bar\"                  | \"bar\"",
        "{\"e\":null}                 | {\"a\":1}                | {\"e\":null,\"a\":1}",
        "[1,2]                        | {\"a\":\"b\",\"c\":null} | {\"a\":\"b\"}",
        "{}                           | {\"a\":{\"bb\":{\"ccc\":null}}} | {\"a\":{\"bb\":{}}}",
      })
  void rfc7396AppendixA(String target, String patch, String result) {
    assertThat(MergePatch.apply(json(target), json(patch))).isEqualTo(json(result));
  }

  @Test
  void changesOnePropertyOfAFeatureAndLeavesTheRestAndTheTargetAlone() {
    JsonNode feature =
        json("{\"type\":\"Feature\",\"geometry\":{\"type\":\"Point\",\"coordinates\":[39.24,-6.8]},"
            + "\"properties\":{\"type\":\"toilet\",\"capacity\":5,\"name\":\"Block 4\"}}");
    JsonNode patched = MergePatch.apply(feature, json("{\"properties\":{\"capacity\":10,\"name\":null}}"));
    assertThat(patched.at("/properties/capacity").asInt()).isEqualTo(10);
    assertThat(patched.at("/properties").has("name")).isFalse();
    assertThat(patched.at("/properties/type").asText()).isEqualTo("toilet");
    assertThat(patched.get("geometry")).isEqualTo(feature.get("geometry"));
    assertThat(feature.at("/properties/capacity").asInt()).as("the target is not changed").isEqualTo(5);
  }

  @Test
  void aGeometrysCoordinatesAreReplacedWholeAndItsTypeKept() {
    JsonNode feature = json("{\"geometry\":{\"type\":\"LineString\",\"coordinates\":[[0,0],[1,1]]}}");
    JsonNode patched = MergePatch.apply(feature, json("{\"geometry\":{\"coordinates\":[[2,2],[3,3],[4,4]]}}"));
    assertThat(patched.get("geometry")).isEqualTo(json("{\"type\":\"LineString\",\"coordinates\":[[2,2],[3,3],[4,4]]}"));
  }

  private static JsonNode json(String text) {
    try {
      return JsonMapper.MAPPER.readTree(text);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }
}
