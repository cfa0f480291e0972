package org.coplan.tiles;

import static org.coplan.db.Database.quoteIdent;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.coplan.db.Jdbc;
import org.coplan.db.ReplicaReads;
import org.coplan.layers.Attribute;
import org.coplan.layers.Layer;
import org.coplan.tiles.TileSchema.OverviewFilter;
import org.coplan.tiles.TileSchema.TileLayer;

/**
 * All SQL of the vector tiles. PostGIS cuts and encodes a whole tile in one query: per layer
 * {@code ST_AsMVT} over {@code ST_AsMVTGeom}, the layers joined with {@code ||}. The SQL for each
 * zoom is built once, at construction, from {@link TileSchema} and the layer catalogue (whose
 * identifiers are the only ones spliced, quoted); every value (settlement, plan, z, x, y, layer
 * name, filter values) is bound.
 */
public final class TileRepository {
  /**
   * One layer of a tile; {columns}, {view} and {filter} are filled in from the catalogue. 4096 grid
   * units per tile side is what MVT 2.1 and MapLibre expect. 64 units are kept beyond each edge so
   * that lines and outlines crossing an edge join up without seams; the index filter is widened by
   * the same margin so that features just outside the tile still draw their part inside it.
   * Filtering on the Web Mercator copy {@code geom_3857} lets its GiST index find the rows; the
   * plan's view function (plain SQL, inlined by the planner) keeps the index usable and shows
   * proposal plans their own edits over the baseline. {@code ST_AsMVT} skips rows that clipping
   * left empty. Features go in fid order so that the same data always gives the same bytes, and so
   * the same ETag, whatever plan the database picks and on every server behind a balancer.
   */
  private static final String LAYER_SQL =
      """
      (SELECT ST_AsMVT(q, ?, 4096, 'geom', 'fid' ORDER BY q.fid) FROM (
          SELECT f.fid{id}{columns},
            ST_AsMVTGeom(f.geom_3857, ST_TileEnvelope(?, ?, ?), 4096, 64, true) AS geom
          FROM {view}(?, ?) AS f
          WHERE f.geom_3857 && ST_TileEnvelope(?, ?, ?, margin => 64.0 / 4096){filter}
        ) AS q)""";

  /**
   * The read-only {@code conflicts} layer: the plan's stored analysis results (see the analysis
   * package and V006__analysis.sql), from {@link TileSchema#CONFLICTS_MIN_ZOOM} on, where they can
   * be told apart. A plan carries conflicts once its analysis ran.
   */
  private static final String CONFLICTS_SQL =
      """
      (SELECT ST_AsMVT(q, 'conflicts', 4096, 'geom', 'fid' ORDER BY q.fid) FROM (
          SELECT f.fid, f.type, f.severity, f.check_no AS "check", f.sentence,
            ST_AsMVTGeom(f.geom_3857, ST_TileEnvelope(?, ?, ?), 4096, 64, true) AS geom
          FROM plan_conflicts(?, ?) AS f
          WHERE f.geom_3857 && ST_TileEnvelope(?, ?, ?, margin => 64.0 / 4096)
        ) AS q)""";

