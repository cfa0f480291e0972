package org.coplan.io;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.coplan.layers.Attribute;
import org.coplan.layers.Layer;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryCollection;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.locationtech.jts.geom.util.AffineTransformation;
import org.locationtech.jts.geom.util.GeometryFixer;
import org.locationtech.jts.io.WKBWriter;
import org.locationtech.jts.operation.distance.DistanceOp;
import org.locationtech.jts.operation.valid.IsValidOp;
import org.locationtech.jts.operation.valid.TopologyValidationError;

/**
 * Checks staged rows for a layer and finds every problem, without changing anything: no geometry,
 * a geometry type the layer does not take, invalid geometry (JTS {@link IsValidOp}, with what a
 * repair would make of it), identical geometries (duplicates: compared after normalising vertex
 * order, so a ring started at another corner is the same footprint), features outside the
 * settlement (warning) or farther than 10 km (an error, like the API's placement check: almost
 * always a CRS mistake), and attribute values that do not fit their attribute.
 *
 * <p>A single-part MultiPolygon (or MultiLineString, MultiPoint) is read as its one part when the
 * layer takes only the single type: Shapefiles cannot tell the two apart, so this is no change of
 * the data; it is counted in one {@code info} line. Multi geometries of several parts are an error.
 *
 * <p>The result also holds what a commit would write (the candidates), so preview and commit
 * cannot disagree.
 */
final class ImportCheckOp {
  record Candidate(int row, Geometry geometry, Map<String, Object> values, boolean outside) {}

  record Result(List<Candidate> candidates, List<ImportProblem> problems, Map<String, Integer> geometryTypes) {
    long errors() {
      return problems.stream().filter(ImportProblem::isError).count();
    }

    long warnings() {
      return problems.stream().filter(p -> p.severity().equals("warning")).count();
    }
  }

  /** What the rows are to become. */
  record Target(
      Layer layer, Map<String, String> mapping, Map<String, JsonNode> defaults, List<String> fields, Geometry boundary,
      boolean inWgs84) {}

  static final double FAR_M = 10_000;
  private static final double METRES_PER_DEGREE = 111_320;
  private static final Pattern DECIMAL_COMMA = Pattern.compile("^[-+]?\\d+,\\d+$");

  private ImportCheckOp() {}

