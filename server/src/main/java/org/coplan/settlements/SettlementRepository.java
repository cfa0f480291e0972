package org.coplan.settlements;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.coplan.db.Jdbc;
import org.coplan.db.Wkb;

/** All SQL about settlements and their plans. */
public final class SettlementRepository {
  private static final String COLUMNS =
      "id, name, ST_AsBinary(boundary) AS boundary,"
          + " ST_XMin(boundary) AS xmin, ST_YMin(boundary) AS ymin, ST_XMax(boundary) AS xmax, ST_YMax(boundary) AS ymax,"
          + " metric_srid, category, category_reason, notes, is_public, created_at, updated_at, attribution";

  private final Jdbc jdbc;

  public SettlementRepository(Jdbc jdbc) {
    this.jdbc = jdbc;
  }

  /** Settlements that are not archived, by name. */
  public List<Settlement> list() {
    return jdbc.read(
        c -> {
          try (PreparedStatement ps =
                  c.prepareStatement(
                      "SELECT " + COLUMNS + " FROM settlement WHERE archived_at IS NULL ORDER BY name, id");
              ResultSet rs = ps.executeQuery()) {
            List<Settlement> out = new ArrayList<>();
            while (rs.next()) {
              out.add(read(rs));
            }
            return out;
          }
        });
  }

  public Optional<Settlement> find(String id) {
    return jdbc.read(c -> find(c, id));
  }

  public static Optional<Settlement> find(Connection c, String id) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("SELECT " + COLUMNS + " FROM settlement WHERE id = ? AND archived_at IS NULL")) {
      ps.setString(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(read(rs)) : Optional.empty();
      }
    }
  }

  /**
   * Whether the settlement is public; empty when there is none (or it is archived). Asked on every
   * request under a settlement, so it reads one column by primary key and nothing else.
   */
  public Optional<Boolean> isPublic(String id) {
    return jdbc.read(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement("SELECT is_public FROM settlement WHERE id = ? AND archived_at IS NULL")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
              return rs.next() ? Optional.of(rs.getBoolean(1)) : Optional.empty();
            }
          }
        });
  }

  /** Plans of a settlement that are not archived, baseline first. */
  public List<Plan> plans(String settlementId) {
    return jdbc.read(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT id, name, description, status, based_on, created_at, updated_at FROM plan"
                      + " WHERE settlement_id = ? AND archived_at IS NULL ORDER BY id <> 'baseline', created_at, id")) {
            ps.setString(1, settlementId);
            try (ResultSet rs = ps.executeQuery()) {
              List<Plan> out = new ArrayList<>();
              while (rs.next()) {
                out.add(readPlan(settlementId, rs));
              }
              return out;
            }
          }
        });
  }

  public Optional<Plan> findPlan(String settlementId, String planId) {
    return jdbc.read(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT id, name, description, status, based_on, created_at, updated_at FROM plan"
                      + " WHERE settlement_id = ? AND id = ? AND archived_at IS NULL")) {
            ps.setString(1, settlementId);
            ps.setString(2, planId);
            try (ResultSet rs = ps.executeQuery()) {
              return rs.next() ? Optional.of(readPlan(settlementId, rs)) : Optional.empty();
            }
          }
        });
  }

  private static Plan readPlan(String settlementId, ResultSet rs) throws SQLException {
    return new Plan(
        settlementId,
        rs.getString("id"),
        rs.getString("name"),
        rs.getString("description"),
        rs.getString("status"),
        rs.getString("based_on"),
        rs.getObject("created_at", OffsetDateTime.class),
        rs.getObject("updated_at", OffsetDateTime.class));
  }

  private static Settlement read(ResultSet rs) throws SQLException {
    return new Settlement(
        rs.getString("id"),
        rs.getString("name"),
        Wkb.read(rs.getBytes("boundary")),
        new double[] {rs.getDouble("xmin"), rs.getDouble("ymin"), rs.getDouble("xmax"), rs.getDouble("ymax")},
        rs.getInt("metric_srid"),
        rs.getString("category"),
        rs.getString("category_reason"),
        rs.getString("notes"),
        rs.getBoolean("is_public"),
        rs.getObject("created_at", OffsetDateTime.class),
        rs.getObject("updated_at", OffsetDateTime.class),
        rs.getString("attribution"));
  }
}
