package org.coplan.analysis.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.operation.union.UnaryUnionOp;

/**
 * Check 1, corridor × structure, for one structure. A planned path (proposed, agreed, or changed by
 * the plan) is buffered to half its width plus the clearance; a structure whose interior it enters
 * is cut. The part taken is the structure minus the union of all corridors that cut it; when what
 * remains is below the agreed share of the footprint or below the minimum area, the structure must
 * be relocated, else it can be trimmed. A corridor only touching a structure's wall cuts nothing.
 *
 * <p>An existing (or built) path whose centre line crosses a structure is a mapping mismatch: it is
 * reported once per path and structure as a data-quality conflict and counts in no relocation.
 */
final class CorridorCheck {
  private CorridorCheck() {}

  /** The planned paths whose corridor cuts {@code s}, in fid order. */
  static List<Path> cutting(Structure s, PlanModel model, Zones zones) {
    Envelope box = new Envelope(s.geometry().getEnvelopeInternal());
    box.expandBy(zones.widestCorridor());
    List<Path> hits = new ArrayList<>();
    for (Path p : model.paths.near(box)) {
      if (p.planned() && zones.corridor(p).takes(s.geometry())) {
        hits.add(p);
      }
    }
    hits.sort(java.util.Comparator.comparingLong(Path::fid));
    return hits;
  }

  static void check(Structure s, PlanModel model, Zones zones, RuleSet rules, List<Conflict> out) {
    List<Path> hits = cutting(s, model, zones);
    if (!hits.isEmpty()) {
      List<Geometry> corridors = new ArrayList<>();
      List<FeatureRef> refs = new ArrayList<>(List.of(FeatureRef.of(s)));
      for (Path p : hits) {
        corridors.add(zones.corridor(p).buffer());
        refs.add(FeatureRef.of(p));
      }
      Geometry footprint = s.geometry();
      double area = footprint.getArea();
      Geometry taken = footprint.intersection(UnaryUnionOp.union(corridors));
      double takenArea = taken.getDimension() == 2 ? taken.getArea() : 0;
      double share = area > 0 ? takenArea / area : 0;
      double remainingArea = area - takenArea;
      RuleSet.Corridor norm = rules.corridor();
      boolean relocate = 1 - share < norm.minRemainingShare() || remainingArea < norm.minRemainingArea();
      Path first = hits.get(0);
      String pathText = first.label() + (hits.size() > 1 ? " and " + (hits.size() - 1) + " more" : "");
      Map<String, Object> params = Map.of(
          "path", pathText,
          "width", String.format(Locale.ROOT, "%.1f", first.width()),
          "share", (double) Math.round(share * 100),
          "structure", s.label(),
          "area", (double) Math.round(area),
          "keep", (double) Math.round(norm.minRemainingShare() * 100),
          "minArea", norm.minRemainingArea());
      Geometry where = taken.isEmpty() ? footprint : taken;
      out.add(Conflict.of(
          relocate ? ConflictType.CORRIDOR_RELOCATION : ConflictType.CORRIDOR_TRIM, s.id(), refs, where,
          round(1 - share), norm.minRemainingShare(), "share", params));
    }
    Envelope box = s.geometry().getEnvelopeInternal();
    List<Path> existing = new ArrayList<>(model.paths.near(box));
    existing.sort(java.util.Comparator.comparingLong(Path::fid));
    for (Path p : existing) {
      if (!p.planned() && p.geometry().crosses(s.geometry())) {
        Geometry inside = p.geometry().intersection(s.geometry());
        out.add(Conflict.of(
            ConflictType.PATH_CROSSES_STRUCTURE, s.id(), List.of(FeatureRef.of(s), FeatureRef.of(p)), inside,
            round(inside.getLength()), null, "m", Map.of("path", p.label(), "structure", s.label())));
      }
    }
  }

  static double round(double v) {
    return Math.round(v * 1000) / 1000.0;
  }
}
