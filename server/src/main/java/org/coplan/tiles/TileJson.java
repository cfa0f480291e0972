package org.coplan.tiles;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.coplan.layers.Attribute;
import org.coplan.settlements.Plan;
import org.coplan.settlements.Settlement;

/**
 * A plan's TileJSON 3.0.0 document (https://github.com/mapbox/tilejson-spec/tree/master/3.0.0):
 * where the tiles are, which zooms and area they cover, whom to credit, and which layers and
 * fields they carry. The layers and fields come from {@link TileSchema} and the catalogue, so the
 * document describes exactly what the tile SQL produces.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record TileJson(
    String tilejson,
    String name,
    String description,
    String attribution,
    String scheme,
    List<String> tiles,
    int minzoom,
    int maxzoom,
    double[] bounds,
    List<Number> center,
    @JsonProperty("vector_layers") List<VectorLayer> vectorLayers) {

  /**
   * One layer of the tiles.
   *
   * @param fields property name → "String", "Number" or "Boolean"
   */
  record VectorLayer(String id, String description, int minzoom, int maxzoom, Map<String, String> fields) {}

  /** @param tilesUrl the absolute tile URL template, with literal {z}, {x} and {y} */
  static TileJson of(Settlement settlement, Plan plan, String tilesUrl) {
    Camera camera = Camera.fitting(settlement.bbox());
    return new TileJson(
        "3.0.0",
        settlement.name() + " — " + plan.name(),
        plan.description(),
        settlement.attribution(),
        "xyz",
        List.of(tilesUrl),
        0,
        TileSchema.MAX_ZOOM,
        settlement.bbox(),
        List.of(camera.lon(), camera.lat(), camera.zoom()),
        java.util.stream.Stream.concat(
                TileSchema.layers().stream().map(TileJson::vectorLayer), java.util.stream.Stream.of(DENSITY, CONFLICTS))
            .toList());
  }

  /** Structures as density at low zooms (see TileRepository). */
  static final VectorLayer DENSITY = new VectorLayer(
      TileSchema.DENSITY_LAYER,
      "Structures counted in a grid of 32 x 32 cells per tile (a cell counts the structures whose bounding box"
          + " centre lies in it), with the structures per hectare of ground; up to zoom " + TileSchema.DENSITY_MAX_ZOOM
          + ", where footprints would be smaller than a pixel.",
      0, TileSchema.DENSITY_MAX_ZOOM,
      Map.of("structures", "Number", "per_ha", "Number"));

  /** The analysis results' layer (read-only; see TileRepository). */
  static final VectorLayer CONFLICTS = new VectorLayer(
      "conflicts",
      "Conflicts found by the layout analysis: type, severity (high, medium, low, data_quality), check 1-7 and a"
          + " sentence. Present once the plan's analysis ran.",
      TileSchema.CONFLICTS_MIN_ZOOM, TileSchema.MAX_ZOOM,
      Map.of("type", "String", "severity", "String", "check", "Number", "sentence", "String"));

  private static VectorLayer vectorLayer(TileSchema.TileLayer tileLayer) {
    var layer = tileLayer.layer();
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("id", Attribute.Type.STRING.tileJson);
    for (Attribute a : layer.tileAttributes()) {
      fields.put(a.name(), a.type().tileJson);
    }
    String description =
        tileLayer
            .overview()
            .map(
                f ->
                    layer.description() + " Below zoom " + TileSchema.DETAIL_ZOOM + " only those whose "
                        + f.attribute() + " is " + String.join(" or ", f.values()) + ", without their id.")
            .orElse(layer.description());
    return new VectorLayer(layer.id(), description, tileLayer.minZoom(), TileSchema.MAX_ZOOM, fields);
  }
}
