package org.coplan.layers;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import org.coplan.http.Link;
import org.coplan.settlements.Plan;

/** The JSON documents of OGC API - Features Part 1 (Core) for one plan, with their links. */
final class OgcJson {
  static final String CRS84 = Crs.CRS84.uri();

  /**
   * What the API implements: Part 1 (Core, its OpenAPI 3.0 definition, GeoJSON), Part 2 (CRS by
   * reference) and Part 4 (create, replace, delete; update by JSON Merge Patch).
   */
  static final List<String> CONFORMS_TO =
      List.of(
          "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core",
          "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30",
          "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson",
          "http://www.opengis.net/spec/ogcapi-features-2/1.0/conf/crs",
          "http://www.opengis.net/spec/ogcapi-features-4/1.0/conf/create-replace-delete",
          "http://www.opengis.net/spec/ogcapi-features-4/1.0/conf/update",
          "http://www.opengis.net/spec/ogcapi-features-4/1.0/conf/features");

  private OgcJson() {}

  record LandingPage(String title, String description, List<Link> links) {}

  record Conformance(List<String> conformsTo) {}

  /** @param crs every CRS the plan's collections can be read in (Part 2's global list) */
  record Collections(List<Link> links, List<String> crs, List<Collection> collections) {}

  /**
   * A collection; {@code extent} is left out for a layer with no features in the plan. {@code crs}
   * lists the CRSs its items can be read and written in, {@code storageCrs} the one they are stored
   * in (Part 2).
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Collection(
      String id,
      String title,
      String description,
      Extent extent,
      String itemType,
      List<String> crs,
      String storageCrs,
      List<Link> links) {}

  record Extent(Spatial spatial) {}

  /** One box (min lon, min lat, max lon, max lat): the standard's array of boxes with one member. */
  record Spatial(List<double[]> bbox, String crs) {}

  /** The plan's OGC API root, e.g. {@code http://host/api/settlements/tandale/plans/baseline}. */
  static String root(URI base, Plan plan) {
    return base + "api/settlements/" + plan.settlementId() + "/plans/" + plan.id();
  }

  static LandingPage landingPage(URI base, String settlementName, Plan plan) {
    String root = root(base, plan);
    String description = plan.description() == null ? plan.name() : plan.description();
    return new LandingPage(
        settlementName + ": " + plan.name(),
        description,
        List.of(
            new Link(root, "self", Link.JSON, "This document"),
            new Link(base + "api/openapi.json", "service-desc", Link.OPENAPI, "The API definition"),
            new Link(root + "/conformance", "conformance", Link.JSON, "Conformance classes implemented"),
            new Link(root + "/collections", "data", Link.JSON, "The plan's layers"),
            new Link(base + "api/settlements/" + plan.settlementId(), "up", Link.JSON, "The settlement")));
  }

  static Collection collection(URI base, Plan plan, Layer layer, Optional<double[]> extent, List<Crs> crs) {
    String self = root(base, plan) + "/collections/" + layer.id();
    return new Collection(
        layer.id(),
        layer.title(),
        layer.description(),
        extent.map(box -> new Extent(new Spatial(List.of(box), CRS84))).orElse(null),
        "feature",
        Crs.uris(crs),
        CRS84,
        List.of(
            new Link(self, "self", Link.JSON, layer.title()),
            new Link(self + "/items", "items", Link.GEOJSON, layer.title() + " as GeoJSON")));
  }

  static Collections collections(URI base, Plan plan, List<Collection> collections, List<Crs> crs) {
    return new Collections(
        List.of(new Link(root(base, plan) + "/collections", "self", Link.JSON, "The plan's layers")),
        Crs.uris(crs),
        collections);
  }
}
