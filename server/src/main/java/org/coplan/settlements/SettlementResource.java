package org.coplan.settlements;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.Map;
import org.coplan.auth.Caller;
import org.coplan.auth.PublicEndpoint;

/**
 * {@code /api/settlements}: the settlements the caller may see, and one in detail with its plans.
 * The detail needs read access to the settlement, which access control checks before it runs.
 */
@Path("/api/settlements")
@Produces(MediaType.APPLICATION_JSON)
public final class SettlementResource {
  private final SettlementService service;
  private final IndicatorSource indicators;

  public SettlementResource(SettlementService service) {
    this(service, IndicatorSource.NONE);
  }

  public SettlementResource(SettlementService service, IndicatorSource indicators) {
    this.service = service;
    this.indicators = indicators;
  }

  /** Public settlements, and those the caller is a member of (all, for an admin). */
  @GET
  @PublicEndpoint
  public Map<String, List<SettlementJson.Summary>> list(@Context UriInfo uri, @Context SecurityContext security) {
    Caller caller = Caller.of(security);
    return Map.of(
        "settlements",
        service.list().stream()
            .filter(s -> caller.canSee(s.id(), s.isPublic()))
            .map(s -> SettlementJson.summary(s, uri.getBaseUri()))
            .toList());
  }

  @GET
  @Path("{sid}")
  public SettlementJson.Detail get(@PathParam("sid") String sid, @Context UriInfo uri) {
    Settlement s = service.require(sid);
    return SettlementJson.detail(s, service.plans(sid), uri.getBaseUri(), indicators.indicators(s.id()));
  }
}
