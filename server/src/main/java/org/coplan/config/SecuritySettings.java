package org.coplan.config;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Checks the security options that end up in response headers, so that a typo stops start-up with
 * a clear message instead of producing a header that browsers silently ignore, and so that no
 * option can smuggle a second directive or header into a response.
 */
final class SecuritySettings {
  /** A CSP source expression: a quoted keyword, a scheme, or a host source with optional scheme, port and path. */
  private static final Pattern CSP_SOURCE =
      Pattern.compile("'(self|none)'|[a-z][a-z0-9+.-]*:|([a-z][a-z0-9+.-]*://)?(\\*\\.)?[a-z0-9.-]+(:(\\d{1,5}|\\*))?(/[^\\s;,']*)?", Pattern.CASE_INSENSITIVE);

  private SecuritySettings() {}

  static String frameAncestors(String value) {
    String trimmed = value == null ? "" : value.trim();
    if (trimmed.isEmpty()) {
      throw new ConfigException("frame-ancestors must not be empty; use 'none' to forbid all framing");
    }
    for (String source : trimmed.split("\\s+")) {
      if (!CSP_SOURCE.matcher(source).matches()) {
        throw new ConfigException(
            "frame-ancestors: '" + source + "' is not a CSP source (examples: 'self' 'none' https://example.org)");
      }
    }
    return String.join(" ", trimmed.split("\\s+"));
  }

  /** Comma-separated origins, each {@code *} or {@code scheme://host[:port]} without a path. */
  static List<String> corsOrigins(String value) {
    List<String> origins = new ArrayList<>();
    if (value == null || value.isBlank()) {
      return origins;
    }
    for (String raw : value.split(",")) {
      String origin = raw.trim();
      if (origin.isEmpty()) {
        continue;
      }
      if (origin.equals("*")) {
        origins.add(origin);
        continue;
      }
      try {
        URI uri = new URI(origin);
        boolean plain =
            uri.getScheme() != null
                && uri.getHost() != null
                && (uri.getRawPath() == null || uri.getRawPath().isEmpty())
                && uri.getRawQuery() == null
                && uri.getRawFragment() == null
                && uri.getRawUserInfo() == null;
        if (!plain) {
          throw new URISyntaxException(origin, "not scheme://host[:port]");
        }
        origins.add(origin.toLowerCase(Locale.ROOT));
      } catch (URISyntaxException e) {
        throw new ConfigException(
            "cors-origins: '" + origin + "' is not an origin like https://maps.example.org (no path, no trailing slash)");
      }
    }
    return origins;
  }

  private static final Pattern IP_LITERAL = Pattern.compile("[0-9A-Fa-f:.]+");

  /** Parses a comma-separated list of IP address literals (no host names: no DNS at start-up). */
  static List<InetAddress> trustedProxies(String list) {
    List<InetAddress> out = new ArrayList<>();
    for (String part : list.split(",")) {
      String address = part.trim();
      if (address.isEmpty()) {
        continue;
      }
      if (!IP_LITERAL.matcher(address).matches()) {
        throw new ConfigException("trusted-proxies takes IP addresses, not '" + address + "'");
      }
      try {
        out.add(InetAddress.getByName(address));
      } catch (UnknownHostException e) {
        throw new ConfigException("trusted-proxies: not an IP address: '" + address + "'");
      }
    }
    return out;
  }
}
