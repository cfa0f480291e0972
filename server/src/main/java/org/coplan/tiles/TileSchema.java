package org.coplan.tiles;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.coplan.layers.Layer;

/**
 * What the vector tiles carry at which zoom: every catalogue layer, each from its own minimum zoom,
 * and below {@link #DETAIL_ZOOM} only what an overview needs. {@link TileRepository} builds its SQL
 * from this and the TileJSON document announces it, so the two cannot disagree.
 *
 * <p>Why the overview is light: a z12 tile spans about 10 km, so it holds a whole settlement (all
 * 8,085 Tandale footprints; in a city-wide deployment, hundreds of thousands) while each footprint
 * is smaller than a pixel. Such tiles cost most (about 0.4 s and 4 MB for 100k polygons at z14 on
 * our machines) and show least. Footpaths 1.5 m wide and service points are invisible at that
 * scale too; roads, lanes and the constraints (flood zones, watercourses hundreds of metres long)
 * are what people orient by. Up to {@link #DENSITY_MAX_ZOOM} structures are drawn as density
 * (the {@value #DENSITY_LAYER} layer: structures counted in a grid of 32 × 32 cells per tile, from
 * a table the database keeps up to date, see V009__tile_invalidation.sql); footprints start at
 * {@link #STRUCTURE_ZOOM}, where a 4 m footprint is about 2 px wide, and so do the analysis's
 * conflicts (two or more per structure in a dense settlement).
 */
final class TileSchema {
  /** Largest zoom a tile may be requested at. */
  static final int MAX_REQUEST_ZOOM = 24;

  /**
   * Largest zoom TileJSON announces; clients overzoom beyond it. A z18 tile's grid of 4096 units is
   * under 4 cm, finer than any footprint was surveyed.
   */
  static final int MAX_ZOOM = 18;

  /**
   * From this zoom on tiles carry every path and service (below it, roads and lanes only, without
   * their UUIDs). On the 500,000-structure synthetic settlement a z13 tile with every path was 523
   * KB of paths alone, two thirds of it their ids.
   */
  static final int DETAIL_ZOOM = 14;

  /** From this zoom on tiles carry structures' footprints and the conflicts layer. */
  static final int STRUCTURE_ZOOM = 15;

  /** The conflicts layer starts with the footprints its conflicts are about. */
  static final int CONFLICTS_MIN_ZOOM = STRUCTURE_ZOOM;

  /** Up to this zoom tiles carry the structures' density instead of their footprints. */
  static final int DENSITY_MAX_ZOOM = STRUCTURE_ZOOM - 1;

  static final String DENSITY_LAYER = "structure_density";

  /** What an overview tile keeps of a layer: the rows whose attribute has one of the values. */
  record OverviewFilter(String attribute, List<String> values) {
    OverviewFilter {
      values = List.copyOf(values);
    }
  }

  /**
   * One layer as tiles carry it.
   *
   * @param minZoom the first zoom at which tiles carry the layer
   * @param overview below {@link #DETAIL_ZOOM}, the rows tiles keep; empty keeps all
   */
  record TileLayer(Layer layer, int minZoom, Optional<OverviewFilter> overview) {
    /** Whether tiles at this zoom carry the layer. */
    boolean presentAt(int zoom) {
      return zoom >= minZoom;
    }

    /** The filter that applies at this zoom, if any. */
    Optional<OverviewFilter> filterAt(int zoom) {
      return zoom < DETAIL_ZOOM ? overview : Optional.empty();
    }
  }

  private TileSchema() {}

  /** The tile layers in catalogue order (the order in the tile and in TileJSON). */
  static List<TileLayer> layers() {
    return Arrays.stream(Layer.values()).map(TileSchema::of).toList();
  }

  static TileLayer of(Layer layer) {
    // an exhaustive switch: a new catalogue layer does not compile until it is decided here
    return switch (layer) {
      case STRUCTURES -> new TileLayer(layer, STRUCTURE_ZOOM, Optional.empty());
      case SERVICES -> new TileLayer(layer, DETAIL_ZOOM, Optional.empty());
      case FOOTPATHS ->
          new TileLayer(layer, 0, Optional.of(new OverviewFilter("class", List.of("road", "lane"))));
      case CONSTRAINTS -> new TileLayer(layer, 0, Optional.empty());
    };
  }
}
