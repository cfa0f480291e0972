package org.coplan.analysis.engine;

import java.util.UUID;
import org.locationtech.jts.geom.Polygon;

/**
 * A structure as the analysis sees it: footprint in metres, who lives there, and the groups it
 * belongs to (its cell, and any further grouping column the structures table has).
 *
 * @param groups grouping column → value (e.g. {@code cell → "C-12"}), absent values left out
 */
public record Structure(
    UUID id, long fid, String name, Polygon geometry, int households, int people, java.util.Map<String, String> groups) {

  public Structure {
    groups = java.util.Map.copyOf(groups);
  }

  /** The name, else the short feature number people see on the map. */
  public String label() {
    return name != null && !name.isBlank() ? "'" + name + "'" : "S-" + fid;
  }
}
