package org.coplan.db;

import java.sql.SQLException;

/** An unexpected database failure; mapped to a 500 whose details stay in the log. */
public final class DataAccessException extends RuntimeException {
  public DataAccessException(SQLException cause) {
    super(cause.getMessage(), cause);
  }

  /**
   * A refusal the database words for people: a trigger raised SQLSTATE {@code CP409} (conflict,
   * e.g. a frozen plan) or {@code CP422} (invalid content) with a message meant to be shown. Null
   * for every other failure, whose message stays in the log.
   */
  public String refusal() {
    String state = sqlState();
    if (state == null || !(state.equals("CP409") || state.equals("CP422"))) {
      return null;
    }
    if (getCause() instanceof org.postgresql.util.PSQLException p && p.getServerErrorMessage() != null) {
      return p.getServerErrorMessage().getMessage();
    }
    return null;
  }

  /** The SQLSTATE, for callers that turn known states (e.g. unique violations) into answers. */
  public String sqlState() {
    return ((SQLException) getCause()).getSQLState();
  }
}
