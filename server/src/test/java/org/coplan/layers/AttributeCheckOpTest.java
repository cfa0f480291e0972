package org.coplan.layers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import org.coplan.http.ApiProblem.Fault;
import org.coplan.http.JsonMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AttributeCheckOpTest {
  @Test
  void aGoodFootpathGivesEveryAttributeInCatalogueOrder() {
    var r = check(Layer.FOOTPATHS, "{\"class\":\"lane\",\"width_m\":2.5,\"state\":\"proposed\",\"surface\":\"gravel\"}");
    assertThat(r.faults()).isEmpty();
    assertThat(r.values()).containsExactly(
        entry("name", null), entry("class", "lane"), entry("width_m", 2.5), entry("surface", "gravel"), entry("state", "proposed"));
  }

  @Test
  void everyFaultIsReportedAtOnceWithItsPointer() {
    var r =
        check(
            Layer.FOOTPATHS,
            "{\"class\":\"highway\",\"width_m\":45,\"surface\":7,\"widht\":3,\"a/b~c\":1}");
    assertThat(r.faults())
        .extracting(Fault::pointer, Fault::detail)
        .containsExactlyInAnyOrder(
            tuple("/properties/widht", "'footpaths' has no attribute 'widht'; its attributes are name, class, width_m, surface, state"),
            tuple("/properties/a~1b~0c", "'footpaths' has no attribute 'a/b~c'; its attributes are name, class, width_m, surface, state"),
            tuple("/properties/class", "must be one of footpath, lane, road; got 'highway'"),
            tuple("/properties/width_m", "must be at most 30; got 45"),
            tuple("/properties/surface", "must be text; got 7"),
            tuple("/properties/state", "is required: one of existing, proposed, agreed, built"));
  }

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        // type rules
        "STRUCTURES  | {\"use\":\"residential\",\"households\":2.5}          | /properties/households | must be a whole number; got 2.5",
        "STRUCTURES  | {\"use\":\"residential\",\"households\":\"3\"}        | /properties/households | must be a whole number; got \"3\"",
        "STRUCTURES  | {\"use\":\"residential\",\"occupancy_estimated\":1}    | /properties/occupancy_estimated | must be true or false; got 1",
        "STRUCTURES  | {\"use\":\"residential\",\"name\":false}              | /properties/name | must be text; got false",
        "FOOTPATHS   | {\"class\":\"lane\",\"state\":\"existing\",\"width_m\":\"2\"} | /properties/width_m | must be a number; got \"2\"",
        // ranges, including the 32-bit columns
        "STRUCTURES  | {\"use\":\"residential\",\"storeys\":0}                | /properties/storeys | must be at least 1; got 0",
        "STRUCTURES  | {\"use\":\"residential\",\"storeys\":61}               | /properties/storeys | must be at most 60; got 61",
        "STRUCTURES  | {\"use\":\"residential\",\"people\":-1}                | /properties/people | must be at least 0; got -1",
        "STRUCTURES  | {\"use\":\"residential\",\"people\":3000000000}        | /properties/people | must be at most 2147483647; got 3000000000",
        "FOOTPATHS   | {\"class\":\"lane\",\"state\":\"existing\",\"width_m\":0.4} | /properties/width_m | must be at least 0.5; got 0.4",
        "CONSTRAINTS | {\"kind\":\"drain\",\"severity\":\"no_build\",\"setback_m\":1000.5} | /properties/setback_m | must be at most 1000; got 1000.5",
        // enumerations and required attributes
        "SERVICES    | {\"type\":\"tap\",\"state\":\"proposed\"}            | /properties/type | must be one of water_point, toilet, toilet_block, electricity_connection, electricity_pole, street_light, high_mast_light, fire_hydrant, fire_point, waste_skip, stormwater_drain, sewer, social_facility, public_space; got 'tap'",
        "SERVICES    | {\"type\":null,\"state\":\"proposed\"}               | /properties/type | is required: one of water_point, toilet, toilet_block, electricity_connection, electricity_pole, street_light, high_mast_light, fire_hydrant, fire_point, waste_skip, stormwater_drain, sewer, social_facility, public_space",
        "CONSTRAINTS | {\"kind\":\"drain\",\"severity\":\"no_build\"}          | /properties/setback_m | is required",
        "STRUCTURES  | []                                                    | /properties | must be an object of attribute values",
      })
  void oneRule(Layer layer, String properties, String pointer, String detail) {
    var r = check(layer, properties);
    assertThat(r.faults()).extracting(Fault::pointer, Fault::detail).containsExactly(tuple(pointer, detail));
  }

  @Test
  void bookkeepingPropertiesAsServedAreIgnoredSoAFeatureCanBeSentBackAsRead() {
    var r =
        check(
            Layer.SERVICES,
            "{\"type\":\"toilet\",\"state\":\"proposed\",\"id\":\"x\",\"version\":4,\"created_at\":\"2025-01-01T00:00:00Z\","
                + "\"created_by\":\"a\",\"updated_at\":\"2025-01-02T00:00:00Z\",\"updated_by\":\"b\"}");
    assertThat(r.faults()).isEmpty();
    assertThat(r.values()).containsOnlyKeys("name", "type", "state", "capacity", "sector");
  }

  @Test
  void integralNumbersAreIntegersAndUnsetFlagsAreFalse() {
    var r = check(Layer.STRUCTURES, "{\"use\":\"school\",\"households\":3.0,\"people\":12}");
    assertThat(r.faults()).isEmpty();
    assertThat(r.values().get("households")).isEqualTo(3L);
    assertThat(r.values().get("people")).isEqualTo(12L);
    assertThat(r.values().get("occupancy_estimated")).isEqualTo(false);
  }

  @Test
  void noPropertiesAtAllMissesEveryRequiredAttribute() {
    var r = AttributeCheckOp.check(null, Layer.CONSTRAINTS, "/features/2/properties");
    assertThat(r.faults())
        .extracting(Fault::pointer)
        .containsExactly("/features/2/properties/kind", "/features/2/properties/severity", "/features/2/properties/setback_m");
  }

  private static AttributeCheckOp.Result check(Layer layer, String properties) {
    try {
      JsonNode node = JsonMapper.MAPPER.readTree(properties);
      return AttributeCheckOp.check(node, layer, "/properties");
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  private static java.util.Map.Entry<String, Object> entry(String k, Object v) {
    return new java.util.AbstractMap.SimpleEntry<>(k, v);
  }
}
