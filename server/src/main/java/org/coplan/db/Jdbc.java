package org.coplan.db;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * Runs work in one transaction: commit when it returns, roll back when it throws. Services use it so
 * that a multi-statement change is stored whole or not at all.
 */
public final class Jdbc {
  /** Work on one connection. */
  @FunctionalInterface
  public interface Work<T> {
    T apply(Connection connection) throws SQLException;
  }

  private final DataSource dataSource;

  public Jdbc(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  public DataSource dataSource() {
    return dataSource;
  }

  /** Read-only work on a pooled connection in auto-commit mode. */
  public <T> T read(Work<T> work) {
    try (Connection c = dataSource.getConnection()) {
      return work.apply(c);
    } catch (SQLException e) {
      throw new DataAccessException(e);
    }
  }

  public <T> T inTransaction(Work<T> work) {
    return transaction(false, work);
  }

  /**
   * Read-only work that sees one snapshot across all its statements (REPEATABLE READ), such as a
   * count and the page it counts. It also runs in a transaction because pgjdbc honours a
   * statement's fetch size (streaming rows through a cursor) only outside auto-commit.
   */
  public <T> T readSnapshot(Work<T> work) {
    return transaction(true, work);
  }

  private <T> T transaction(boolean snapshot, Work<T> work) {
    try (Connection c = dataSource.getConnection()) {
      int isolation = c.getTransactionIsolation();
      c.setAutoCommit(false);
      if (snapshot) {
        c.setReadOnly(true);
        c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
      }
      try {
        T result = work.apply(c);
        c.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      } finally {
        // the pool hands the connection on: leave it as it was lent
        c.setAutoCommit(true);
        if (snapshot) {
          c.setReadOnly(false);
          c.setTransactionIsolation(isolation);
        }
      }
    } catch (SQLException e) {
      throw new DataAccessException(e);
    }
  }
}
