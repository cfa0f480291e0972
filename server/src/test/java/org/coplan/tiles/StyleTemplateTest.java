package org.coplan.tiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.coplan.http.JsonMapper;
import org.junit.jupiter.api.Test;

class StyleTemplateTest {
  private static final Camera CAMERA = new Camera(39.24, -6.8, 14);

  @Test
  void theShippedTemplatePointsItsSourceAtTheGivenTileJson() {
    ObjectNode style = StyleTemplate.load().render("http://h/api/settlements/s/plans/p/tiles.json", CAMERA);
    assertThat(style.at("/sources/coplan/url").asText()).isEqualTo("http://h/api/settlements/s/plans/p/tiles.json");
    assertThat(style.at("/sources/coplan/type").asText()).isEqualTo("vector");
  }

  @Test
  void addsACameraOnlyWhereTheTemplateHasNone() throws Exception {
    StyleTemplate bare = StyleTemplate.of(json("{\"version\":8,\"sources\":{\"coplan\":{\"type\":\"vector\",\"url\":\"TILEJSON_URL\"}},\"layers\":[]}"));
    ObjectNode style = bare.render("u", CAMERA);
    assertThat(style.get("center")).isEqualTo(json("[39.24,-6.8]"));
    assertThat(style.get("zoom").asInt()).isEqualTo(14);

    StyleTemplate framed =
        StyleTemplate.of(json("{\"version\":8,\"center\":[1,2],\"zoom\":3,\"sources\":{\"coplan\":{\"type\":\"vector\"}},\"layers\":[]}"));
    ObjectNode kept = framed.render("u", CAMERA);
    assertThat(kept.get("center")).isEqualTo(json("[1,2]"));
    assertThat(kept.get("zoom").asInt()).isEqualTo(3);
  }

  @Test
  void renderingLeavesTheTemplateUntouched() throws Exception {
    StyleTemplate t = StyleTemplate.of(json("{\"sources\":{\"coplan\":{\"url\":\"TILEJSON_URL\"}}}"));
    ObjectNode first = t.render("first", CAMERA);
    ObjectNode second = t.render("second", CAMERA);
    assertThat(first.at("/sources/coplan/url").asText()).isEqualTo("first");
    assertThat(second.at("/sources/coplan/url").asText()).isEqualTo("second");
    assertThat(second.get("zoom").asInt()).isEqualTo(14);
  }

  @Test
  void aTemplateWithoutTheCoplanSourceIsRejected() {
    assertThatThrownBy(() -> StyleTemplate.of(json("{\"sources\":{\"other\":{}}}")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("coplan");
  }

  private static JsonNode json(String text) throws Exception {
    return JsonMapper.MAPPER.readTree(text);
  }
}
