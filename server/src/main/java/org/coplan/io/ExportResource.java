package org.coplan.io;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import org.coplan.auth.Requires;
import org.coplan.auth.Role;

/**
 * {@code GET /api/settlements/{sid}/plans/{pid}/export?format=gpkg|shp|geojson|kml|csv|dxf&layers=a,b}.
 * Engineers, planners and admins export (the role table of docs/security.md); viewers and
 * community reviewers read the same features through the OGC API and the map, but bulk files for
 * CAD and GIS are an engineer's tool.
 */
@Path("/api/settlements/{sid}/plans/{pid}/export")
public final class ExportResource {
  private final ExportService exports;

  public ExportResource(ExportService exports) {
    this.exports = exports;
  }

  @GET
  @Requires(Role.ENGINEER)
  public Response export(
      @PathParam("sid") String sid, @PathParam("pid") String pid, @QueryParam("format") String format,
      @QueryParam("layers") String layers) {
    ExportService.Exported e = exports.export(sid, pid, format, layers);
    return Response.ok(e.bytes())
        .type(e.mediaType())
        .header("Content-Disposition", "attachment; filename=\"" + e.fileName().replaceAll("[^A-Za-z0-9._-]", "_") + "\"")
        .header("Cache-Control", "no-store")
        .build();
  }
}
