package org.coplan.db;

import java.sql.SQLException;

/** An unexpected database failure; mapped to a 500 whose details stay in the log. */
public final class DataAccessException extends RuntimeException {
  public DataAccessException(SQLException cause) {
    super(cause.getMessage(), cause);
  }

  /** The SQLSTATE, for callers that turn known states (e.g. unique violations) into answers. */
  public String sqlState() {
    return ((SQLException) getCause()).getSQLState();
  }
}
