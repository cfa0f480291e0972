package org.coplan.analysis.engine;

import java.util.Set;
import java.util.UUID;
import org.locationtech.jts.geom.Geometry;

/** A service point or line in metres. @param capacity households it is meant to serve, null when not given */
public record Service(
    UUID id, long fid, String name, Geometry geometry, String type, String state, Integer capacity, String sector) {

  static final Set<String> TOILETS = Set.of("toilet", "toilet_block");
  static final Set<String> DRAINS = Set.of("stormwater_drain", "sewer");

  public boolean water() {
    return "water_point".equals(type);
  }

  public boolean toilet() {
    return TOILETS.contains(type);
  }

  public boolean drainLine() {
    return DRAINS.contains(type);
  }

  /** Services that occupy ground where people walk or live (not lines, not open spaces). */
  public boolean point() {
    return geometry.getDimension() == 0;
  }

  /** A service the plan asks for rather than one that exists. */
  public boolean planned() {
    return "proposed".equals(state) || "agreed".equals(state);
  }

  /** Sector of the service, its type when no sector is recorded. */
  public String sectorOrType() {
    return sector != null && !sector.isBlank() ? sector : type;
  }

  public String label() {
    String kind = type.replace('_', ' ');
    return name != null && !name.isBlank() ? kind + " '" + name + "'" : kind + " V-" + fid;
  }
}
