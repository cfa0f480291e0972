package org.coplan.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProblemBodyTest {
  @Test
  void extensionMembersStandBesideTheStandardOnes() throws Exception {
    ProblemBody body =
        new ProblemBody("/problems/precondition-failed", "Precondition failed", 412, "stale", "/x", null, List.of(),
            Map.of("currentVersion", 4));
    JsonNode json = JsonMapper.MAPPER.readTree(JsonMapper.MAPPER.writeValueAsBytes(body));
    assertThat(json.get("currentVersion").asInt()).isEqualTo(4);
    assertThat(json.has("extensions")).isFalse();
    assertThat(json.has("errors")).as("empty members are left out").isFalse();
  }
}
