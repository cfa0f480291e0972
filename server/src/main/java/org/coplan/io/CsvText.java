package org.coplan.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What GDAL's CSV reader needs told: line endings it does not know (CR only, from old Mac
 * spreadsheets) and which columns hold the geometry. Longitude/latitude columns win over a WKT
 * column, so that an attribute that happens to be called {@code GEOMETRY} stays an attribute.
 */
final class CsvText {
  /** The geometry columns found in the header line, each null when absent. */
  record Header(List<String> names, String lon, String lat, String wkt) {}

  private static final Set<String> LON = Set.of("lon", "long", "lng", "longitude", "x");
  private static final Set<String> LAT = Set.of("lat", "latitude", "y");
  private static final Set<String> WKT = Set.of("wkt", "geometry", "geom", "the_geom", "shape");

  private CsvText() {}

  /** Rewrites a file whose lines end with CR only so they end with LF; whether it did. */
  static boolean normaliseLineEndings(Path csv) throws IOException {
    byte[] bytes = Files.readAllBytes(csv);
    boolean cr = false;
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] == '\n') {
        return false;
      }
      if (bytes[i] == '\r') {
        cr = true;
      }
    }
    if (!cr) {
      return false;
    }
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] == '\r') {
        bytes[i] = '\n';
      }
    }
    Files.write(csv, bytes);
    return true;
  }

  static Header header(Path csv) {
    String first;
    try (InputStream in = Files.newInputStream(csv)) {
      byte[] head = in.readNBytes(64 << 10);
      String text = new String(head, StandardCharsets.UTF_8);
      if (text.startsWith("\uFEFF")) {
        text = text.substring(1);
      }
      int end = text.indexOf('\n');
      first = (end < 0 ? text : text.substring(0, end)).replace("\r", "");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    char separator = separator(first);
    List<String> names = new ArrayList<>();
    for (String n : first.split(java.util.regex.Pattern.quote(String.valueOf(separator)), -1)) {
      names.add(n.strip().replaceAll("^\"|\"$", ""));
    }
    return new Header(names, find(names, LON), find(names, LAT), find(names, WKT));
  }

  /** The most frequent of comma, semicolon, tab and pipe outside quotes (GDAL detects the same ones). */
  static char separator(String line) {
    char best = ',';
    int most = -1;
    for (char c : new char[] {',', ';', '\t', '|'}) {
      int n = 0;
      boolean quoted = false;
      for (char x : line.toCharArray()) {
        if (x == '"') {
          quoted = !quoted;
        } else if (x == c && !quoted) {
          n++;
        }
      }
      if (n > most) {
        most = n;
        best = c;
      }
    }
    return best;
  }

  private static String find(List<String> names, Set<String> wanted) {
    return names.stream().filter(n -> wanted.contains(n.toLowerCase(Locale.ROOT))).findFirst().orElse(null);
  }
}
