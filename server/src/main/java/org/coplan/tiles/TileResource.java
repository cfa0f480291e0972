package org.coplan.tiles;

import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.coplan.http.Link;

/**
 * A plan's vector tiles ({@code tiles/{z}/{x}/{y}.mvt}), their TileJSON ({@code tiles.json}) and a
 * MapLibre style over them ({@code style.json}). Tiles change whenever the plan is edited, so
 * clients revalidate every time ({@code no-cache}) against a strong ETag and mostly get 304.
 * Compression is left to Jetty's GzipHandler, which keeps the ETags working (see TileResourceIT).
 */
@Path("/api/settlements/{sid}/plans/{pid}")
public final class TileResource {
  private static final CacheControl REVALIDATE = CacheControl.valueOf("no-cache");
  static final String CACHE_HEADER = "X-Tile-Cache";

  private final TileService service;

  public TileResource(TileService service) {
    this.service = service;
  }

  @GET
  @Path("tiles/{z}/{x}/{y}.mvt")
  @Produces(Link.MVT)
  public Response tile(
      @PathParam("sid") String sid,
      @PathParam("pid") String pid,
      @PathParam("z") String z,
      @PathParam("x") String x,
      @PathParam("y") String y,
      @Context HttpHeaders headers) {
    TileCache.Lookup lookup = service.tile(TileKey.parse(sid, pid, z, x, y));
    Tile tile = lookup.tile();
    // where the tile came from (memory, disk, database): for load tests and operators
    String source = lookup.source().name().toLowerCase(java.util.Locale.ROOT);
    if (tile.isEmpty()) {
      return Response.noContent().cacheControl(REVALIDATE).header(CACHE_HEADER, source).build();
    }
    EntityTag etag = new EntityTag(tile.etag());
    if (notModified(headers.getHeaderString(HttpHeaders.IF_NONE_MATCH), tile.etag())) {
      // most map requests are revalidations: answered without parsing or copying anything
      return Response.notModified(etag).cacheControl(REVALIDATE).header(CACHE_HEADER, source).build();
    }
    return Response.ok(tile.bytes(), Link.MVT).tag(etag).cacheControl(REVALIDATE).header(CACHE_HEADER, source).build();
  }

  @GET
  @Path("tiles.json")
  @Produces(MediaType.APPLICATION_JSON)
  public Response tileJson(@PathParam("sid") String sid, @PathParam("pid") String pid, @Context UriInfo uri) {
    // braces stay literal: a URI builder would escape them and break the template
    String tilesUrl = planUrl(uri, sid, pid) + "/tiles/{z}/{x}/{y}.mvt";
    return Response.ok(service.tileJson(sid, pid, tilesUrl)).cacheControl(REVALIDATE).build();
  }

  @GET
  @Path("style.json")
  @Produces(MediaType.APPLICATION_JSON)
  public Response style(@PathParam("sid") String sid, @PathParam("pid") String pid, @Context UriInfo uri) {
    ObjectNode style = service.style(sid, pid, planUrl(uri, sid, pid) + "/tiles.json");
    return Response.ok(style).cacheControl(REVALIDATE).build();
  }

  /**
   * If-None-Match (RFC 9110 13.1.2) against the tile's strong tag, compared weakly as the RFC says
   * for this header: {@code *}, or any listed tag with or without {@code W/}.
   */
  static boolean notModified(String ifNoneMatch, String etag) {
    if (ifNoneMatch == null || ifNoneMatch.isEmpty()) {
      return false;
    }
    int from = 0;
    while (from < ifNoneMatch.length()) {
      int comma = ifNoneMatch.indexOf(',', from);
      int to = comma < 0 ? ifNoneMatch.length() : comma;
      String tag = ifNoneMatch.substring(from, to).trim();
      if (tag.startsWith("W/")) {
        tag = tag.substring(2);
      }
      if (tag.equals("*")
          || (tag.length() == etag.length() + 2 && tag.charAt(0) == '"' && tag.endsWith("\"") && tag.regionMatches(1, etag, 0, etag.length()))) {
        return true;
      }
      from = to + 1;
    }
    return false;
  }

  /**
   * The plan's absolute URL as the client addressed it (through a proxy, via X-Forwarded-*). The
   * ids are safe to concatenate: the service has found them, and stored ids are [a-z0-9-] only.
   */
  private static String planUrl(UriInfo uri, String sid, String pid) {
    return uri.getBaseUri() + "api/settlements/" + sid + "/plans/" + pid;
  }
}
