package org.coplan.auth;

import java.util.Locale;
import java.util.Optional;

/** What an API token may do: only read, or read and change. */
public enum TokenScope {
  READ,
  READ_WRITE;

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<TokenScope> parse(String id) {
    for (TokenScope s : values()) {
      if (s.id().equals(id)) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }
}
