package org.coplan.layers;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import org.coplan.db.Jdbc;

/**
 * All SQL that reads features. Each layer's statements are built once, from the {@link Layer}
 * catalogue only; every value (CRS, settlement, plan, bbox, id, limit, offset) is bound. Rows always
 * come through the layer's {@code plan_<layer>(sid, pid)} function, so a proposal plan sees its own
 * edits over the baseline; the planner inlines those functions, so the filters below still reach
 * the tables' indexes.
 */
public final class FeatureRepository {
  /** Rows fetched per round trip while streaming a page. */
  private static final int FETCH_SIZE = 1_000;

  // The GiST index on geom answers &&; ST_Intersects then drops what only the boxes share. A box
  // in another CRS (bbox-crs) is transformed to storage once, so the index still applies.
  private static final String IN_BBOX =
      " AND f.geom && ST_Transform(ST_MakeEnvelope(?, ?, ?, ?, ?), 4326)"
          + " AND ST_Intersects(f.geom, ST_Transform(ST_MakeEnvelope(?, ?, ?, ?, ?), 4326))";

  /**
   * A layer's statements. The select lists put the geometry in the requested CRS, so they take the
   * CRS parameters first ({@link FeatureColumns#inCrs}), before settlement and plan.
   */
  private record Statements(
      String page, String pageInBbox, String count, String countInBbox, String byId, String extent) {
    static Statements of(Layer layer) {
      String columns = FeatureColumns.inCrs(layer, "f");
      String from = " FROM " + layer.planViewFunction() + "(?, ?) f WHERE true";
      String order = " ORDER BY f.fid LIMIT ? OFFSET ?";
      return new Statements(
          "SELECT " + columns + from + order,
          "SELECT " + columns + from + IN_BBOX + order,
          "SELECT count(*)" + from,
          "SELECT count(*)" + from + IN_BBOX,
          "SELECT " + columns + from + " AND f.id = ?",
          "SELECT ST_XMin(e), ST_YMin(e), ST_XMax(e), ST_YMax(e)"
              + " FROM (SELECT ST_Extent(f.geom) AS e" + from + ") AS extent");
    }
  }

  private final Jdbc jdbc;
  private final Map<Layer, Statements> statements = new EnumMap<>(Layer.class);

  public FeatureRepository(Jdbc jdbc) {
    this.jdbc = jdbc;
    for (Layer layer : Layer.values()) {
      statements.put(layer, Statements.of(layer));
    }
  }

  /** The extent of each layer's features in the plan (CRS84), absent for a layer with none. */
  Map<Layer, Optional<double[]>> extents(String settlementId, String planId, List<Layer> layers) {
    return jdbc.read(
        c -> {
          Map<Layer, Optional<double[]>> out = new EnumMap<>(Layer.class);
          for (Layer layer : layers) {
            try (PreparedStatement ps = c.prepareStatement(statements.get(layer).extent())) {
              ps.setString(1, settlementId);
              ps.setString(2, planId);
              try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                double minLon = rs.getDouble(1);
                out.put(
                    layer,
                    rs.wasNull()
                        ? Optional.empty()
                        : Optional.of(new double[] {minLon, rs.getDouble(2), rs.getDouble(3), rs.getDouble(4)}));
              }
            }
          }
          return out;
        });
  }

  Optional<Feature> find(PlanLayer target, UUID id, Crs crs) {
    return jdbc.read(
        c -> {
          try (PreparedStatement ps = c.prepareStatement(statements.get(target.layer()).byId())) {
            int i = bindPlan(ps, FeatureColumns.bindCrs(ps, 1, crs), target);
            ps.setObject(i, id);
            try (ResultSet rs = ps.executeQuery()) {
              return rs.next() ? Optional.of(FeatureColumns.read(rs, target.layer(), 1)) : Optional.empty();
            }
          }
        });
  }

  /** How many features match the query, ignoring its page. Run on the page's connection. */
  long count(Connection c, FeatureQuery q) throws SQLException {
    Statements s = statements.get(q.target().layer());
    try (PreparedStatement ps = c.prepareStatement(q.bbox() == null ? s.count() : s.countInBbox())) {
      bindBbox(ps, bindPlan(ps, 1, q.target()), q.bbox());
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  /**
   * Hands the query's page to {@code each} feature by feature in {@code fid} order, a batch of
   * rows at a time, so that a page of 10,000 never sits in memory whole. The connection must not
   * be in auto-commit mode, or pgjdbc reads every row at once ({@link Jdbc#readSnapshot}).
   */
  void forEach(Connection c, FeatureQuery q, Consumer<Feature> each) throws SQLException {
    Statements s = statements.get(q.target().layer());
    try (PreparedStatement ps = c.prepareStatement(q.bbox() == null ? s.page() : s.pageInBbox())) {
      int i = bindBbox(ps, bindPlan(ps, FeatureColumns.bindCrs(ps, 1, q.crs()), q.target()), q.bbox());
      ps.setInt(i++, q.page().limit());
      ps.setInt(i, q.page().offset());
      ps.setFetchSize(FETCH_SIZE);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          each.accept(FeatureColumns.read(rs, q.target().layer(), 1));
        }
      }
    }
  }

  /** Binds settlement and plan from {@code index}; returns the next parameter index. */
  private static int bindPlan(PreparedStatement ps, int index, PlanLayer target) throws SQLException {
    ps.setString(index, target.settlementId());
    ps.setString(index + 1, target.planId());
    return index + 2;
  }

  /** Binds the box twice (for && and ST_Intersects) when there is one; returns the next index. */
  private static int bindBbox(PreparedStatement ps, int index, Bbox box) throws SQLException {
    if (box == null) {
      return index;
    }
    int i = index;
    for (int copy = 0; copy < 2; copy++) {
      ps.setDouble(i++, box.minLon());
      ps.setDouble(i++, box.minLat());
      ps.setDouble(i++, box.maxLon());
      ps.setDouble(i++, box.maxLat());
      ps.setInt(i++, box.srid());
    }
    return i;
  }
}
