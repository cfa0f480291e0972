package org.coplan.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.Map;
import org.coplan.auth.PublicEndpoint;
import org.coplan.config.CoplanConfig;
import org.coplan.http.Link;
import org.coplan.settlements.SettlementResource;

/** {@code GET /api}: what this server offers, the settlements, and what the map page needs. */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
@PublicEndpoint
public final class LandingResource {
  @JsonInclude(JsonInclude.Include.ALWAYS)
  record Basemap(String url, String attribution) {}

  @JsonInclude(JsonInclude.Include.ALWAYS)
  record Landing(String title, String description, Basemap basemap, Object settlements, List<Link> links) {}

  private final CoplanConfig.MapPage map;
  private final SettlementResource settlements;

  public LandingResource(CoplanConfig.MapPage map, SettlementResource settlements) {
    this.map = map;
    this.settlements = settlements;
  }

  @GET
  public Landing landing(@Context UriInfo uri, @Context SecurityContext security) {
    String base = uri.getBaseUri().toString();
    Basemap basemap =
        map.basemapUrl() == null || map.basemapUrl().isBlank()
            ? null
            : new Basemap(map.basemapUrl(), map.basemapAttribution());
    Map<String, ?> list = settlements.list(uri, security);
    return new Landing(
        "coplan",
        "Co-producing the layout of informal settlement upgrades",
        basemap,
        list.get("settlements"),
        List.of(
            new Link(base + "api", "self", Link.JSON, "This document"),
            new Link(base + "api/openapi.json", "service-desc", Link.OPENAPI, "The API definition"),
            new Link(base + "api/settlements", "data", Link.JSON, "Settlements"),
            new Link(base + "health", "status", Link.JSON, "Server health")));
  }
}
