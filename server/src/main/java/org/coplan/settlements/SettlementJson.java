package org.coplan.settlements;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.net.URI;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.coplan.http.Link;
import org.locationtech.jts.geom.Geometry;

/** The JSON shapes of settlements and plans, with their links. */
final class SettlementJson {
  private SettlementJson() {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Summary(
      String id,
      String name,
      String category,
      String categoryReason,
      double[] bbox,
      int metricSrid,
      String metricCrs,
      boolean isPublic,
      List<Link> links) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Detail(
      String id,
      String name,
      String category,
      String categoryReason,
      String notes,
      double[] bbox,
      int metricSrid,
      String metricCrs,
      boolean isPublic,
      Geometry boundary,
      List<PlanJson> plans,
      Object indicators,
      OffsetDateTime createdAt,
      OffsetDateTime updatedAt,
      List<Link> links) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  record PlanJson(String id, String name, String description, String status, String basedOn, List<Link> links) {}

  static String crsUri(int srid) {
    return "http://www.opengis.net/def/crs/EPSG/0/" + srid;
  }

  static Summary summary(Settlement s, URI base) {
    return new Summary(
        s.id(), s.name(), s.category(), s.categoryReason(), s.bbox(), s.metricSrid(), crsUri(s.metricSrid()), s.isPublic(), links(s, base));
  }

  /** @param indicators what informs the category (from the analysis), null when not shown */
  static Detail detail(Settlement s, List<Plan> plans, URI base, Object indicators) {
    List<PlanJson> planJson = new ArrayList<>();
    for (Plan p : plans) {
      String href = base + "api/settlements/" + s.id() + "/plans/" + p.id();
      planJson.add(
          new PlanJson(
              p.id(),
              p.name(),
              p.description(),
              p.status(),
              p.basedOn(),
              List.of(
                  new Link(href, "item", Link.JSON, "OGC API - Features landing page of plan " + p.name()),
                  new Link(href + "/tiles.json", "tiles", Link.JSON, "TileJSON of plan " + p.name()),
                  new Link(href + "/style.json", "stylesheet", "application/vnd.mapbox.style+json", "MapLibre style"))));
    }
    return new Detail(
        s.id(), s.name(), s.category(), s.categoryReason(), s.notes(), s.bbox(), s.metricSrid(), crsUri(s.metricSrid()),
        s.isPublic(), s.boundary(), planJson, indicators, s.createdAt(), s.updatedAt(), links(s, base));
  }

  private static List<Link> links(Settlement s, URI base) {
    String self = base + "api/settlements/" + s.id();
    return List.of(
        new Link(self, "self", Link.JSON, s.name()),
        new Link(self + "/plans/baseline", "data", Link.JSON, "Existing conditions (OGC API - Features)"),
        new Link(self + "/plans/baseline/style.json", "stylesheet", "application/vnd.mapbox.style+json", "Map style of the existing conditions"));
  }
}
