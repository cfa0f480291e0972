package org.coplan.layers;

import java.util.List;
import org.coplan.http.ApiProblem;

/**
 * The {@code f} parameter OGC API clients use to pick an encoding without an Accept header. Only
 * JSON encodings exist here, so its one job is to refuse what cannot be served (say {@code f=html})
 * instead of silently answering in another format.
 */
final class FormatParameter {
  static final List<String> JSON = List.of("json");
  static final List<String> GEOJSON = List.of("json", "geojson");

  private FormatParameter() {}

  static void check(String f, List<String> allowed) {
    if (f != null && !allowed.contains(f)) {
      throw ApiProblem.badParameter("f", "must be " + String.join(" or ", allowed) + "; got '" + f + "'");
    }
  }
}
