package org.coplan.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.coplan.http.JsonMapper;

/** Writes through the API and reads the database behind it, for the editing tests. */
public final class Requests {
  public static final String GEOJSON = "application/geo+json";
  public static final String MERGE_PATCH = "application/merge-patch+json";
  public static final String JSON = "application/json";

  private Requests() {}

  /** Any method; {@code body} null for none; headers as name, value pairs. */
  public static HttpResponse<byte[]> send(
      TestServer server, String method, String path, String contentType, String body, String... headers) {
    // changes need a planner or admin: these requests come from the server's signed-in test admin
    SignedIn admin = server.admin();
    HttpRequest.Builder b =
        HttpRequest.newBuilder(server.uri(path))
            .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
            .header("Cookie", admin.cookie())
            .header("X-CSRF-Token", admin.csrfToken());
    if (contentType != null) {
      b.header("Content-Type", contentType);
    }
    if (headers.length > 0) {
      b.headers(headers);
    }
    return server.send(b.build());
  }

  public static HttpResponse<byte[]> post(TestServer server, String path, String geojson, String... headers) {
    return send(server, "POST", path, GEOJSON, geojson, headers);
  }

  public static HttpResponse<byte[]> put(TestServer server, String path, String etag, String geojson, String... headers) {
    return send(server, "PUT", path, GEOJSON, geojson, with("If-Match", etag, headers));
  }

  public static HttpResponse<byte[]> patch(TestServer server, String path, String etag, String patch, String... headers) {
    return send(server, "PATCH", path, MERGE_PATCH, patch, with("If-Match", etag, headers));
  }

  public static HttpResponse<byte[]> delete(TestServer server, String path, String etag, String... headers) {
    return send(server, "DELETE", path, null, null, with("If-Match", etag, headers));
  }

  /** The ETag of the feature at {@code path} now. */
  public static String etag(TestServer server, String path) {
    return server.get(path).headers().firstValue("ETag").orElseThrow(() -> new AssertionError("no ETag at " + path));
  }

  public static String etag(HttpResponse<byte[]> r) {
    return r.headers().firstValue("ETag").orElseThrow(() -> new AssertionError("no ETag from " + r.uri()));
  }

  public static JsonNode json(String text) {
    try {
      return JsonMapper.MAPPER.readTree(text);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  /** A GeoJSON Feature. */
  public static String feature(String geometry, String properties) {
    return "{\"type\":\"Feature\",\"geometry\":" + geometry + ",\"properties\":" + properties + "}";
  }

  /** A footpath's properties. */
  public static String footpath(String cls, double width) {
    return "{\"class\":\"" + cls + "\",\"width_m\":" + width + ",\"state\":\"proposed\"}";
  }

  /** A GeoJSON LineString of lon/lat pairs. */
  public static String line(double... lonLat) {
    List<String> positions = new ArrayList<>();
    for (int i = 0; i < lonLat.length; i += 2) {
      positions.add("[" + lonLat[i] + "," + lonLat[i + 1] + "]");
    }
    return "{\"type\":\"LineString\",\"coordinates\":[" + String.join(",", positions) + "]}";
  }

  /** The first column of the first row of a query, with the values bound; null when no row. */
  public static Object scalar(TestServer server, String sql, Object... values) {
    try (Connection c = server.database().dataSource().getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < values.length; i++) {
        ps.setObject(i + 1, values[i]);
      }
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getObject(1) : null;
      }
    } catch (SQLException e) {
      throw new AssertionError(e);
    }
  }

  public static long count(TestServer server, String sql, Object... values) {
    return ((Number) scalar(server, sql, values)).longValue();
  }

  private static String[] with(String name, String value, String... headers) {
    if (value == null) {
      return headers;
    }
    String[] all = new String[headers.length + 2];
    all[0] = name;
    all[1] = value;
    System.arraycopy(headers, 0, all, 2, headers.length);
    return all;
  }
}
