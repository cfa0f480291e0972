package org.coplan.io;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.List;
import org.coplan.layers.Attribute;
import org.coplan.layers.Layer;
import org.junit.jupiter.api.Test;

class AttributeMappingTest {
  static final JsonNodeFactory J = JsonNodeFactory.instance;

  static Attribute attribute(Layer layer, String name) {
    return layer.attributes().stream().filter(a -> a.name().equals(name)).findFirst().orElseThrow();
  }

  @Test
  void suggestsFromNamesSynonymsAndShapefileTruncation() {
    assertThat(AttributeMapping.suggest(List.of("NAME", "LEVELS", "WALL_TYPE", "occupancy_", "OSM_ID"), Layer.STRUCTURES))
        .containsEntry("NAME", "name").containsEntry("LEVELS", "storeys").containsEntry("WALL_TYPE", "material")
        .containsEntry("occupancy_", "occupancy_estimated").doesNotContainKey("OSM_ID");
    assertThat(AttributeMapping.suggest(List.of("Name", "highway", "WIDTH_M"), Layer.FOOTPATHS))
        .containsEntry("Name", "name").containsEntry("highway", "class").containsEntry("WIDTH_M", "width_m");
  }

  @Test
  void convertsOrSaysWhyNot() {
    Attribute width = attribute(Layer.FOOTPATHS, "width_m");
    assertThat(AttributeMapping.convert(J.textNode("1.5"), width).value()).isEqualTo(1.5);
    assertThat(AttributeMapping.convert(J.textNode("1,5"), width).fault()).contains("decimal comma").contains("1.5");
    assertThat(AttributeMapping.convert(J.numberNode(0.1), width).fault()).contains("below the minimum 0.5");
    Attribute households = attribute(Layer.STRUCTURES, "households");
    assertThat(AttributeMapping.convert(J.textNode("3"), households).value()).isEqualTo(3L);
    assertThat(AttributeMapping.convert(J.textNode("2.5"), households).fault()).contains("whole number");
    Attribute use = attribute(Layer.STRUCTURES, "use");
    assertThat(AttributeMapping.convert(J.textNode("Residential"), use).value()).isEqualTo("residential");
    assertThat(AttributeMapping.convert(J.textNode("house"), use).fault()).contains("is not one of");
    Attribute cls = attribute(Layer.FOOTPATHS, "class");
    AttributeMapping.Converted footway = AttributeMapping.convert(J.textNode("footway"), cls);
    assertThat(footway.value()).isEqualTo("footpath");
    assertThat(footway.translatedFrom()).isEqualTo("footway");
    Attribute estimated = attribute(Layer.STRUCTURES, "occupancy_estimated");
    assertThat(AttributeMapping.convert(J.numberNode(1), estimated).value()).isEqualTo(true);
    assertThat(AttributeMapping.convert(J.textNode("F"), estimated).value()).isEqualTo(false);
    assertThat(AttributeMapping.convert(J.textNode("  "), use).value()).isNull();
  }
}
