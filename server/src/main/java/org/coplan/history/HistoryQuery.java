package org.coplan.history;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.coplan.http.ApiProblem;
import org.coplan.layers.Layer;

/**
 * The filters and page of a history request. Pages are keyed by the log's sequence number
 * ({@code before}: entries older than that one), not by offset, so that changes made while a
 * client pages through never shift what it sees.
 *
 * @param author exact author name, or null for all
 * @param from inclusive lower bound of the change time, or null
 * @param to exclusive upper bound of the change time, or null
 * @param layer a layer id (only feature changes), or null
 * @param plan a plan id (its plan and feature changes), or null
 * @param before only entries with a smaller sequence number, or null for the newest
 */
record HistoryQuery(
    String settlementId, String author, OffsetDateTime from, OffsetDateTime to, String layer, String plan, Long before, int limit) {
  static final int DEFAULT_LIMIT = 100;
  static final int MAX_LIMIT = 1000;
  private static final Pattern WHOLE = Pattern.compile("\\d{1,18}");

  static HistoryQuery parse(
      String settlementId, String author, String from, String to, String layer, String plan, String before, String limit) {
    if (layer != null && Layer.byId(layer).isEmpty()) {
      throw ApiProblem.badParameter(
          "layer",
          "must be one of " + Arrays.stream(Layer.values()).map(Layer::id).collect(Collectors.joining(", ")) + "; got '" + layer + "'");
    }
    return new HistoryQuery(
        settlementId,
        blankToNull(author),
        time("from", from),
        time("to", to),
        layer,
        blankToNull(plan),
        before == null ? null : whole("before", before, 0),
        limit == null ? DEFAULT_LIMIT : (int) Math.min(MAX_LIMIT, whole("limit", limit, 1)));
  }

  private static OffsetDateTime time(String name, String raw) {
    if (raw == null) {
      return null;
    }
    try {
      return OffsetDateTime.parse(raw);
    } catch (DateTimeParseException e) {
      throw ApiProblem.badParameter(name, "must be an RFC 3339 time such as 2025-03-01T00:00:00Z; got '" + raw + "'");
    }
  }

  private static long whole(String name, String raw, long min) {
    if (!WHOLE.matcher(raw).matches() || Long.parseLong(raw) < min) {
      throw ApiProblem.badParameter(name, "must be a whole number from " + min + "; got '" + raw + "'");
    }
    return Long.parseLong(raw);
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }
}
