package org.coplan.tiles;

import static org.assertj.core.api.Assertions.assertThat;

import org.coplan.layers.Attribute;
import org.coplan.layers.Layer;
import org.junit.jupiter.api.Test;

class TileSchemaTest {
  @Test
  void everyCatalogueLayerIsInTheTilesInCatalogueOrder() {
    assertThat(TileSchema.layers()).extracting(TileSchema.TileLayer::layer).containsExactly(Layer.values());
  }

  @Test
  void noTileAttributeClashesWithTheColumnsEveryTileFeatureHas() {
    for (Layer layer : Layer.values()) {
      assertThat(layer.tileAttributes()).extracting(Attribute::name).doesNotContain("id", "fid", "geom");
    }
  }

  @Test
  void overviewFiltersKeepAllowedValuesOfATileAttribute() {
    for (TileSchema.TileLayer t : TileSchema.layers()) {
      t.overview()
          .ifPresent(
              f -> {
                Attribute a =
                    t.layer().tileAttributes().stream().filter(x -> x.name().equals(f.attribute())).findFirst().orElseThrow();
                assertThat(a.allowed()).containsAll(f.values());
              });
    }
  }

  @Test
  void overviewZoomsCarryRoadsLanesAndConstraintsAndDetailZoomsEverything() {
    var structures = TileSchema.of(Layer.STRUCTURES);
    var footpaths = TileSchema.of(Layer.FOOTPATHS);
    // footprints from zoom 15; below, the density layer stands for them
    assertThat(structures.presentAt(14)).isFalse();
    assertThat(structures.presentAt(15)).isTrue();
    assertThat(TileSchema.DENSITY_MAX_ZOOM).isEqualTo(14);
    assertThat(TileSchema.of(Layer.SERVICES).presentAt(13)).isFalse();
    assertThat(TileSchema.of(Layer.SERVICES).presentAt(14)).isTrue();
    assertThat(TileSchema.of(Layer.CONSTRAINTS).presentAt(0)).isTrue();
    assertThat(footpaths.presentAt(0)).isTrue();
    assertThat(footpaths.filterAt(12)).hasValueSatisfying(f -> assertThat(f.values()).containsExactly("road", "lane"));
    assertThat(footpaths.filterAt(13)).hasValueSatisfying(f -> assertThat(f.values()).containsExactly("road", "lane"));
    assertThat(footpaths.filterAt(14)).isEmpty();
  }
}
