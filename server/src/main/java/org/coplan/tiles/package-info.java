/**
 * Vector tiles of a plan: Mapbox Vector Tiles cut by PostGIS from the plan's view of every layer,
 * the TileJSON that describes them and the MapLibre style that draws them.
 * {@code TileResource} (HTTP) → {@code TileService} (existence, the future cache) → {@code
 * TileRepository} (the tile SQL); {@code TileSchema} decides what each zoom carries.
 */
package org.coplan.tiles;
