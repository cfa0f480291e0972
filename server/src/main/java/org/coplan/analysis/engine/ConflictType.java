package org.coplan.analysis.engine;

/**
 * Every kind of conflict the checks report, with its check (1–7 of the analysis definition in
 * docs/analysis.md) and default severity. The wire name is the lower-case constant.
 */
public enum ConflictType {
  /** 1: a planned corridor leaves a structure too little: it must move. */
  CORRIDOR_RELOCATION(1, Severity.HIGH),
  /** 1: a planned corridor cuts a structure, which can be trimmed. */
  CORRIDOR_TRIM(1, Severity.MEDIUM),
  /** 1: an existing path's centre line crosses a structure: the map disagrees with itself. */
  PATH_CROSSES_STRUCTURE(1, Severity.DATA_QUALITY),
  /** 2: inside a no-build constraint or its setback. */
  CONSTRAINT_NO_BUILD(2, Severity.HIGH),
  /** 2: inside a conditional constraint or its setback. */
  CONSTRAINT_CONDITIONAL(2, Severity.MEDIUM),
  /** 2: inside an advisory constraint or its setback. */
  CONSTRAINT_ADVISORY(2, Severity.LOW),
  /** 3: a service placed inside a structure. */
  SERVICE_IN_STRUCTURE(3, Severity.MEDIUM),
  /** 3: a service placed inside a planned corridor. */
  SERVICE_IN_CORRIDOR(3, Severity.MEDIUM),
  /** 3: a toilet nearer a water point than the norm. */
  TOILET_NEAR_WATER(3, Severity.HIGH),
  /** 4: the nearest tap is farther than the norm along the paths. */
  WATER_ACCESS(4, Severity.MEDIUM),
  /** 4: the nearest toilet is farther than the norm along the paths. */
  TOILET_ACCESS(4, Severity.MEDIUM),
  /** 4: no road near enough for a fire hose. */
  FIRE_ACCESS(4, Severity.MEDIUM),
  /** 4: too far from every path to be reached along the network. */
  NOT_CONNECTED(4, Severity.MEDIUM),
  /** 4: more households have this service as their nearest than it is meant for. */
  SERVICE_OVERLOADED(4, Severity.MEDIUM),
  /** 5: no footpath or road within the frontage distance. */
  NO_FRONTAGE(5, Severity.MEDIUM),
  /** 5: a block more layers of structures deep than agreed (Brelsford et al. 2018). */
  BLOCK_DEPTH(5, Severity.LOW),
  /** 6: a cluster of structures closer than the fire-break gap, larger than agreed. */
  FIRE_CLUSTER(6, Severity.MEDIUM),
  /** 7: a point service on or beside a drain or sewer line. */
  SERVICE_NEAR_DRAIN(7, Severity.MEDIUM),
  /** 7: a service line running along inside a planned path's corridor or another sector's line strip. */
  OVERLAPPING_CORRIDORS(7, Severity.MEDIUM);

  /** How much a conflict matters; data-quality conflicts are mapping faults, not planning ones. */
  public enum Severity {
    HIGH, MEDIUM, LOW, DATA_QUALITY;

    public String id() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  private final int check;
  private final Severity severity;

  ConflictType(int check, Severity severity) {
    this.check = check;
    this.severity = severity;
  }

  public int check() {
    return check;
  }

  public Severity severity() {
    return severity;
  }

  public String id() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
