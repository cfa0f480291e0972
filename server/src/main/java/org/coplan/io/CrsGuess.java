package org.coplan.io;

import java.util.List;
import org.locationtech.jts.geom.Envelope;

/** What coordinates staged without a CRS look like, as a hint for the client who must name it. */
final class CrsGuess {
  private CrsGuess() {}

  static String of(List<SourceReader.Row> rows) {
    Envelope e = new Envelope();
    rows.stream().filter(r -> r.geometry() != null).forEach(r -> e.expandToInclude(r.geometry().getEnvelopeInternal()));
    if (e.isNull()) {
      return "no coordinates were read";
    }
    String extent = "coordinates from (" + e.getMinX() + ", " + e.getMinY() + ") to (" + e.getMaxX() + ", " + e.getMaxY() + ")";
    if (Math.abs(e.getMinX()) <= 180 && Math.abs(e.getMaxX()) <= 180 && Math.abs(e.getMinY()) <= 90 && Math.abs(e.getMaxY()) <= 90) {
      return extent + " look like longitude/latitude degrees: EPSG:4326?";
    }
    if (e.getMinX() >= 100_000 && e.getMaxX() <= 900_000 && e.getMinY() >= 0 && e.getMaxY() <= 10_000_000) {
      return extent + " look like UTM metres: the EPSG code of the zone (e.g. EPSG:32737 for UTM 37 S)?";
    }
    return extent + " look like metres of a projected CRS";
  }
}
