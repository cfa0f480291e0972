package org.coplan.analysis.engine;

import java.util.UUID;
import org.locationtech.jts.geom.Geometry;

/** A constraint area or line in metres. @param severity no_build, conditional or advisory */
public record Constraint(
    UUID id, long fid, String name, Geometry geometry, String kind, String severity, double setback) {

  public String label() {
    String k = kind.replace('_', ' ');
    return name != null && !name.isBlank() ? k + " '" + name + "'" : k + " C-" + fid;
  }
}