  /**
   * The {@value TileSchema#DENSITY_LAYER} layer of low zooms: the plan's structures counted per
   * cell of a 32 × 32 grid over the tile, with the cell's structures per hectare (its ground area
   * shrinks with the cosine of the latitude). The baseline's counts come from structure_density
   * (cells of 1/64 of a z14 tile, so a cell at zoom z sums 2^(15-z) × 2^(15-z) of them); a
   * proposal's own rows count where they are and the baseline rows they override no longer count.
   * A structure counts in the cell of its bounding box's centre, as in V009__tile_invalidation.sql.
   * A cell is 128 × 128 tile units, so its square is written in tile units directly (y down; reversed
   * so that its area is positive, which makes it an outer ring in MVT), not projected and clipped
   * by ST_AsMVTGeom per cell, which took most of a z14 tile's time. A 64 × 64 grid cost 180 ms and
   * 107 KB at z14 on the 500,000-structure synthetic settlement (loaded machine); 32 × 32 is a
   * quarter of both, and 16 px cells still shade blocks.
   * The proposal's parts test the bound plan id itself, not a column of {@code r}: a comparison of
   * parameters is a one-time filter, so for the baseline those parts never run (read through
   * {@code r}, the planner scanned every structure of a z10 tile to throw them away: 60 ms).
   */
  private static final String DENSITY_SQL =
      """
      (SELECT ST_AsMVT(q, 'structure_density', 4096, 'geom') FROM (
          WITH r AS (
            SELECT t.z, t.x, t.y, t.sid, t.pid, 15 - t.z AS shift,
              t.x::bigint << (20 - t.z) AS cx0, (t.x::bigint + 1) << (20 - t.z) AS cx1,
              t.y::bigint << (20 - t.z) AS cy0, (t.y::bigint + 1) << (20 - t.z) AS cy1,
              2 * 20037508.342789244 / (1::bigint << (t.z + 5)) AS side
            FROM (SELECT ?::int AS z, ?::int AS x, ?::int AS y, ?::text AS sid, ?::text AS pid) AS t),
          cells AS (
            SELECT d.cx, d.cy, d.structures AS n FROM r, structure_density d
             WHERE d.settlement_id = r.sid AND d.cx >= r.cx0 AND d.cx < r.cx1 AND d.cy >= r.cy0 AND d.cy < r.cy1
            UNION ALL
            SELECT coplan_cell_x(o.geom_3857), coplan_cell_y(o.geom_3857), 1 FROM structures o
             WHERE ?::text <> 'baseline' AND o.settlement_id = ? AND o.plan_id = ? AND NOT o.deleted
               AND o.geom_3857 && ST_TileEnvelope(?, ?, ?)
            UNION ALL
            SELECT coplan_cell_x(b.geom_3857), coplan_cell_y(b.geom_3857), -1 FROM structures o
              JOIN structures b ON b.settlement_id = o.settlement_id AND b.plan_id = 'baseline' AND b.id = o.id
             WHERE ?::text <> 'baseline' AND o.settlement_id = ? AND o.plan_id = ? AND NOT b.deleted
               AND b.geom_3857 && ST_TileEnvelope(?, ?, ?)),
          g AS (
            SELECT c.cx >> r.shift AS gx, c.cy >> r.shift AS gy, sum(c.n) AS n FROM r, cells c
             WHERE c.cx >= r.cx0 AND c.cx < r.cx1 AND c.cy >= r.cy0 AND c.cy < r.cy1
             GROUP BY 1, 2 HAVING sum(c.n) > 0)
          SELECT g.n::integer AS structures,
            coplan_density_per_ha(g.n / (power(r.side * cos(2 * atan(exp((20037508.342789244 - (g.gy + 0.5) * r.side) / 6378137)) - pi() / 2), 2) / 10000)) AS per_ha,
            ST_Reverse(ST_MakeEnvelope((g.gx - r.x * 32) * 128, (g.gy - r.y * 32) * 128,
              (g.gx - r.x * 32 + 1) * 128, (g.gy - r.y * 32 + 1) * 128)) AS geom
          FROM g, r ORDER BY g.gy, g.gx
        ) AS q)""";

  /** Binds one {@code ?} of a tile query. */
  @FunctionalInterface
  private interface Param {
    void bind(PreparedStatement ps, int index, TileKey key) throws SQLException;

    static Param text(String value) {
      return (ps, i, key) -> ps.setString(i, value);
    }
  }

  private static final Param SETTLEMENT = (ps, i, key) -> ps.setString(i, key.settlementId());
  private static final Param PLAN = (ps, i, key) -> ps.setString(i, key.planId());
  private static final Param Z = (ps, i, key) -> ps.setInt(i, key.z());
  private static final Param X = (ps, i, key) -> ps.setInt(i, key.x());
  private static final Param Y = (ps, i, key) -> ps.setInt(i, key.y());

  /** A tile query and what its {@code ?} placeholders take, in order. */
  record TileQuery(String sql, List<Param> params) {}

  private final Jdbc jdbc;
  private final ReplicaReads reads;
  /** Indexed by zoom. Zooms with the same content share one SQL string, so one prepared statement. */
  private final List<TileQuery> byZoom;

  public TileRepository(Jdbc jdbc) {
    this(jdbc, new ReplicaReads(jdbc, null));
  }

  /**
   * @param jdbc the primary
   * @param reads where tiles are cut: a replica when it has caught up with the last invalidation
   */
  public TileRepository(Jdbc jdbc, ReplicaReads reads) {
    this.jdbc = jdbc;
    this.reads = reads;
    this.byZoom = IntStream.rangeClosed(0, TileSchema.MAX_REQUEST_ZOOM).mapToObj(TileRepository::query).toList();
  }

