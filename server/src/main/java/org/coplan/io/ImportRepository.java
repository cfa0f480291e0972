package org.coplan.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.coplan.db.Wkb;
import org.coplan.http.JsonMapper;
import org.locationtech.jts.geom.Geometry;

/** All SQL of staged imports (V007): jobs and their rows. Every value is bound. */
final class ImportRepository {
  /** A staged import as stored. */
  record Job(
      UUID id, String settlementId, String planId, String layer, String fileName, String format, String sourceLayer,
      JsonNode sourceLayers, String declaredCrs, String givenCrs, boolean inWgs84, boolean crsSettable, List<String> fields,
      Map<String, String> mapping, Map<String, JsonNode> defaults, List<ImportProblem> readNotes, int featureCount,
      String state, JsonNode result, String createdBy) {}

  private static final String COLUMNS =
      "id, settlement_id, plan_id, layer, file_name, format, source_layer, source_layers, declared_crs, given_crs,"
          + " in_wgs84, crs_settable, fields, mapping, defaults, read_notes, feature_count, state, result, created_by";

  void insert(Connection c, Job j) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO import_job (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?::jsonb, ?::jsonb,"
                + " ?::jsonb, ?::jsonb, ?, ?, ?::jsonb, ?)")) {
      int i = 1;
      ps.setObject(i++, j.id());
      ps.setString(i++, j.settlementId());
      ps.setString(i++, j.planId());
      ps.setString(i++, j.layer());
      ps.setString(i++, j.fileName());
      ps.setString(i++, j.format());
      ps.setString(i++, j.sourceLayer());
      ps.setString(i++, json(j.sourceLayers()));
      ps.setString(i++, j.declaredCrs());
      ps.setString(i++, j.givenCrs());
      ps.setBoolean(i++, j.inWgs84());
      ps.setBoolean(i++, j.crsSettable());
      ps.setString(i++, json(j.fields()));
      ps.setString(i++, json(j.mapping()));
      ps.setString(i++, json(j.defaults()));
      ps.setString(i++, json(j.readNotes()));
      ps.setInt(i++, j.featureCount());
      ps.setString(i++, j.state());
      ps.setString(i++, j.result() == null ? null : json(j.result()));
      ps.setString(i, j.createdBy());
      ps.executeUpdate();
    }
  }

  /** Stages rows; geometry in EPSG:4326, or as read (SRID 0) when the CRS is not known. */
  void insertRows(Connection c, UUID job, List<SourceReader.Row> rows, boolean inWgs84) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("INSERT INTO import_row (import_id, row_number, geom, properties) VALUES (?, ?, ST_SetSRID(ST_GeomFromWKB(?), ?), ?::jsonb)")) {
      for (SourceReader.Row r : rows) {
        ps.setObject(1, job);
        ps.setInt(2, r.number());
        if (r.geometry() == null) {
          ps.setNull(3, Types.BINARY);
        } else {
          ps.setBytes(3, Wkb.write(r.geometry()));
        }
        ps.setInt(4, inWgs84 ? 4326 : 0);
        ps.setString(5, json(r.properties()));
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  Optional<Job> find(Connection c, UUID id) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM import_job WHERE id = ?")) {
      ps.setObject(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        return Optional.of(
            new Job(
                rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6),
                rs.getString(7), tree(rs.getString(8)), rs.getString(9), rs.getString(10), rs.getBoolean(11), rs.getBoolean(12),
                read(rs.getString(13), new TypeReference<List<String>>() {}),
                read(rs.getString(14), new TypeReference<Map<String, String>>() {}),
                read(rs.getString(15), new TypeReference<Map<String, JsonNode>>() {}),
                read(rs.getString(16), new TypeReference<List<ImportProblem>>() {}), rs.getInt(17), rs.getString(18),
                rs.getString(19) == null ? null : tree(rs.getString(19)), rs.getString(20)));
      }
    }
  }

  List<SourceReader.Row> rows(Connection c, UUID job) throws SQLException {
    List<SourceReader.Row> rows = new ArrayList<>();
    try (PreparedStatement ps =
        c.prepareStatement("SELECT row_number, ST_AsBinary(geom), properties FROM import_row WHERE import_id = ? ORDER BY row_number")) {
      ps.setObject(1, job);
      ps.setFetchSize(2000);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          byte[] wkb = rs.getBytes(2);
          Geometry g = wkb == null ? null : Wkb.read(wkb);
          rows.add(new SourceReader.Row(rs.getInt(1), g, (ObjectNode) tree(rs.getString(3))));
        }
      }
    }
    return rows;
  }

  void update(Connection c, UUID id, Map<String, String> mapping, Map<String, JsonNode> defaults) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("UPDATE import_job SET mapping = ?::jsonb, defaults = ?::jsonb, updated_at = now() WHERE id = ?")) {
      ps.setString(1, json(mapping));
      ps.setString(2, json(defaults));
      ps.setObject(3, id);
      ps.executeUpdate();
    }
  }

  /** Transforms rows staged as read from {@code srid} to EPSG:4326 (PostGIS, PROJ); again from the coordinates as read when a CRS was given before. */
  void transformRows(Connection c, UUID id, int srid, String crs) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("UPDATE import_row SET raw = coalesce(raw, geom), geom = ST_Transform(ST_SetSRID(coalesce(raw, geom), ?), 4326)"
            + " WHERE import_id = ? AND geom IS NOT NULL")) {
      ps.setInt(1, srid);
      ps.setObject(2, id);
      ps.executeUpdate();
    } catch (SQLException e) {
      // PROJ refuses coordinates outside the CRS's area: the client named the wrong CRS
      throw org.coplan.http.ApiProblem.invalidContent(
          "the coordinates cannot be read as " + crs + ": PROJ cannot transform them (outside the area where that CRS is defined)",
          java.util.List.of(org.coplan.http.ApiProblem.Fault.pointer("/crs", "does not fit these coordinates")));
    }
    try (PreparedStatement ps =
        c.prepareStatement("UPDATE import_job SET given_crs = ?, in_wgs84 = true, updated_at = now() WHERE id = ?")) {
      ps.setString(1, crs);
      ps.setObject(2, id);
      ps.executeUpdate();
    }
  }

  boolean knownSrid(Connection c, int srid) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM spatial_ref_sys WHERE srid = ?")) {
      ps.setInt(1, srid);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    }
  }

  /**
   * The boundary a settlement made from these rows gets, as the demo loader makes Tandale's: the
   * concave hull of the features 30 m out, computed in their UTM zone; and that zone's EPSG code.
   */
  record Proposed(Geometry boundary, int metricSrid) {}

  Optional<Proposed> proposedBoundary(Connection c, UUID id) throws SQLException {
    try {
      return proposed(c, id, "ST_ConcaveHull(ST_Collect(ST_Transform(r.geom, z.srid)), 0.1)");
    } catch (SQLException e) {
      // GEOS cannot make a concave hull of some inputs (invalid or degenerate ones): the convex one
      return proposed(c, id, "ST_ConvexHull(ST_Collect(ST_Transform(r.geom, z.srid)))");
    }
  }

  private static Optional<Proposed> proposed(Connection c, UUID id, String hull) throws SQLException {
    String sql =
        "WITH z AS (SELECT coplan_utm_srid(ST_SetSRID(ST_Extent(geom)::geometry, 4326)) AS srid FROM import_row"
            + " WHERE import_id = ? AND geom IS NOT NULL)"
            + " SELECT ST_AsBinary(ST_Multi(ST_Transform(ST_Buffer(" + hull + ", 30), 4326))), z.srid"
            + " FROM import_row r, z WHERE r.import_id = ? AND r.geom IS NOT NULL AND z.srid IS NOT NULL GROUP BY z.srid";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setObject(1, id);
      ps.setObject(2, id);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(new Proposed(Wkb.read(rs.getBytes(1)), rs.getInt(2))) : Optional.empty();
      }
    }
  }

  /** Locks a staged job for its commit; false when it is not staged (any more). */
  boolean lockStaged(Connection c, UUID id) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM import_job WHERE id = ? AND state = 'staged' FOR UPDATE")) {
      ps.setObject(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    }
  }

  /** Ends the job: its rows go, its result stays. */
  void finish(Connection c, UUID id, String state, String settlementId, String planId, JsonNode result) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("DELETE FROM import_row WHERE import_id = ?")) {
      ps.setObject(1, id);
      ps.executeUpdate();
    }
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE import_job SET state = ?, settlement_id = coalesce(?, settlement_id), plan_id = coalesce(?, plan_id),"
                + " result = ?::jsonb, updated_at = now() WHERE id = ?")) {
      ps.setString(1, state);
      ps.setString(2, settlementId);
      ps.setString(3, planId);
      ps.setString(4, result == null ? null : json(result));
      ps.setObject(5, id);
      ps.executeUpdate();
    }
  }

  /** Staged imports nobody committed within a day are discarded (their rows deleted). */
  void expire(Connection c) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "WITH old AS (UPDATE import_job SET state = 'discarded', updated_at = now()"
                + " WHERE state = 'staged' AND updated_at < now() - interval '1 day' RETURNING id)"
                + " DELETE FROM import_row WHERE import_id IN (SELECT id FROM old)")) {
      ps.executeUpdate();
    }
  }

  private static String json(Object o) {
    try {
      return JsonMapper.MAPPER.writeValueAsString(o);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static JsonNode tree(String s) {
    try {
      return JsonMapper.MAPPER.readTree(s);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static <T> T read(String s, TypeReference<T> type) {
    try {
      return JsonMapper.MAPPER.readValue(s, type);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
