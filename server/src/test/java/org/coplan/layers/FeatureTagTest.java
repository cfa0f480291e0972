package org.coplan.layers;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;

class FeatureTagTest {
  static final UUID ID = UUID.fromString("a0cffff5-7abd-4b59-a943-9ae3bae61e95");

  @Test
  void theTagNamesFeatureAndVersion() {
    assertThat(FeatureTag.of(ID, 3).toString()).isEqualTo("\"a0cffff5-7abd-4b59-a943-9ae3bae61e95-v3\"");
  }

  @Test
  void ifMatchHoldsOnlyForTheCurrentStrongTag() {
    String v3 = "\"a0cffff5-7abd-4b59-a943-9ae3bae61e95-v3\"";
    assertThat(FeatureTag.matches(v3, ID, 3)).isTrue();
    assertThat(FeatureTag.matches(v3, ID, 4)).isFalse();
    assertThat(FeatureTag.matches("W/" + v3, ID, 3)).as("weak tags never match If-Match").isFalse();
    assertThat(FeatureTag.matches("a0cffff5-7abd-4b59-a943-9ae3bae61e95-v3", ID, 3)).as("unquoted").isFalse();
    assertThat(FeatureTag.matches("\"x-v2\", " + v3, ID, 3)).as("one of a list").isTrue();
    assertThat(FeatureTag.matches("*", ID, 7)).isTrue();
    assertThat(FeatureTag.matches("\"00000000-0000-4000-8000-000000000000-v3\"", ID, 3)).as("another feature's").isFalse();
  }

  @Test
  void theTagOfACompressedReadMatchesTheSameVersionOnly() {
    String gzipped = "\"a0cffff5-7abd-4b59-a943-9ae3bae61e95-v3--gzip\"";
    assertThat(FeatureTag.matches(gzipped, ID, 3)).as("Jetty's suffix on the version read").isTrue();
    assertThat(FeatureTag.matches(gzipped, ID, 4)).as("a stale compressed read").isFalse();
    assertThat(FeatureTag.matches("W/" + gzipped, ID, 3)).as("still strong only").isFalse();
    assertThat(FeatureTag.matches("\"a0cffff5-7abd-4b59-a943-9ae3bae61e95-v3--br\"", ID, 3)).as("other suffixes").isFalse();
  }
}
