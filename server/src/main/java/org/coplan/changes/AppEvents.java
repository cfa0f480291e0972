package org.coplan.changes;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.regex.Pattern;
import org.coplan.http.JsonMapper;

/**
 * Publishes an {@link AppEvent} on the database channel {@code coplan_event}, inside the caller's
 * transaction: PostgreSQL sends it only if that transaction commits, to every server instance
 * listening (see {@link ChangeFeed}).
 */
public final class AppEvents {
  static final String CHANNEL = "coplan_event";
  /** PostgreSQL refuses payloads of 8000 bytes and more; bigger data is left out, not cut. */
  static final int MAX_PAYLOAD_BYTES = 7900;
  private static final Pattern TYPE = Pattern.compile("[a-z][a-z0-9-]{0,39}");

  private AppEvents() {}

  public static void publish(Connection c, String settlementId, String planId, String type, Object data)
      throws SQLException {
    if (!TYPE.matcher(type).matches()) {
      // the type becomes the SSE event name: a line break in it would forge events
      throw new IllegalArgumentException("event type must match " + TYPE + ": " + type);
    }
    ObjectNode payload = JsonMapper.MAPPER.createObjectNode();
    payload.put("settlement", settlementId);
    payload.put("plan", planId);
    payload.put("type", type);
    payload.set("data", data == null ? null : JsonMapper.MAPPER.valueToTree(data));
    String text = write(payload);
    if (text.getBytes(StandardCharsets.UTF_8).length > MAX_PAYLOAD_BYTES) {
      payload.putNull("data");
      text = write(payload);
    }
    try (PreparedStatement ps = c.prepareStatement("SELECT pg_notify('" + CHANNEL + "', ?)")) {
      ps.setString(1, text);
      ps.execute();
    }
  }

  private static String write(ObjectNode payload) {
    try {
      return JsonMapper.MAPPER.writeValueAsString(payload);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("event data is not JSON-serialisable", e);
    }
  }
}
