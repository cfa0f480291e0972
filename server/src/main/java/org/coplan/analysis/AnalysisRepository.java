package org.coplan.analysis;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.coplan.analysis.engine.Conflict;
import org.coplan.analysis.engine.Constraint;
import org.coplan.analysis.engine.FeatureRef;
import org.coplan.analysis.engine.Path;
import org.coplan.analysis.engine.PlanModel;
import org.coplan.analysis.engine.Service;
import org.coplan.analysis.engine.Structure;
import org.coplan.db.ChangeStamp;
import org.coplan.db.Jdbc;
import org.coplan.http.JsonMapper;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.PrecisionModel;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKBReader;
import org.locationtech.jts.io.WKBWriter;

/**
 * All SQL of the analysis. Features are read through the plan's view functions and transformed to
 * the settlement's metric CRS by PostGIS ({@code ST_Transform(geom, srid)}), so the engine never
 * projects anything; conflicts go back the same way ({@code ST_Transform(..., 4326)}).
 */
final class AnalysisRepository {
  /** Columns of structures read as groups when the table has them (the {@code cell} column of imported data). */
  static final List<String> GROUP_COLUMNS = List.of("cell", "cluster", "segment");

  private final Jdbc jdbc;
  private volatile List<String> groupColumns;

  AnalysisRepository(Jdbc jdbc) {
    this.jdbc = jdbc;
  }

