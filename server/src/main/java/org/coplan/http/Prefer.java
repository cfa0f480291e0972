package org.coplan.http;

import jakarta.ws.rs.core.HttpHeaders;
import java.util.List;
import java.util.Locale;

/**
 * The {@code return} preference of RFC 7240 ({@code Prefer: return=minimal} or {@code
 * return=representation}): whether a write answers with the stored resource or only its status
 * and headers. Without one, writes answer with the representation. A preference that was honoured
 * is echoed in {@code Preference-Applied}.
 */
public enum Prefer {
  MINIMAL("return=minimal"),
  REPRESENTATION("return=representation");

  public static final String APPLIED_HEADER = "Preference-Applied";

  private final String token;

  Prefer(String token) {
    this.token = token;
  }

  /** The token to send back in {@code Preference-Applied}. */
  public String token() {
    return token;
  }

  /**
   * The return preference of every {@code Prefer} header, the last one winning; null when there is
   * none. Other preferences and unknown values are ignored.
   */
  public static Prefer of(HttpHeaders headers) {
    Prefer found = null;
    List<String> values = headers.getRequestHeader("Prefer");
    for (String header : values == null ? List.<String>of() : values) {
      for (String preference : header.split(",")) {
        String p = preference.split(";", 2)[0].replace(" ", "").replace("\"", "").toLowerCase(Locale.ROOT);
        if (p.equals(MINIMAL.token)) {
          found = MINIMAL;
        } else if (p.equals(REPRESENTATION.token)) {
          found = REPRESENTATION;
        }
      }
    }
    return found;
  }
}
