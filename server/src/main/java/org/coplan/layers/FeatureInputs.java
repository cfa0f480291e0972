package org.coplan.layers;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.coplan.http.ApiProblem;
import org.coplan.http.ApiProblem.Fault;
import org.coplan.http.GeoJsonGeometryReader;
import org.coplan.settlements.Settlement;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.PrecisionModel;

/**
 * Turns features as clients send them (GeoJSON, in the request's CRS) into what can be stored, or
 * into one 422 that lists every fault of every feature with its JSON pointer: the document's shape,
 * the attributes ({@link AttributeCheckOp}), the geometry's structure ({@link
 * GeoJsonGeometryReader}), type and validity ({@link GeometryCheckOp}), whether its coordinates can
 * be degrees and whether it lies near the settlement ({@link PlacementCheckOp}). Nothing is
 * written here; callers store the result only when all of it passed.
 */
final class FeatureInputs {
  /** A feature to send through the checks, and the pointer its faults are reported under. */
  record Sent(JsonNode feature, String pointer) {}

  /**
   * A feature that passed.
   *
   * @param geometry in storage CRS
   * @param repairs what {@code repair=true} changed in its geometry, as pointer, detail and location
   */
  record Checked(Geometry geometry, Map<String, Object> values, List<Fault> repairs) {}

  /** Where the features go and how they were sent. */
  record Target(Layer layer, Settlement settlement, Crs crs, boolean repair) {}

  private final CrsTransform transform;

  FeatureInputs(CrsTransform transform) {
    this.transform = transform;
  }

  /**
   * @param keepGeometry the stored geometry to keep instead of reading one (a merge patch that
   *     left the geometry alone), or null
   */
  List<Checked> check(Connection c, List<Sent> sent, Target target, Geometry keepGeometry) throws SQLException {
    GeometryFactory factory = new GeometryFactory(new PrecisionModel(), target.crs().srid());
    List<Fault> faults = new ArrayList<>();
    List<Geometry> geometries = new ArrayList<>();
    List<Map<String, Object>> values = new ArrayList<>();
    List<List<Fault>> repairs = new ArrayList<>();
    for (Sent s : sent) {
      JsonNode f = s.feature();
      String at = s.pointer();
      if (!f.isObject()) {
        faults.add(Fault.pointer(at, "must be a GeoJSON Feature object"));
        geometries.add(null);
        values.add(null);
        repairs.add(List.of());
        continue;
      }
      if (!"Feature".equals(f.path("type").asText(null))) {
        faults.add(Fault.pointer(at + "/type", "must be \"Feature\""));
      }
      AttributeCheckOp.Result attributes = AttributeCheckOp.check(f.get("properties"), target.layer(), at + "/properties");
      faults.addAll(attributes.faults());
      values.add(attributes.values());
      if (keepGeometry != null) {
        geometries.add(keepGeometry);
        repairs.add(List.of());
        continue;
      }
      GeometryCheckOp.Result geometry = readGeometry(f.get("geometry"), at + "/geometry", target, factory);
      faults.addAll(geometry.faults());
      geometries.add(geometry.geometry());
      repairs.add(geometry.repairs());
    }
    fail(faults, sent.size(), target.layer());
    if (keepGeometry != null) {
      return List.of(new Checked(keepGeometry, values.get(0), List.of()));
    }

    List<Geometry> stored = transform.toStorage(c, geometries, target.crs());
    Settlement settlement = target.settlement();
    for (int i = 0; i < sent.size(); i++) {
      String at = sent.get(i).pointer() + "/geometry";
      Geometry sentGeometry = geometries.get(i);
      if (stored.get(i) == null) {
        faults.add(
            Fault.at(
                at,
                "cannot be transformed from " + target.crs().uri() + ": its coordinates lie outside the area"
                    + " where that CRS is defined",
                new double[] {sentGeometry.getCoordinate().x, sentGeometry.getCoordinate().y}));
        continue;
      }
      PlacementCheckOp.checkNear(stored.get(i), sentGeometry, target.crs(), settlement.boundary(), settlement.name(), at)
          .ifPresent(faults::add);
    }
    fail(faults, sent.size(), target.layer());
    List<Checked> out = new ArrayList<>();
    for (int i = 0; i < sent.size(); i++) {
      out.add(new Checked(stored.get(i), values.get(i), repairs.get(i)));
    }
    return out;
  }

  private static GeometryCheckOp.Result readGeometry(JsonNode node, String at, Target target, GeometryFactory factory) {
    GeoJsonGeometryReader.Result read = GeoJsonGeometryReader.read(node, at, factory);
    if (read.geometry() == null) {
      return new GeometryCheckOp.Result(null, read.faults(), List.of());
    }
    if (target.crs().geographic()) {
      var degrees = PlacementCheckOp.checkDegrees(read.geometry(), target.crs(), at);
      if (degrees.isPresent()) {
        return new GeometryCheckOp.Result(null, List.of(degrees.get()), List.of());
      }
    }
    return GeometryCheckOp.check(read.geometry(), target.layer(), target.repair(), at);
  }

  /** Throws the 422 listing every fault, when there is any. */
  private static void fail(List<Fault> faults, int features, Layer layer) {
    if (faults.isEmpty()) {
      return;
    }
    String first =
        faults.stream().limit(3).map(f -> f.pointer() + ": " + f.detail()).collect(Collectors.joining("; "));
    String more = faults.size() > 3 ? "; and " + (faults.size() - 3) + " more" : "";
    String what = features == 1 ? "the feature" : "the features (all or none are stored; none were)";
    throw ApiProblem.invalidContent(
        what + " cannot be stored in '" + layer.id() + "': " + faults.size() + (faults.size() == 1 ? " problem: " : " problems: ")
            + first + more,
        faults);
  }
}