  /**
   * The tile as uncompressed MVT, empty when no feature of the plan touches it, and whether the
   * replica cut it.
   */
  ReplicaReads.Routed<byte[]> tile(TileKey key) {
    TileQuery query = byZoom.get(key.z());
    return reads.read(
        c -> {
          try (PreparedStatement ps = c.prepareStatement(query.sql())) {
            for (int i = 0; i < query.params().size(); i++) {
              query.params().get(i).bind(ps, i + 1, key);
            }
            try (ResultSet rs = ps.executeQuery()) {
              rs.next();
              byte[] bytes = rs.getBytes(1);
              return bytes == null ? new byte[0] : bytes;
            }
          }
        });
  }

  /**
   * Of the features (by id) of a layer, those that these proposals override: plan id → feature
   * ids. A baseline change to them does not show in those proposals' tiles.
   */
  Map<String, List<UUID>> overrides(Layer layer, String settlementId, List<String> plans, List<UUID> ids) {
    String sql = "SELECT f.plan_id, f.id FROM " + quoteIdent(layer.table())
        + " AS f WHERE f.settlement_id = ? AND f.plan_id = ANY(?) AND f.id = ANY(?)";
    return jdbc.read(c -> {
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        ps.setString(1, settlementId);
        ps.setArray(2, c.createArrayOf("text", plans.toArray()));
        ps.setArray(3, c.createArrayOf("uuid", ids.toArray()));
        Map<String, List<UUID>> out = new HashMap<>();
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            out.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getObject(2, UUID.class));
          }
        }
        return out;
      }
    });
  }

  /** The query for tiles at one zoom: its layers' parts joined with {@code ||}. */
  static TileQuery query(int zoom) {
    List<String> parts = new ArrayList<>();
    List<Param> params = new ArrayList<>();
    for (TileLayer layer : TileSchema.layers()) {
      if (layer.presentAt(zoom)) {
        parts.add(layerQuery(layer, zoom, params));
      }
    }
    if (zoom <= TileSchema.DENSITY_MAX_ZOOM) {
      parts.add(DENSITY_SQL);
      params.addAll(List.of(Z, X, Y, SETTLEMENT, PLAN, PLAN, SETTLEMENT, PLAN, Z, X, Y, PLAN, SETTLEMENT, PLAN, Z, X, Y));
    }
    if (zoom >= TileSchema.CONFLICTS_MIN_ZOOM) {
      parts.add(CONFLICTS_SQL);
      params.addAll(List.of(Z, X, Y, SETTLEMENT, PLAN, Z, X, Y));
    }
    if (parts.isEmpty()) {
      return new TileQuery("SELECT ''::bytea", List.of());
    }
    return new TileQuery("SELECT " + String.join("\n  || ", parts), List.copyOf(params));
  }

  /** One layer's part of a tile ({@link #LAYER_SQL}), appending the params it takes. */
  private static String layerQuery(TileLayer tileLayer, int zoom, List<Param> params) {
    StringBuilder columns = new StringBuilder();
    for (Attribute a : tileLayer.layer().tileAttributes()) {
      // cast to the catalogue's type: ST_AsMVT writes numeric (e.g. width_m) as a string otherwise
      String name = quoteIdent(a.name());
      columns.append(", f.").append(name).append("::").append(sqlType(a.type())).append(" AS ").append(name);
    }
    params.addAll(List.of(Param.text(tileLayer.layer().id()), Z, X, Y, SETTLEMENT, PLAN, Z, X, Y));
    String filter = tileLayer.filterAt(zoom).map(f -> filterSql(f, params)).orElse("");
    return LAYER_SQL
        // overview tiles leave out the UUID: tens of thousands of distinct 36-character strings
        // were two thirds of a z13 tile's bytes; such features cannot be selected by a click
        .replace("{id}", tileLayer.filterAt(zoom).isPresent() ? "" : ", f.id::text AS id")
        .replace("{columns}", columns)
        .replace("{view}", quoteIdent(tileLayer.layer().planViewFunction()))
        .replace("{filter}", filter);
  }

  /** Keeps the rows whose attribute has one of the filter's values, bound. */
  private static String filterSql(OverviewFilter filter, List<Param> params) {
    filter.values().forEach(v -> params.add(Param.text(v)));
    String placeholders = String.join(", ", filter.values().stream().map(v -> "?").toList());
    return "\n      AND f." + quoteIdent(filter.attribute()) + " IN (" + placeholders + ")";
  }

  private static String sqlType(Attribute.Type type) {
    return switch (type) {
      case STRING -> "text";
      case INTEGER -> "bigint";
      case NUMBER -> "double precision";
      case BOOLEAN -> "boolean";
    };
  }
}
