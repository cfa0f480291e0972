package org.coplan.auth;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Prepared statements with bound values, so the repositories of this package read as their SQL. */
final class Sql {
  /** Maps the current row. */
  @FunctionalInterface
  interface Row<T> {
    T map(ResultSet rs) throws SQLException;
  }

  private Sql() {}

  static <T> List<T> list(Connection c, String sql, Row<T> row, Object... values) throws SQLException {
    try (PreparedStatement ps = prepare(c, sql, values);
        ResultSet rs = ps.executeQuery()) {
      List<T> out = new ArrayList<>();
      while (rs.next()) {
        out.add(row.map(rs));
      }
      return out;
    }
  }

  /** The first row, mapped; empty when there is none or it maps to null. */
  static <T> Optional<T> one(Connection c, String sql, Row<T> row, Object... values) throws SQLException {
    try (PreparedStatement ps = prepare(c, sql, values);
        ResultSet rs = ps.executeQuery()) {
      return rs.next() ? Optional.ofNullable(row.map(rs)) : Optional.empty();
    }
  }

  /** Runs an INSERT, UPDATE or DELETE; returns the number of rows it touched. */
  static int update(Connection c, String sql, Object... values) throws SQLException {
    try (PreparedStatement ps = prepare(c, sql, values)) {
      return ps.executeUpdate();
    }
  }

  private static PreparedStatement prepare(Connection c, String sql, Object... values) throws SQLException {
    PreparedStatement ps = c.prepareStatement(sql);
    try {
      for (int i = 0; i < values.length; i++) {
        ps.setObject(i + 1, values[i]);
      }
      return ps;
    } catch (SQLException e) {
      ps.close();
      throw e;
    }
  }
}