  /** The grouping columns the structures table has. */
  List<String> groupColumns() {
    if (groupColumns == null) {
      groupColumns = jdbc.read(c -> {
        List<String> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
            "SELECT column_name FROM information_schema.columns WHERE table_name = 'structures' AND column_name = ANY(?)")) {
          ps.setArray(1, c.createArrayOf("text", GROUP_COLUMNS.toArray()));
          try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              out.add(rs.getString(1));
            }
          }
        }
        out.sort(java.util.Comparator.comparingInt(GROUP_COLUMNS::indexOf));
        return List.copyOf(out);
      });
    }
    return groupColumns;
  }

  /** Which layer rows to read: all of the plan, or only these ids. */
  private static String idFilter(Collection<UUID> ids) {
    return ids == null ? "" : " AND f.id = ANY(?)";
  }

  <T> T jdbcRead(Jdbc.Work<T> work) {
    return jdbc.readSnapshot(work);
  }

  PlanModel load(String sid, String pid, int srid) {
    return jdbc.readSnapshot(c -> PlanModel.of(
        structures(c, sid, pid, srid, null), paths(c, sid, pid, srid, null), services(c, sid, pid, srid, null),
        constraints(c, sid, pid, srid, null)));
  }

  List<Structure> structures(Connection c, String sid, String pid, int srid, Collection<UUID> ids) throws SQLException {
    List<String> groups = groupColumns();
    StringBuilder cols = new StringBuilder();
    for (String g : groups) {
      cols.append(", f.").append(org.coplan.db.Database.quoteIdent(g)).append("::text");
    }
    String sql = "SELECT f.id, f.fid, f.name, coalesce(f.households, 0), coalesce(f.people, 0),"
        + " ST_AsBinary(ST_Transform(f.geom, ?))" + cols + " FROM plan_structures(?, ?) f WHERE true" + idFilter(ids);
    List<Structure> out = new ArrayList<>();
    WKBReader wkb = reader(srid);
    // thousands of structures share each cell, cluster and segment: one String per value, not per
    // row (for 500,000 structures, tens of MB of the analysis's heap)
    Map<String, String> shared = new HashMap<>();
    try (PreparedStatement ps = prepare(c, sql, srid, sid, pid, ids)) {
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          Map<String, String> values = new HashMap<>();
          for (int i = 0; i < groups.size(); i++) {
            String v = rs.getString(7 + i);
            if (v != null) {
              values.put(groups.get(i), shared.computeIfAbsent(v, k -> k));
            }
          }
          Geometry g = read(wkb, rs.getBytes(6));
          if (g instanceof Polygon p) {
            out.add(new Structure((UUID) rs.getObject(1), rs.getLong(2), rs.getString(3), p, rs.getInt(4), rs.getInt(5), values));
          }
        }
      }
    }
    return out;
  }

  List<Path> paths(Connection c, String sid, String pid, int srid, Collection<UUID> ids) throws SQLException {
    String sql = "SELECT f.id, f.fid, f.name, ST_AsBinary(ST_Transform(f.geom, ?)), f.class, f.width_m::float8, f.surface,"
        + " f.state, f.plan_id <> 'baseline' FROM plan_footpaths(?, ?) f WHERE true" + idFilter(ids);
    List<Path> out = new ArrayList<>();
    WKBReader wkb = reader(srid);
    try (PreparedStatement ps = prepare(c, sql, srid, sid, pid, ids); ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        out.add(new Path((UUID) rs.getObject(1), rs.getLong(2), rs.getString(3), (LineString) read(wkb, rs.getBytes(4)),
            rs.getString(5), rs.getDouble(6), rs.getString(7), rs.getString(8), rs.getBoolean(9)));
      }
    }
    return out;
  }

  List<Service> services(Connection c, String sid, String pid, int srid, Collection<UUID> ids) throws SQLException {
    String sql = "SELECT f.id, f.fid, f.name, ST_AsBinary(ST_Transform(f.geom, ?)), f.type, f.state, f.capacity, f.sector"
        + " FROM plan_services(?, ?) f WHERE true" + idFilter(ids);
    List<Service> out = new ArrayList<>();
    WKBReader wkb = reader(srid);
    try (PreparedStatement ps = prepare(c, sql, srid, sid, pid, ids); ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        out.add(new Service((UUID) rs.getObject(1), rs.getLong(2), rs.getString(3), read(wkb, rs.getBytes(4)),
            rs.getString(5), rs.getString(6), (Integer) rs.getObject(7), rs.getString(8)));
      }
    }
    return out;
  }

  List<Constraint> constraints(Connection c, String sid, String pid, int srid, Collection<UUID> ids) throws SQLException {
    String sql = "SELECT f.id, f.fid, f.name, ST_AsBinary(ST_Transform(f.geom, ?)), f.kind, f.severity, f.setback_m::float8"
        + " FROM plan_constraints(?, ?) f WHERE true" + idFilter(ids);
    List<Constraint> out = new ArrayList<>();
    WKBReader wkb = reader(srid);
    try (PreparedStatement ps = prepare(c, sql, srid, sid, pid, ids); ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        out.add(new Constraint((UUID) rs.getObject(1), rs.getLong(2), rs.getString(3), read(wkb, rs.getBytes(4)),
            rs.getString(5), rs.getString(6), rs.getDouble(7)));
      }
    }
    return out;
  }

  private static PreparedStatement prepare(Connection c, String sql, int srid, String sid, String pid, Collection<UUID> ids)
      throws SQLException {
    PreparedStatement ps = c.prepareStatement(sql);
    ps.setInt(1, srid);
    ps.setString(2, sid);
    ps.setString(3, pid);
    if (ids != null) {
      ps.setArray(4, c.createArrayOf("uuid", ids.toArray()));
    }
    ps.setFetchSize(5000);
    return ps;
  }

  private static WKBReader reader(int srid) {
    return new WKBReader(new GeometryFactory(new PrecisionModel(), srid));
  }

  private static Geometry read(WKBReader r, byte[] bytes) {
    try {
      return r.read(bytes);
    } catch (ParseException e) {
      throw new IllegalStateException("the database returned unreadable WKB", e);
    }
  }

  // ---------------------------------------------------------------- conflicts

  /**
   * Replaces the stored conflicts of these primary features by {@code conflicts}, in one
   * transaction: one DELETE by primary id, then INSERTs of {@link #WRITE_BATCH} rows each. {@code all} replaces every conflict
   * of the plan instead (a full analysis).
   */
  void replace(String sid, String pid, int srid, boolean all, Collection<UUID> primaries, List<Conflict> conflicts) {
    jdbc.inTransaction(c -> {
      try (PreparedStatement del = c.prepareStatement(all
          ? "DELETE FROM conflict WHERE settlement_id = ? AND plan_id = ?"
          : "DELETE FROM conflict WHERE settlement_id = ? AND plan_id = ? AND primary_id = ANY(?)")) {
        del.setString(1, sid);
        del.setString(2, pid);
        if (!all) {
          del.setArray(3, c.createArrayOf("uuid", primaries.toArray()));
        }
        del.executeUpdate();
      }
      if (conflicts.isEmpty()) {
        return null;
      }
      try (PreparedStatement ins = c.prepareStatement(INSERT_CONFLICTS)) {
        for (int from = 0; from < conflicts.size(); from += WRITE_BATCH) {
          insert(c, ins, sid, pid, srid, conflicts.subList(from, Math.min(conflicts.size(), from + WRITE_BATCH)));
        }
      }
      return null;
    });
  }

  /**
   * Conflicts written per statement. All of a 500,000-structure plan's (about a million) in one
   * statement put every value of every column into one array, and the driver's binary encoding
   * copies each array into one growing buffer: hundreds of MB on top of the analysis itself, which
   * made a 2 GB heap run out. In batches, the write's memory is bounded by the batch.
   */
  static final int WRITE_BATCH = 5_000;

  // one statement for a batch of rows: arrays of columns, unnested by the database
  private static final String INSERT_CONFLICTS =
      "INSERT INTO conflict (settlement_id, plan_id, primary_id, type, check_no, severity, features, measured, norm,"
          + " unit, sentence, params, geom)"
          + " SELECT ?, ?, u.primary_id, u.type, u.check_no, u.severity, u.features::jsonb, u.measured, u.norm,"
          + " u.unit, u.sentence, u.params::jsonb, ST_Transform(ST_GeomFromWKB(u.wkb, ?), 4326)"
          + " FROM unnest(?::uuid[], ?::text[], ?::int[], ?::text[], ?::text[], ?::float8[], ?::float8[], ?::text[],"
          + " ?::text[], ?::text[], ?::bytea[])"
          + " AS u(primary_id, type, check_no, severity, features, measured, norm, unit, sentence, params, wkb)";

  private static void insert(Connection c, PreparedStatement ins, String sid, String pid, int srid, List<Conflict> batch)
      throws SQLException {
    int n = batch.size();
    Object[] primary = new Object[n];
    String[] type = new String[n];
    Integer[] check = new Integer[n];
    String[] severity = new String[n];
    String[] features = new String[n];
    Double[] measured = new Double[n];
    Double[] norm = new Double[n];
    String[] unit = new String[n];
    String[] sentence = new String[n];
    String[] params = new String[n];
    byte[][] geom = new byte[n][];
    WKBWriter wkb = new WKBWriter(2);
    for (int i = 0; i < n; i++) {
      Conflict k = batch.get(i);
      primary[i] = k.primary();
      type[i] = k.type().id();
      check[i] = k.type().check();
      severity[i] = k.type().severity().id();
      features[i] = json(features(k.features()));
      measured[i] = k.measured();
      norm[i] = k.norm();
      unit[i] = k.unit();
      sentence[i] = k.sentence();
      params[i] = json(JsonMapper.MAPPER.valueToTree(k.params()));
      geom[i] = wkb.write(k.geometry());
    }
    ins.setString(1, sid);
    ins.setString(2, pid);
    ins.setInt(3, srid);
    ins.setArray(4, c.createArrayOf("uuid", primary));
    ins.setArray(5, c.createArrayOf("text", type));
    ins.setArray(6, c.createArrayOf("int4", check));
    ins.setArray(7, c.createArrayOf("text", severity));
    ins.setArray(8, c.createArrayOf("text", features));
    ins.setArray(9, c.createArrayOf("float8", measured));
    ins.setArray(10, c.createArrayOf("float8", norm));
    ins.setArray(11, c.createArrayOf("text", unit));
    ins.setArray(12, c.createArrayOf("text", sentence));
    ins.setArray(13, c.createArrayOf("text", params));
    ins.setArray(14, c.createArrayOf("bytea", geom));
    ins.executeUpdate();
  }

  static ArrayNode features(List<FeatureRef> refs) {
    ArrayNode out = JsonMapper.MAPPER.createArrayNode();
    for (FeatureRef r : refs) {
      out.addObject().put("layer", r.layer()).put("id", r.id().toString());
    }
    return out;
  }

  private static String json(JsonNode node) {
    try {
      return JsonMapper.MAPPER.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A page of conflicts as GeoJSON features, with the number matched. */
  record ConflictPage(long matched, List<ObjectNode> features) {}

  ConflictPage page(String sid, String pid, double[] bbox, int limit, int offset) {
    String where = " FROM conflict c WHERE c.settlement_id = ? AND c.plan_id = ?"
        + (bbox == null ? "" : " AND c.geom && ST_MakeEnvelope(?, ?, ?, ?, 4326)");
    return jdbc.readSnapshot(c -> {
      long matched;
      try (PreparedStatement ps = c.prepareStatement("SELECT count(*)" + where)) {
        bind(ps, sid, pid, bbox);
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          matched = rs.getLong(1);
        }
      }
      List<ObjectNode> out = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT c.fid, c.type, c.check_no, c.severity, c.features::text, c.measured, c.norm, c.unit, c.sentence,"
              + " c.params::text, ST_AsGeoJSON(c.geom, 9)" + where + " ORDER BY c.fid LIMIT ? OFFSET ?")) {
        int i = bind(ps, sid, pid, bbox);
        ps.setInt(i++, limit);
        ps.setInt(i, offset);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            ObjectNode f = JsonMapper.MAPPER.createObjectNode();
            f.put("type", "Feature");
            f.put("id", rs.getLong(1));
            f.set("geometry", parse(rs.getString(11)));
            ObjectNode p = f.putObject("properties");
            p.put("type", rs.getString(2));
            p.put("check", rs.getInt(3));
            p.put("severity", rs.getString(4));
            p.set("features", parse(rs.getString(5)));
            putNumber(p, "measured", rs.getObject(6));
            putNumber(p, "norm", rs.getObject(7));
            p.put("unit", rs.getString(8));
            p.put("sentence", rs.getString(9));
            p.set("params", parse(rs.getString(10)));
            out.add(f);
          }
        }
      }
      return new ConflictPage(matched, out);
    });
  }

  private static void putNumber(ObjectNode p, String name, Object v) {
    if (v == null) {
      p.putNull(name);
    } else {
      p.put(name, ((Number) v).doubleValue());
    }
  }

  private static int bind(PreparedStatement ps, String sid, String pid, double[] bbox) throws SQLException {
    ps.setString(1, sid);
    ps.setString(2, pid);
    int i = 3;
    if (bbox != null) {
      for (double d : bbox) {
        ps.setDouble(i++, d);
      }
    }
    return i;
  }

  private static JsonNode parse(String s) {
    try {
      return JsonMapper.MAPPER.readTree(s);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  // ---------------------------------------------------------------- rule sets

  record StoredRuleSet(String preset, int version, ObjectNode document) {}

  Optional<StoredRuleSet> ruleSet(String sid) {
    return jdbc.read(c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT preset, version, document::text FROM rule_set WHERE settlement_id = ?")) {
        ps.setString(1, sid);
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next()
              ? Optional.of(new StoredRuleSet(rs.getString(1), rs.getInt(2), (ObjectNode) parse(rs.getString(3))))
              : Optional.<StoredRuleSet>empty();
        }
      }
    });
  }

  StoredRuleSet putRuleSet(String sid, String preset, ObjectNode document, String author, String reason) {
    return jdbc.inTransaction(c -> {
      ChangeStamp.stamp(c, "update", reason);
      try (PreparedStatement ps = c.prepareStatement(
          "INSERT INTO rule_set (settlement_id, preset, document, created_by, updated_by) VALUES (?, ?, ?::jsonb, ?, ?)"
              + " ON CONFLICT (settlement_id) DO UPDATE SET preset = excluded.preset, document = excluded.document,"
              + " version = rule_set.version + 1, updated_at = now(), updated_by = excluded.updated_by"
              + " RETURNING version")) {
        ps.setString(1, sid);
        ps.setString(2, preset);
        ps.setString(3, json(document));
        ps.setString(4, author);
        ps.setString(5, author);
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          return new StoredRuleSet(preset, rs.getInt(1), document);
        }
      }
    });
  }

  /**
   * Structure → cell, cluster and segment of the settlement's representation (review feature,
   * V008): read when an impact is asked for, so a structure moved to another cell counts there at
   * once. Units whose parent is not named yet leave the level out.
   */
  Map<UUID, Map<String, String>> representation(String sid) {
    return jdbc.read(c -> {
      Map<UUID, Map<String, String>> out = new HashMap<>();
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT sc.structure_id, cell.id, cluster.id, segment.id FROM structure_cell sc"
              + " JOIN rep_unit cell ON cell.settlement_id = sc.settlement_id AND cell.id = sc.cell_id"
              + " LEFT JOIN rep_unit cluster ON cluster.settlement_id = cell.settlement_id AND cluster.id = cell.parent_id"
              + "   AND cluster.level = 'cluster'"
              + " LEFT JOIN rep_unit segment ON segment.settlement_id = cluster.settlement_id AND segment.id = cluster.parent_id"
              + "   AND segment.level = 'segment'"
              + " WHERE sc.settlement_id = ?")) {
        ps.setString(1, sid);
        ps.setFetchSize(5000);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            Map<String, String> levels = new HashMap<>();
            levels.put("cell", rs.getString(2));
            if (rs.getString(3) != null) {
              levels.put("cluster", rs.getString(3));
            }
            if (rs.getString(4) != null) {
              levels.put("segment", rs.getString(4));
            }
            out.put((UUID) rs.getObject(1), levels);
          }
        }
      }
      return out;
    });
  }

  /** The area of the settlement's boundary in its metric CRS, m² (0 without a boundary). */
  double areaM2(String sid) {
    return jdbc.read(c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT coalesce(ST_Area(ST_Transform(boundary, metric_srid)), 0) FROM settlement WHERE id = ?")) {
        ps.setString(1, sid);
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next() ? rs.getDouble(1) : 0.0;
        }
      }
    });
  }

  /** Total length in metres of the plan's paths. */
  static double pathLength(PlanModel m) {
    double sum = 0;
    for (Path p : m.paths()) {
      sum += p.geometry().getLength();
    }
    return sum;
  }
}