  static Result check(List<SourceReader.Row> rows, Target t) {
    List<ImportProblem> problems = new ArrayList<>();
    mappingProblems(t, problems);
    Map<String, Integer> types = new TreeMap<>();
    Map<ByteBuffer, Integer> seen = new HashMap<>();
    Map<String, Integer> translated = new LinkedHashMap<>();
    PreparedGeometry inside = t.boundary() == null || !t.inWgs84() ? null : PreparedGeometryFactory.prepare(t.boundary());
    AffineTransformation toMetres = null;
    if (inside != null) {
      double lat = t.boundary().getEnvelopeInternal().centre().y;
      toMetres = AffineTransformation.scaleInstance(METRES_PER_DEGREE * Math.cos(Math.toRadians(lat)), METRES_PER_DEGREE);
    }
    Geometry boundaryMetres = toMetres == null ? null : toMetres.transform(t.boundary());
    int unwrapped = 0;
    List<Candidate> candidates = new ArrayList<>();
    WKBWriter wkb = new WKBWriter(2);
    for (SourceReader.Row r : rows) {
      Map<String, Object> values = values(r, t, problems, translated);
      Geometry g = r.geometry();
      if (g == null || g.isEmpty()) {
        problems.add(ImportProblem.error("no-geometry", r.number(), null, "the feature has no geometry" + commaHint(r)));
        continue;
      }
      if (!t.layer().geometryTypes().contains(g.getGeometryType()) && g instanceof GeometryCollection && g.getNumGeometries() == 1
          && t.layer().geometryTypes().contains(g.getGeometryN(0).getGeometryType())) {
        g = g.getGeometryN(0);
        unwrapped++;
      }
      types.merge(g.getGeometryType(), 1, Integer::sum);
      double[] first = {g.getCoordinate().x, g.getCoordinate().y};
      if (!t.layer().geometryTypes().contains(g.getGeometryType())) {
        String parts = g.getNumGeometries() > 1 ? " of " + g.getNumGeometries() + " parts" : "";
        problems.add(
            ImportProblem.error(
                    "wrong-geometry-type", r.number(), null,
                    "'" + t.layer().id() + "' takes " + String.join(" or ", t.layer().geometryTypes()) + "; this is a "
                        + g.getGeometryType() + parts)
                .at(first));
        continue;
      }
      if (t.inWgs84() && !inDegrees(g)) {
        problems.add(
            ImportProblem.error("crs-mismatch", r.number(), null, "coordinates outside longitude -180..180 / latitude -90..90")
                .at(first));
        continue;
      }
      TopologyValidationError invalid = new IsValidOp(g).getValidationError();
      if (invalid != null) {
        Coordinate at = invalid.getCoordinate();
        Geometry fixed = GeometryFixer.fix(g);
        boolean fits = !fixed.isEmpty() && t.layer().geometryTypes().contains(fixed.getGeometryType());
        String repair =
            fits
                ? "; repair=true would make it a " + describe(fixed) + areaKept(g, fixed)
                : "; repair would make it " + (fixed.isEmpty() ? "empty" : "a " + describe(fixed)) + ", which '"
                    + t.layer().id() + "' does not take: fix it in the source";
        ImportProblem p =
            ImportProblem.error("invalid-geometry", r.number(), null, "invalid geometry: " + invalid.getMessage() + repair)
                .at(at == null ? first : new double[] {at.x, at.y});
        problems.add(fits ? p.remedy("repair") : p);
      }
      Geometry normal = g.norm();
      Integer earlier = seen.putIfAbsent(ByteBuffer.wrap(wkb.write(normal)), r.number());
      if (earlier != null) {
        problems.add(
            ImportProblem.warning("duplicate", r.number(), null, "the same geometry as row " + earlier + " (imported twice if committed)")
                .at(first));
      }
      boolean outside = false;
      if (inside != null && !inside.intersects(g)) {
        outside = true;
        double metres = DistanceOp.distance(toMetres.transform(g), boundaryMetres);
        String far = String.format(Locale.ROOT, "%.0f m outside the settlement's boundary", metres);
        problems.add(
            metres > FAR_M
                ? ImportProblem.error(
                        "far-from-settlement", r.number(), null,
                        far + ": almost always a CRS mistake (check the declared CRS); skipOutside=true leaves it out")
                    .at(first)
                    .remedy("skipOutside")
                : ImportProblem.warning("outside-settlement", r.number(), null, far + " (skipOutside=true leaves it out)").at(first));
      }
      candidates.add(new Candidate(r.number(), g, values, outside));
    }
    if (unwrapped > 0) {
      problems.add(
          ImportProblem.info(
              "single-part", unwrapped + " single-part multi geometries were read as their one part (Shapefiles do not tell them apart)"));
    }
    translated.forEach((what, n) -> problems.add(ImportProblem.info("translated", n + " × " + what)));
    return new Result(candidates, problems, types);
  }

