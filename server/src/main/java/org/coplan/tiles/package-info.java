/**
 * Vector tiles of a plan: Mapbox Vector Tiles cut by PostGIS from the plan's view of every layer,
 * the TileJSON that describes them and the MapLibre style that draws them.
 * {@code TileResource} (HTTP) → {@code TileService} (existence) → {@code TileCache} (memory and
 * optional disk, invalidated by {@code TileInvalidator} from the change feed) → {@code
 * TileRepository} (the tile SQL, on the primary or a current replica); {@code TileSchema} decides
 * what each zoom carries.
 */
package org.coplan.tiles;
