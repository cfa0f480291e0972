package org.coplan.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * Tells the history triggers (V004) what the current transaction changes and why: they record
 * every version row with this operation and reason. The settings are transaction-local, so they
 * vanish at commit or rollback and never leak to the next user of a pooled connection.
 */
public final class ChangeStamp {
  private ChangeStamp() {}

  /**
   * @param operation as the history tables allow it, e.g. {@code update}, {@code restore}
   * @param reason the editor's reason, or null
   */
  public static void stamp(Connection c, String operation, String reason) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT set_config('coplan.operation', ?, true), set_config('coplan.reason', coalesce(?, ''), true)")) {
      ps.setString(1, operation);
      ps.setString(2, reason);
      ps.executeQuery().close();
    }
  }
}