  private static void mappingProblems(Target t, List<ImportProblem> problems) {
    Map<String, Attribute> byName = new HashMap<>();
    t.layer().attributes().forEach(a -> byName.put(a.name(), a));
    t.mapping().forEach(
        (source, target) -> {
          if (!t.fields().contains(source)) {
            problems.add(ImportProblem.error("mapping", null, source, "the file has no field '" + source + "'; its fields are " + t.fields()));
          }
          if (!byName.containsKey(target)) {
            problems.add(
                ImportProblem.error(
                    "mapping", null, source, "'" + t.layer().id() + "' has no attribute '" + target + "'; it has "
                        + t.layer().attributes().stream().map(Attribute::name).toList()));
          }
        });
    for (Attribute a : t.layer().attributes()) {
      if (a.required() && !t.mapping().containsValue(a.name()) && !t.defaults().containsKey(a.name())) {
        problems.add(
            ImportProblem.error(
                "unmapped-required", null, a.name(),
                "'" + a.name() + "' is required in '" + t.layer().id() + "': map a field to it or give a default value"));
      }
    }
    t.defaults().forEach(
        (name, value) -> {
          Attribute a = byName.get(name);
          if (a == null) {
            problems.add(ImportProblem.error("mapping", null, name, "default for an attribute '" + t.layer().id() + "' does not have"));
          } else if (AttributeMapping.convert(value, a).fault() != null) {
            problems.add(ImportProblem.error("mapping", null, name, "default " + AttributeMapping.convert(value, a).fault()));
          }
        });
  }

  /** The row's attribute values by the mapping, defaults filling what it leaves empty. */
  private static Map<String, Object> values(
      SourceReader.Row r, Target t, List<ImportProblem> problems, Map<String, Integer> translated) {
    Map<String, Object> values = new LinkedHashMap<>();
    for (Attribute a : t.layer().attributes()) {
      String source = null;
      for (Map.Entry<String, String> e : t.mapping().entrySet()) {
        if (e.getValue().equals(a.name())) {
          source = e.getKey();
        }
      }
      Object value = null;
      if (source != null) {
        AttributeMapping.Converted c = AttributeMapping.convert(r.properties().get(source), a);
        if (c.fault() != null) {
          problems.add(ImportProblem.error("attribute-value", r.number(), source, "→ " + a.name() + ": " + c.fault()));
          continue;
        }
        if (c.translatedFrom() != null) {
          translated.merge(a.name() + " '" + c.translatedFrom() + "' → '" + c.value() + "' (OpenStreetMap highway tag)", 1, Integer::sum);
        }
        value = c.value();
      }
      if (value == null && t.defaults().containsKey(a.name())) {
        value = AttributeMapping.convert(t.defaults().get(a.name()), a).value();
      }
      if (value == null && a.required() && source != null) {
        problems.add(ImportProblem.error("missing-value", r.number(), source, "→ " + a.name() + ": is required and empty here; give a default"));
      }
      if (value != null) {
        values.put(a.name(), value);
      }
    }
    return values;
  }

  private static String commaHint(SourceReader.Row r) {
    for (var e : (Iterable<Map.Entry<String, JsonNode>>) r.properties()::fields) {
      if (e.getValue().isTextual() && DECIMAL_COMMA.matcher(e.getValue().asText().strip()).matches()) {
        return " ('" + e.getKey() + "' is '" + e.getValue().asText() + "': coordinates need a decimal point, not a comma)";
      }
    }
    return " (empty, or coordinates that are not numbers)";
  }

  private static boolean inDegrees(Geometry g) {
    for (Coordinate c : g.getCoordinates()) {
      if (Math.abs(c.x) > 180 || Math.abs(c.y) > 90) {
        return false;
      }
    }
    return true;
  }

  private static String describe(Geometry g) {
    return g.getNumGeometries() > 1 ? g.getGeometryType() + " of " + g.getNumGeometries() + " parts" : g.getGeometryType();
  }

  private static String areaKept(Geometry before, Geometry after) {
    if (before.getDimension() != 2) {
      return "";
    }
    double was = 0;
    for (int i = 0; i < before.getNumGeometries(); i++) {
      if (before.getGeometryN(i) instanceof org.locationtech.jts.geom.Polygon p) {
        was += org.locationtech.jts.algorithm.Area.ofRing(p.getExteriorRing().getCoordinateSequence());
      }
    }
    return was > 0 ? String.format(Locale.ROOT, " keeping %.1f%% of its area", 100 * after.getArea() / was) : "";
  }
}
