package org.coplan.tiles;

/**
 * Where a map first looks at a settlement: the centre of its bbox, at the largest whole zoom that
 * shows the bbox in a 1024 × 768 px view of 512 px tiles (MapLibre's), but never so far out that
 * the tiles draw structures as density ({@link TileSchema#STRUCTURE_ZOOM}) nor further in than tiles are
 * announced ({@link TileSchema#MAX_ZOOM}).
 */
record Camera(double lon, double lat, int zoom) {
  private static final double VIEW_WIDTH_PX = 1024;
  private static final double VIEW_HEIGHT_PX = 768;
  private static final double TILE_PX = 512;

  /** The camera for a CRS84 bbox: min lon, min lat, max lon, max lat. */
  static Camera fitting(double[] bbox) {
    double west = bbox[0];
    double south = bbox[1];
    double east = bbox[2];
    double north = bbox[3];
    // spans as shares of the Web Mercator world, whose side is TILE_PX * 2^zoom pixels
    double width = (east - west) / 360;
    double height = Math.abs(mercatorY(north) - mercatorY(south)) / (2 * Math.PI);
    double zoom =
        Math.min(log2(VIEW_WIDTH_PX / (TILE_PX * width)), log2(VIEW_HEIGHT_PX / (TILE_PX * height)));
    // a point-like bbox gives +Infinity and clamps to the largest zoom
    int whole = Double.isNaN(zoom) ? TileSchema.MAX_ZOOM : (int) Math.floor(Math.min(zoom, TileSchema.MAX_ZOOM));
    return new Camera((west + east) / 2, (south + north) / 2, Math.max(TileSchema.STRUCTURE_ZOOM, whole));
  }

  private static double mercatorY(double latitude) {
    return Math.log(Math.tan(Math.PI / 4 + Math.toRadians(latitude) / 2));
  }

  private static double log2(double v) {
    return Math.log(v) / Math.log(2);
  }
}
