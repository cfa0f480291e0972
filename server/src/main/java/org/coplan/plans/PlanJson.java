package org.coplan.plans;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.net.URI;
import java.time.OffsetDateTime;
import java.util.List;
import org.coplan.http.Link;
import org.coplan.settlements.Plan;

/** A plan as the plans endpoints serve it, with the links to everything it offers. */
@JsonInclude(JsonInclude.Include.NON_NULL)
record PlanJson(
    String id,
    String name,
    String description,
    String status,
    String basedOn,
    OffsetDateTime createdAt,
    OffsetDateTime updatedAt,
    List<Link> links) {

  static String url(URI base, String settlementId, String planId) {
    return base + "api/settlements/" + settlementId + "/plans/" + planId;
  }

  static PlanJson of(Plan p, URI base) {
    String href = url(base, p.settlementId(), p.id());
    return new PlanJson(
        p.id(),
        p.name(),
        p.description(),
        p.status(),
        p.basedOn(),
        p.createdAt(),
        p.updatedAt(),
        List.of(
            new Link(href, "item", Link.JSON, "OGC API - Features landing page of the plan"),
            new Link(href + "/changes", "changes", Link.JSON, "What the plan changes against the baseline"),
            new Link(href + "/tiles.json", "tiles", Link.JSON, "TileJSON of the plan"),
            new Link(href + "/style.json", "stylesheet", "application/vnd.mapbox.style+json", "MapLibre style")));
  }
}
