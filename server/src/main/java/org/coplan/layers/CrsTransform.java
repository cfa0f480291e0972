package org.coplan.layers;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.List;
import org.coplan.db.Wkb;
import org.locationtech.jts.geom.Geometry;

/**
 * Geometries between a CRS the API speaks and storage, transformed by PostGIS (PROJ) with the
 * functions of V004. CRS84 is storage's own axis order, so it needs no round trip. Runs on the
 * caller's connection, inside its transaction: a coordinate PROJ cannot transform (far outside a
 * UTM zone) fails only a savepoint, and is answered as "not transformable" rather than failing the
 * request.
 */
final class CrsTransform {
  private static final String TO_STORAGE =
      "SELECT ST_AsBinary(coplan_from_crs(ST_GeomFromWKB(t.g, ?), ?))"
          + " FROM unnest(?::bytea[]) WITH ORDINALITY AS t(g, i) ORDER BY t.i";
  private static final String FROM_STORAGE = "SELECT ST_AsBinary(coplan_to_crs(ST_GeomFromWKB(?, 4326), ?, ?))";

  /**
   * The geometries, sent in {@code crs}, in storage CRS; null in place of each one PROJ could not
   * transform.
   */
  List<Geometry> toStorage(Connection c, List<Geometry> sent, Crs crs) throws SQLException {
    if (crs.equals(Crs.CRS84) || sent.isEmpty()) {
      return sent;
    }
    Savepoint before = c.setSavepoint();
    try {
      List<Geometry> all = transform(c, sent, crs);
      c.releaseSavepoint(before);
      return all;
    } catch (SQLException e) {
      c.rollback(before);
    }
    // one of them failed: find which, each behind its own savepoint
    List<Geometry> out = new ArrayList<>();
    for (Geometry g : sent) {
      Savepoint one = c.setSavepoint();
      try {
        out.add(transform(c, List.of(g), crs).get(0));
        c.releaseSavepoint(one);
      } catch (SQLException e) {
        c.rollback(one);
        out.add(null);
      }
    }
    return out;
  }

  private static List<Geometry> transform(Connection c, List<Geometry> sent, Crs crs) throws SQLException {
    byte[][] wkb = sent.stream().map(Wkb::write).toArray(byte[][]::new);
    try (PreparedStatement ps = c.prepareStatement(TO_STORAGE)) {
      Array array = c.createArrayOf("bytea", wkb);
      ps.setInt(1, crs.srid());
      ps.setBoolean(2, crs.latFirst());
      ps.setArray(3, array);
      List<Geometry> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(Wkb.read(rs.getBytes(1)));
        }
      }
      return out;
    }
  }

  /** A stored geometry in {@code crs}. */
  Geometry fromStorage(Connection c, Geometry stored, Crs crs) throws SQLException {
    if (crs.equals(Crs.CRS84)) {
      return stored;
    }
    try (PreparedStatement ps = c.prepareStatement(FROM_STORAGE)) {
      ps.setBytes(1, Wkb.write(stored));
      ps.setInt(2, crs.srid());
      ps.setBoolean(3, crs.latFirst());
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return Wkb.read(rs.getBytes(1));
      }
    }
  }
}
