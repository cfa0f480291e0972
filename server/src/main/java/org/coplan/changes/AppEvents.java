package org.coplan.changes;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.coplan.http.JsonMapper;

/**
 * Application events (comments, reactions, decisions, plan status) for the browsers' event
 * streams: sent with {@code pg_notify} inside the caller's transaction, so an event goes out only
 * when its change commits, and every server instance on the database relays it.
 *
 * <p>Placeholder of the review branch with the signature the lead announced; main's version wins
 * on merge.
 */
public final class AppEvents {
  static final String CHANNEL = "coplan_event";

  private AppEvents() {}

  public static void publish(Connection c, String settlementId, String planId, String type, Object data) throws SQLException {
    Map<String, Object> event = new LinkedHashMap<>();
    event.put("settlement", settlementId);
    event.put("plan", planId);
    event.put("type", type);
    event.put("data", data);
    try (PreparedStatement ps = c.prepareStatement("SELECT pg_notify(?, ?)")) {
      ps.setString(1, CHANNEL);
      ps.setString(2, JsonMapper.MAPPER.writeValueAsString(event));
      ps.execute();
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalArgumentException("event data cannot be written as JSON", e);
    }
  }
}
