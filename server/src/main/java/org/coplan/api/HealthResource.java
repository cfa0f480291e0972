package org.coplan.api;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.sql.DataSource;
import org.coplan.auth.PublicEndpoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code GET /health}: 200 while the database answers, 503 when it does not. */
@Path("/health")
@PublicEndpoint
public final class HealthResource {
  private static final Logger LOG = LoggerFactory.getLogger(HealthResource.class);
  private final DataSource dataSource;

  public HealthResource(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  public Response health() {
    Map<String, Object> body = new LinkedHashMap<>();
    Map<String, Object> db = new LinkedHashMap<>();
    long start = System.nanoTime();
    try (Connection c = dataSource.getConnection();
        Statement st = c.createStatement()) {
      st.setQueryTimeout(5);
      try (ResultSet rs = st.executeQuery("SELECT postgis_lib_version(), current_setting('server_version')")) {
        rs.next();
        db.put("status", "up");
        db.put("postgis", rs.getString(1));
        db.put("postgresql", rs.getString(2));
      }
    } catch (Exception e) {
      LOG.warn("Health check: database unavailable: {}", e.getMessage());
      db.put("status", "down");
    }
    db.put("latencyMs", (System.nanoTime() - start) / 1_000_000);
    boolean up = "up".equals(db.get("status"));
    body.put("status", up ? "up" : "down");
    body.put("database", db);
    return Response.status(up ? 200 : 503).type(MediaType.APPLICATION_JSON).entity(body).build();
  }
}
