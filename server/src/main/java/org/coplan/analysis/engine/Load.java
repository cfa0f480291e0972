package org.coplan.analysis.engine;

/**
 * How many households and people have a service as their nearest of its kind by walking distance,
 * against what it is meant to serve (check 4).
 *
 * @param capacity households it serves (its own capacity, else the rule set's per tap or toilet)
 * @param peopleCapacity people it serves (the rule set's people per toilet), 0 when not a norm
 */
public record Load(int households, int people, int capacity, int peopleCapacity) {
  public boolean over() {
    return households > capacity || (peopleCapacity > 0 && people > peopleCapacity);
  }
}
