package org.coplan.tiles;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.coplan.layers.Attribute;
import org.coplan.layers.Layer;
import org.coplan.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The TileJSON and the MapLibre style of a plan, as other clients (QGIS, Maputnik) read them. */
class TileDocumentsIT {
  static final TestServer server = TestServer.start();
  static final String PLAN = "/api/settlements/tandale/plans/baseline";

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  @Test
  void tileJsonPointsAtAbsoluteTileUrlsWithLiteralPlaceholders() {
    HttpResponse<byte[]> r = server.get(PLAN + "/tiles.json");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json");
    JsonNode tj = TestServer.json(r);

    assertThat(tj.get("tilejson").asText()).isEqualTo("3.0.0");
    assertThat(tj.get("tiles")).hasSize(1);
    String template = tj.get("tiles").get(0).asText();
    assertThat(template).isEqualTo(server.uri(PLAN) + "/tiles/{z}/{x}/{y}.mvt");
    assertThat(URI.create(template.replace("{z}/{x}/{y}", "0/0/0")).isAbsolute()).isTrue();

    // the template, filled in, is a tile
    String central =
        template.replace("{z}", "" + TileResourceIT.Z).replace("{x}", "" + TileResourceIT.X).replace("{y}", "" + TileResourceIT.Y);
    HttpResponse<byte[]> tile = server.get(URI.create(central).getPath());
    assertThat(tile.statusCode()).isEqualTo(200);
    assertThat(DecodedTile.of(tile.body()).layer("structures")).isNotEmpty();
  }

  @Test
  void tileUrlsFollowTheAddressTheClientUsedThroughAProxy() {
    JsonNode tj =
        server.getJson(PLAN + "/tiles.json", "X-Forwarded-Proto", "https", "X-Forwarded-Host", "maps.example.org");
    assertThat(tj.get("tiles").get(0).asText())
        .isEqualTo("https://maps.example.org" + PLAN + "/tiles/{z}/{x}/{y}.mvt");
  }

  @Test
  void tileJsonDescribesEveryCatalogueLayerWithItsFieldsAndZooms() {
    JsonNode tj = server.getJson(PLAN + "/tiles.json");
    assertThat(tj.get("minzoom").asInt()).isZero();
    assertThat(tj.get("maxzoom").asInt()).isEqualTo(18);
    assertThat(tj.get("name").asText()).isEqualTo("Tandale — Existing conditions");
    assertThat(tj.get("attribution").asText()).isEqualTo("© OpenStreetMap contributors");

    JsonNode layers = tj.get("vector_layers");
    List<String> ids = new ArrayList<>();
    layers.forEach(vl -> ids.add(vl.get("id").asText()));
    // the catalogue's layers, then the low zooms' density and the analysis results' read-only layer
    assertThat(ids).containsExactly("structures", "footpaths", "services", "constraints", "structure_density", "conflicts");
    JsonNode density = layers.get(4);
    assertThat(density.get("minzoom").asInt()).isZero();
    assertThat(density.get("maxzoom").asInt()).isEqualTo(14);
    assertThat(density.get("fields").get("per_ha").asText()).isEqualTo("Number");
    JsonNode conflicts = layers.get(5);
    assertThat(conflicts.get("fields").get("severity").asText()).isEqualTo("String");
    assertThat(conflicts.get("minzoom").asInt()).isEqualTo(15);
    for (JsonNode vl : layers) {
      if (vl.get("id").asText().equals("conflicts") || vl.get("id").asText().equals("structure_density")) {
        continue;
      }
      Layer layer = Layer.byId(vl.get("id").asText()).orElseThrow();
      Map<String, String> expected = new LinkedHashMap<>();
      expected.put("id", "String");
      for (Attribute a : layer.tileAttributes()) {
        expected.put(a.name(), a.type().tileJson);
      }
      Map<String, String> fields = new LinkedHashMap<>();
      vl.get("fields").fields().forEachRemaining(e -> fields.put(e.getKey(), e.getValue().asText()));
      assertThat(fields).as(layer.id()).containsExactlyEntriesOf(expected);
      assertThat(vl.get("maxzoom").asInt()).isEqualTo(18);
      assertThat(vl.get("description").asText()).startsWith(layer.description());
    }
    assertThat(layers.get(0).get("minzoom").asInt()).as("structures").isEqualTo(15);
    assertThat(layers.get(1).get("minzoom").asInt()).as("footpaths").isZero();
    assertThat(layers.get(1).get("description").asText()).contains("Below zoom 14 only those whose class is road or lane, without their id");
    assertThat(layers.get(1).get("fields").get("width_m").asText()).isEqualTo("Number");
  }

