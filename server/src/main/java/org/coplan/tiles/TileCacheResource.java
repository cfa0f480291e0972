package org.coplan.tiles;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.coplan.auth.AdminOnly;

/** What the tile cache holds and has done since start ({@code GET /api/admin/tile-cache}), for admins. */
@Path("/api/admin/tile-cache")
@AdminOnly
public final class TileCacheResource {
  private final TileService service;

  public TileCacheResource(TileService service) {
    this.service = service;
  }

  @GET
  @Produces(MediaType.APPLICATION_JSON)
  public TileCache.Stats stats() {
    return service.cacheStats();
  }
}
