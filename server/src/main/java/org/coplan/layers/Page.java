package org.coplan.layers;

import java.math.BigInteger;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.coplan.http.ApiProblem;
import org.coplan.http.Link;

/**
 * One page of an items request: {@code offset} features skipped, at most {@code limit} returned,
 * in {@code fid} order. A limit above {@link #MAX_LIMIT} is clamped to it, as OGC API - Features
 * permits; 0, negative or non-integer values are refused.
 */
record Page(int offset, int limit) {
  static final int DEFAULT_LIMIT = 100;
  static final int MAX_LIMIT = 10_000;
  private static final Pattern INTEGER = Pattern.compile("[-+]?\\d+");

  static Page parse(String limit, String offset) {
    return new Page(parseOffset(offset), parseLimit(limit));
  }

  private static int parseLimit(String raw) {
    if (raw == null) {
      return DEFAULT_LIMIT;
    }
    BigInteger value = integer("limit", raw, "a whole number from 1 to " + MAX_LIMIT);
    if (value.signum() <= 0) {
      throw ApiProblem.badParameter("limit", "must be at least 1; got '" + raw + "'");
    }
    return value.min(BigInteger.valueOf(MAX_LIMIT)).intValueExact();
  }

  private static int parseOffset(String raw) {
    if (raw == null) {
      return 0;
    }
    BigInteger value = integer("offset", raw, "a whole number from 0");
    if (value.signum() < 0) {
      throw ApiProblem.badParameter("offset", "must not be negative; got '" + raw + "'");
    }
    if (value.compareTo(BigInteger.valueOf(Integer.MAX_VALUE)) > 0) {
      throw ApiProblem.badParameter("offset", "must be at most " + Integer.MAX_VALUE + "; got '" + raw + "'");
    }
    return value.intValueExact();
  }

  private static BigInteger integer(String parameter, String raw, String expected) {
    String trimmed = raw.trim();
    if (!INTEGER.matcher(trimmed).matches()) {
      throw ApiProblem.badParameter(parameter, "must be " + expected + "; got '" + raw + "'");
    }
    return new BigInteger(trimmed);
  }

  /** How many features this page holds when {@code matched} features match in all. */
  int returned(long matched) {
    return (int) Math.max(0, Math.min(limit, matched - offset));
  }

  /**
   * The links of a page: {@code self} is the request as made; {@code next} and {@code prev} are the
   * request with only {@code offset} and {@code limit} replaced, so every other parameter (bbox,
   * and ones this server ignores) is kept as the client wrote it. A next link appears only while
   * features remain, so a client following next links sees each feature once.
   */
  List<Link> links(URI request, long matched) {
    List<Link> links = new ArrayList<>();
    links.add(new Link(request.toString(), "self", Link.GEOJSON, "This page"));
    if ((long) offset + limit < matched) {
      links.add(new Link(withPaging(request, offset + limit), "next", Link.GEOJSON, "Next page"));
    }
    if (offset > 0) {
      links.add(new Link(withPaging(request, Math.max(0, offset - limit)), "prev", Link.GEOJSON, "Previous page"));
    }
    return links;
  }

  private String withPaging(URI request, int newOffset) {
    List<String> pairs = new ArrayList<>();
    if (request.getRawQuery() != null) {
      for (String pair : request.getRawQuery().split("&")) {
        String name = URLDecoder.decode(pair.split("=", 2)[0], StandardCharsets.UTF_8);
        if (!pair.isEmpty() && !name.equals("offset") && !name.equals("limit")) {
          pairs.add(pair);
        }
      }
    }
    pairs.add("limit=" + limit);
    pairs.add("offset=" + newOffset);
    String base = request.toString();
    int query = base.indexOf('?');
    return (query < 0 ? base : base.substring(0, query)) + "?" + String.join("&", pairs);
  }
}