  @Test
  void tileJsonBoundsAreTheSettlementsAndItsCentreLiesInside() {
    JsonNode bbox = server.getJson("/api/settlements/tandale").get("bbox");
    JsonNode tj = server.getJson(PLAN + "/tiles.json");
    assertThat(tj.get("bounds")).isEqualTo(bbox);

    JsonNode center = tj.get("center");
    assertThat(center.get(0).asDouble()).isBetween(bbox.get(0).asDouble(), bbox.get(2).asDouble());
    assertThat(center.get(1).asDouble()).isBetween(bbox.get(1).asDouble(), bbox.get(3).asDouble());
    // about 1.8 × 2.8 km: zoom 14 would show it whole in a 1024 × 768 view, but only as density;
    // the map opens at 15, where footprints are drawn
    assertThat(center.get(2).isInt()).isTrue();
    assertThat(center.get(2).asInt()).isEqualTo(15);
  }

  @Test
  void styleDrawsThePlansTilesFromItsTileJson() {
    HttpResponse<byte[]> r = server.get(PLAN + "/style.json");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json");
    JsonNode style = TestServer.json(r);

    assertThat(style.get("version").asInt()).isEqualTo(8);
    String url = style.get("sources").get("coplan").get("url").asText();
    assertThat(url).isEqualTo(server.uri(PLAN + "/tiles.json").toString());
    assertThat(server.getJson(URI.create(url).getPath()).get("tilejson").asText()).isEqualTo("3.0.0");

    Set<String> layerIds = new HashSet<>();
    Arrays.stream(Layer.values()).forEach(l -> layerIds.add(l.id()));
    layerIds.add(TileSchema.DENSITY_LAYER);
    assertThat(style.get("layers")).isNotEmpty();
    for (JsonNode layer : style.get("layers")) {
      if (layer.has("source")) {
        assertThat(layer.get("source").asText()).isEqualTo("coplan");
        assertThat(layer.get("source-layer").asText()).as(layer.get("id").asText()).isIn(layerIds);
      }
    }
    // the template has no camera of its own, so it looks at the settlement
    assertThat(style.get("zoom").asInt()).isEqualTo(15);
    assertThat(style.get("center")).hasSize(2);
  }

  @Test
  void everyPropertyTheStyleReadsIsAFieldOfItsLayer() {
    JsonNode style = server.getJson(PLAN + "/style.json");
    JsonNode tj = server.getJson(PLAN + "/tiles.json");
    for (JsonNode layer : style.get("layers")) {
      if (!layer.has("source-layer")) {
        continue;
      }
      JsonNode fields = fieldsOf(tj, layer.get("source-layer").asText());
      List<String> read = new ArrayList<>();
      collectGets(layer, read);
      assertThat(read).as(layer.get("id").asText()).allSatisfy(p -> assertThat(fields.has(p)).as(p).isTrue());
    }
  }

  private static JsonNode fieldsOf(JsonNode tileJson, String layer) {
    for (JsonNode vl : tileJson.get("vector_layers")) {
      if (vl.get("id").asText().equals(layer)) {
        return vl.get("fields");
      }
    }
    throw new AssertionError("no vector layer " + layer);
  }

  /** The property names of every {@code ["get", name]} expression. */
  private static void collectGets(JsonNode node, List<String> out) {
    if (node.isArray() && node.size() == 2 && "get".equals(node.get(0).asText()) && node.get(1).isTextual()) {
      out.add(node.get(1).asText());
    }
    node.forEach(child -> collectGets(child, out));
  }

  @Test
  void unknownPlansHaveNoDocuments() {
    for (String path :
        List.of("/api/settlements/tandale/plans/utopia/tiles.json", "/api/settlements/atlantis/plans/baseline/style.json")) {
      // as an admin: anonymous callers are not told whether a settlement exists (401)
      HttpResponse<byte[]> r = server.admin().get(path);
      assertThat(r.statusCode()).as(path).isEqualTo(404);
      assertThat(TestServer.json(r).get("type").asText()).isEqualTo("/problems/not-found");
    }
  }
}
