package org.coplan.analysis.engine;

import java.util.UUID;
import org.locationtech.jts.geom.LineString;

/**
 * A footpath, lane or road centre line in metres.
 *
 * @param state existing, proposed, agreed or built
 * @param changedByPlan true when the plan itself added or changed this path (not a baseline row)
 */
public record Path(
    UUID id, long fid, String name, LineString geometry, String pathClass, double width, String surface, String state,
    boolean changedByPlan) {

  /** A path whose corridor the plan asks for: proposed, agreed, or changed by the plan. */
  public boolean planned() {
    return changedByPlan || "proposed".equals(state) || "agreed".equals(state);
  }

  /** Roads and lanes carry fire engines; footpaths do not. */
  public boolean road() {
    return "road".equals(pathClass) || "lane".equals(pathClass);
  }

  public boolean paved() {
    return "paved".equals(surface) || "concrete".equals(surface);
  }

  public String label() {
    String kind = switch (pathClass) {
      case "road" -> "road";
      case "lane" -> "lane";
      default -> "footpath";
    };
    String what = (state == null ? "" : capitalised(state) + " ") + kind;
    return (name != null && !name.isBlank() ? what + " '" + name + "'" : what + " P-" + fid);
  }

  private static String capitalised(String s) {
    return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }
}
