package org.coplan.db;

import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.PrecisionModel;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKBReader;
import org.locationtech.jts.io.WKBWriter;

/** Geometry across the JDBC boundary: {@code ST_AsBinary} to JTS and back for {@code ST_GeomFromWKB}. */
public final class Wkb {
  private static final GeometryFactory CRS84 = new GeometryFactory(new PrecisionModel(), 4326);

  private Wkb() {}

  public static Geometry read(byte[] wkb) {
    if (wkb == null) {
      return null;
    }
    try {
      // WKBReader is not thread-safe and cheap to create
      return new WKBReader(CRS84).read(wkb);
    } catch (ParseException e) {
      throw new IllegalStateException("the database returned unreadable WKB", e);
    }
  }

  public static byte[] write(Geometry geometry) {
    return new WKBWriter(2).write(geometry);
  }
}
