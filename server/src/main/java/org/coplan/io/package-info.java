/**
 * Import and export of layers (issue 8): files in (zipped Shapefile, GeoPackage, GeoJSON, KML,
 * CSV) staged, checked and previewed before one all-or-nothing commit; plans out (GeoPackage,
 * zipped Shapefile, GeoJSON, KML, CSV, DXF); household enumerations onto structures. GDAL does the
 * reading and writing, always through {@link org.coplan.io.GdalRunner} (fixed arguments, a private
 * directory, a time limit) and archives only through {@link org.coplan.io.ZipGuard}.
 */
package org.coplan.io;
