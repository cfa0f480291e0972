package org.coplan.settlements;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.coplan.http.ApiProblem.Fault;
import org.coplan.http.GeoJsonGeometryReader;
import org.coplan.http.JsonFields;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.PrecisionModel;
import org.locationtech.jts.operation.valid.IsValidOp;
import org.locationtech.jts.operation.valid.TopologyValidationError;

/**
 * What clients may set on a settlement, checked with every fault named at once (422). The category
 * decision of the rapid assessment (A, B1, B2, C) must come with its reason: relocation in
 * particular (B2, C) has to be explained to the people it affects.
 */
final class SettlementInput {
  static final List<String> CATEGORIES = List.of("A", "B1", "B2", "C", "unassessed");
  private static final Set<String> ON_CREATE =
      Set.of("id", "name", "boundary", "metricSrid", "notes", "category", "categoryReason", "attribution", "reason");
  private static final Set<String> ON_PATCH = Set.of("name", "notes", "category", "categoryReason", "attribution", "reason");
  private static final GeometryFactory CRS84 = new GeometryFactory(new PrecisionModel(), 4326);

  /** The members a PATCH may change, as they are or will be. */
  record Editable(String name, String notes, String category, String categoryReason, String attribution) {
    boolean categoryChanged(Editable before) {
      return !Objects.equals(category, before.category);
    }
  }

  /** A new settlement; {@code id} and {@code metricSrid} are null when the server is to choose. */
  record New(String id, Geometry boundary, Integer metricSrid, Editable fields) {}

  private SettlementInput() {}

  static New create(JsonNode body) {
    JsonFields f = new JsonFields(body);
    f.only(ON_CREATE);
    String id = f.text("id", false, 63);
    if (id != null && !Slug.valid(id)) {
      f.fault("id", "must be " + Slug.RULE + "; got '" + id + "'");
    }
    Geometry boundary = boundary(f);
    Integer srid = f.integer("metricSrid");
    Editable fields = editable(f, new Editable(null, null, "unassessed", null, null));
    f.failIfAny("the settlement cannot be created");
    return new New(id, boundary, srid, fields);
  }

  /** The settlement's fields after a merge patch of {@code current}. */
  static Editable patch(JsonNode patch, Editable current) {
    JsonFields f = new JsonFields(patch);
    f.only(ON_PATCH);
    Editable next = editable(f, current);
    if (next.categoryChanged(current) && !f.has("categoryReason") && !next.category().equals("unassessed")) {
      f.fault("categoryReason", "is required with a new category: say why " + next.category() + " was decided");
    }
    f.failIfAny("the settlement cannot be changed");
    return next.category().equals("unassessed") && next.categoryChanged(current)
        ? new Editable(next.name(), next.notes(), next.category(), null, next.attribution())
        : next;
  }

  /** Members present in the body replace those of {@code base}; a member set to null clears it. */
  private static Editable editable(JsonFields f, Editable base) {
    String name = f.textOr("name", true, 200, base.name());
    if (name == null && f.node("name") == null) {
      f.fault("name", "is required");
    }
    String notes = f.textOr("notes", false, 10_000, base.notes());
    String category = f.textOr("category", true, 20, base.category());
    if (category != null && !CATEGORIES.contains(category)) {
      f.fault("category", "must be one of " + String.join(", ", CATEGORIES) + "; got '" + category + "'");
    }
    String reason = f.textOr("categoryReason", false, 5_000, base.categoryReason());
    if (category != null && !category.equals("unassessed") && reason == null && !f.has("categoryReason")) {
      f.fault("categoryReason", "is required when the category is " + category + ": say why it was decided");
    }
    String attribution = f.textOr("attribution", false, 500, base.attribution());
    return new Editable(name, notes, category, reason, attribution);
  }

  private static Geometry boundary(JsonFields f) {
    GeoJsonGeometryReader.Result read = GeoJsonGeometryReader.read(f.node("boundary"), "/boundary", CRS84);
    f.add(read.faults());
    Geometry g = read.geometry();
    if (g == null) {
      return null;
    }
    if (!(g.getGeometryType().equals("Polygon") || g.getGeometryType().equals("MultiPolygon"))) {
      f.fault("boundary", "must be a Polygon or MultiPolygon; got " + g.getGeometryType());
      return null;
    }
    for (Coordinate c : g.getCoordinates()) {
      if (Math.abs(c.x) > 180 || Math.abs(c.y) > 90) {
        f.add(
            List.of(
                Fault.at(
                    "/boundary",
                    "positions are longitude, latitude in degrees (CRS84); [" + c.x + ", " + c.y + "] is not",
                    new double[] {c.x, c.y})));
        return null;
      }
    }
    TopologyValidationError error = new IsValidOp(g).getValidationError();
    if (error != null) {
      Coordinate at = error.getCoordinate();
      f.add(List.of(Fault.at("/boundary", "invalid boundary: " + error.getMessage(), new double[] {at.x, at.y})));
      return null;
    }
    return g;
  }
}
