package org.coplan.analysis.synthetic;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.function.Function;
import org.coplan.analysis.engine.Constraint;
import org.coplan.analysis.engine.Path;
import org.coplan.analysis.engine.Service;
import org.coplan.analysis.engine.Structure;
import org.coplan.db.Jdbc;
import org.locationtech.jts.io.WKBWriter;

/**
 * Stores a synthetic settlement as a new settlement with its baseline, in one transaction: geometry
 * goes in as WKB in metres and PostGIS transforms it to EPSG:4326; each layer is one INSERT over
 * unnested arrays.
 */
public final class SyntheticWriter {
  private SyntheticWriter() {}

  public static void write(Jdbc jdbc, String settlementId, String name, SyntheticSettlement s) {
    jdbc.inTransaction(c -> {
      WKBWriter wkb = new WKBWriter(2);
      double[] o = s.origin();
      try (PreparedStatement ps = c.prepareStatement(
          "INSERT INTO settlement (id, name, boundary, metric_srid, is_public)"
              + " SELECT ?, ?, ST_Multi(ST_Transform(ST_Buffer(ST_Envelope(ST_Collect(g)), 50), 4326)), ?, true"
              + " FROM unnest(?::geometry[]) g")) {
        ps.setString(1, settlementId);
        ps.setString(2, name);
        ps.setInt(3, s.srid());
        ps.setArray(4, c.createArrayOf("text", new String[] {
            "SRID=" + s.srid() + ";POINT(" + o[0] + " " + o[1] + ")",
            "SRID=" + s.srid() + ";" + envelopeCorner(s)}));
        ps.executeUpdate();
      }
      try (PreparedStatement ps = c.prepareStatement(
          "INSERT INTO plan (settlement_id, id, name, status) VALUES (?, 'baseline', 'Existing conditions', 'baseline')")) {
        ps.setString(1, settlementId);
        ps.executeUpdate();
      }
      insert(c, settlementId, s.srid(),
          "structures (settlement_id, plan_id, id, geom, households, people, cell)",
          "u.a::int, u.b::int, u.c", s.structures(), wkb, Structure::geometry, Structure::id,
          x -> Integer.toString(x.households()), x -> Integer.toString(x.people()), x -> x.groups().get("cell"));
      insert(c, settlementId, s.srid(),
          "footpaths (settlement_id, plan_id, id, geom, class, width_m, surface, state)",
          "u.a, u.b::numeric, u.c, u.d", s.paths(), wkb, Path::geometry, Path::id,
          Path::pathClass, x -> Double.toString(x.width()), Path::surface, Path::state);
      insert(c, settlementId, s.srid(),
          "services (settlement_id, plan_id, id, geom, type, state)",
          "u.a, u.b", s.services(), wkb, Service::geometry, Service::id, Service::type, Service::state);
      insert(c, settlementId, s.srid(),
          "constraints (settlement_id, plan_id, id, geom, name, kind, severity, setback_m)",
          "u.a, u.b, u.c, u.d::numeric", s.constraints(), wkb, Constraint::geometry, Constraint::id,
          Constraint::name, Constraint::kind, Constraint::severity, x -> Double.toString(x.setback()));
      return null;
    });
  }

  private static String envelopeCorner(SyntheticSettlement s) {
    var env = new org.locationtech.jts.geom.Envelope();
    s.structures().forEach(x -> env.expandToInclude(x.geometry().getEnvelopeInternal()));
    s.paths().forEach(x -> env.expandToInclude(x.geometry().getEnvelopeInternal()));
    return "POINT(" + env.getMaxX() + " " + env.getMaxY() + ")";
  }

  @SafeVarargs
  private static <T> void insert(
      Connection c, String sid, int srid, String target, String columns, List<T> rows, WKBWriter wkb,
      Function<T, org.locationtech.jts.geom.Geometry> geometry, Function<T, java.util.UUID> id,
      Function<T, String>... attributes) throws SQLException {
    int n = rows.size();
    Object[] ids = new Object[n];
    byte[][] geoms = new byte[n][];
    String[][] values = new String[attributes.length][n];
    for (int i = 0; i < n; i++) {
      T r = rows.get(i);
      ids[i] = id.apply(r);
      geoms[i] = wkb.write(geometry.apply(r));
      for (int a = 0; a < attributes.length; a++) {
        values[a][i] = attributes[a].apply(r);
      }
    }
    StringBuilder arrays = new StringBuilder();
    String names = "abcd";
    for (int a = 0; a < attributes.length; a++) {
      arrays.append(", ?::text[]");
    }
    String aliases = String.join(", ", names.substring(0, attributes.length).chars().mapToObj(ch -> String.valueOf((char) ch)).toList());
    String sql = "INSERT INTO " + target + " SELECT ?, 'baseline', u.id, ST_Transform(ST_GeomFromWKB(u.wkb, ?), 4326), "
        + columns + " FROM unnest(?::uuid[], ?::bytea[]" + arrays + ") AS u(id, wkb, " + aliases + ")";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, sid);
      ps.setInt(2, srid);
      ps.setArray(3, c.createArrayOf("uuid", ids));
      ps.setArray(4, c.createArrayOf("bytea", geoms));
      for (int a = 0; a < attributes.length; a++) {
        ps.setArray(5 + a, c.createArrayOf("text", values[a]));
      }
      ps.executeUpdate();
    }
  }
}
