package org.coplan.auth;

import java.util.Locale;
import java.util.Optional;

/**
 * A member's role in one settlement, from least to most trusted. Each role may do what the roles
 * below it may: an engineer may do whatever a community reviewer may, a planner whatever an
 * engineer may. Server-wide admins are not a role: they may do everything everywhere.
 */
public enum Role {
  /** reads the settlement's plans */
  VIEWER,
  /** reads, and comments and reacts on plans shared for review (the review feature) */
  COMMUNITY_REVIEWER,
  /** reads, writes geometry through the API, exports */
  ENGINEER,
  /** edits every layer and plan, manages plans, members and share links */
  PLANNER;

  /** Whether this role may do what {@code required} may. */
  public boolean includes(Role required) {
    return compareTo(required) >= 0;
  }

  /** The name in the database and the API: {@code planner}, {@code community_reviewer}... */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<Role> parse(String id) {
    if (id == null) {
      return Optional.empty();
    }
    for (Role r : values()) {
      if (r.id().equals(id.trim().toLowerCase(Locale.ROOT))) {
        return Optional.of(r);
      }
    }
    return Optional.empty();
  }
}
