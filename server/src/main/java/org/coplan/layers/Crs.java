package org.coplan.layers;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.coplan.http.ApiProblem;

/**
 * A coordinate reference system the API speaks (OGC API - Features Part 2): CRS84 (the default,
 * longitude first), EPSG:4326 (the same datum, but latitude first, as EPSG defines it), EPSG:3857
 * (Web Mercator) and the settlement's metric CRS (its UTM zone, unless it was given another).
 * Storage is always EPSG:4326 in longitude, latitude order; PostGIS transforms at the edges
 * ({@code coplan_to_crs}, {@code coplan_from_crs} in V004).
 *
 * <p>Accepted spellings: the OGC URI ({@code http://www.opengis.net/def/crs/EPSG/0/3857}), in
 * angle brackets as the {@code Content-Crs} header writes it, or a (safe) CURIE such as {@code
 * EPSG:3857}, {@code [EPSG:3857]} or {@code OGC:CRS84}.
 *
 * @param srid the PostGIS SRID
 * @param latFirst whether positions are (latitude, longitude): only EPSG:4326
 */
public record Crs(String uri, int srid, boolean latFirst) {
  private static final String EPSG = "http://www.opengis.net/def/crs/EPSG/0/";
  public static final Crs CRS84 = new Crs("http://www.opengis.net/def/crs/OGC/1.3/CRS84", 4326, false);
  public static final Crs EPSG_4326 = new Crs(EPSG + "4326", 4326, true);
  public static final Crs WEB_MERCATOR = new Crs(EPSG + "3857", 3857, false);

  private static final Pattern EPSG_URI = Pattern.compile("https?://www\\.opengis\\.net/def/crs/EPSG/0/(\\d{1,6})");
  private static final Pattern EPSG_CURIE = Pattern.compile("EPSG:(\\d{1,6})");
  private static final Pattern CRS84_URI = Pattern.compile("https?://www\\.opengis\\.net/def/crs/OGC/1\\.3/CRS84");

  /** The CRSs of a settlement whose metric CRS is {@code metricSrid}, CRS84 first. */
  public static List<Crs> supported(int metricSrid) {
    List<Crs> all = new ArrayList<>(List.of(CRS84, EPSG_4326, WEB_MERCATOR));
    if (metricSrid != 3857 && metricSrid != 4326) {
      all.add(new Crs(EPSG + metricSrid, metricSrid, false));
    }
    return List.copyOf(all);
  }

  public static List<String> uris(List<Crs> crss) {
    return crss.stream().map(Crs::uri).toList();
  }

  /**
   * The CRS {@code raw} names among {@code supported}; CRS84 when {@code raw} is null. Anything
   * else is a 400 naming {@code parameter} (a query parameter or a header) and listing the
   * supported CRSs.
   */
  public static Crs parse(String parameter, String raw, List<Crs> supported) {
    if (raw == null) {
      return CRS84;
    }
    String s = raw.trim();
    if (s.startsWith("<") && s.endsWith(">") || s.startsWith("[") && s.endsWith("]")) {
      s = s.substring(1, s.length() - 1).trim();
    }
    Integer srid = null;
    if (CRS84_URI.matcher(s).matches() || s.equalsIgnoreCase("OGC:CRS84") || s.equalsIgnoreCase("CRS84")) {
      return CRS84;
    }
    Matcher m = EPSG_URI.matcher(s);
    Matcher curie = EPSG_CURIE.matcher(s.toUpperCase(Locale.ROOT));
    if (m.matches()) {
      srid = Integer.parseInt(m.group(1));
    } else if (curie.matches()) {
      srid = Integer.parseInt(curie.group(1));
    }
    for (Crs crs : supported) {
      if (srid != null && crs.srid == srid && !crs.equals(CRS84)) {
        return crs;
      }
    }
    throw ApiProblem.badParameter(
        parameter, "unsupported CRS '" + raw + "'; supported: " + String.join(", ", uris(supported)));
  }

  /** Whether positions are degrees (CRS84 or EPSG:4326) rather than metres. */
  public boolean geographic() {
    return srid == 4326;
  }

  /** The value of a {@code Content-Crs} header: the URI in angle brackets. */
  public String header() {
    return "<" + uri + ">";
  }
}
