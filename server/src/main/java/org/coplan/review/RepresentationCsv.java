package org.coplan.review;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads the representation CSV: a header naming the columns {@code cell}, {@code cluster},
 * {@code segment} and {@code structure} (or {@code structure_id}), in any order, then one row per
 * structure. RFC 4180 quoting (a quoted field may hold commas and doubled quotes; not line breaks).
 * A row that cannot be read is returned with its fault, so the import can report it by number.
 */
final class RepresentationCsv {
  /** One data row; {@code line} counts from 1 at the header. {@code fault} is null for a readable row. */
  record Row(int line, String cell, String cluster, String segment, String structure, String fault) {}

  static final List<String> COLUMNS = List.of("cell", "cluster", "segment", "structure");

  private RepresentationCsv() {}

  /** The rows, or an {@link IllegalArgumentException} saying what is wrong with the header. */
  static List<Row> parse(String text) {
    String[] lines = text.replace("\r\n", "\n").replace('\r', '\n').split("\n", -1);
    int first = 0;
    while (first < lines.length && lines[first].isBlank()) {
      first++;
    }
    if (first == lines.length) {
      throw new IllegalArgumentException("the CSV is empty; its first line must name the columns " + String.join(", ", COLUMNS));
    }
    List<String> header = fields(stripBom(lines[first]));
    Map<String, Integer> index = new HashMap<>();
    for (int i = 0; i < header.size(); i++) {
      String name = header.get(i).trim().toLowerCase(Locale.ROOT);
      index.put(name.equals("structure_id") ? "structure" : name, i);
    }
    List<String> missing = COLUMNS.stream().filter(c -> !index.containsKey(c)).toList();
    if (!missing.isEmpty()) {
      throw new IllegalArgumentException("the header (line " + (first + 1) + ") lacks the column(s) " + String.join(", ", missing)
          + "; expected " + String.join(", ", COLUMNS));
    }
    List<Row> rows = new ArrayList<>();
    for (int n = first + 1; n < lines.length; n++) {
      if (lines[n].isBlank()) {
        continue;
      }
      List<String> f = fields(lines[n]);
      if (f == null) {
        rows.add(new Row(n + 1, null, null, null, null, "unbalanced quotes"));
        continue;
      }
      String[] v = new String[4];
      for (int i = 0; i < 4; i++) {
        int at = index.get(COLUMNS.get(i));
        v[i] = at < f.size() ? f.get(at).trim() : "";
      }
      rows.add(new Row(n + 1, v[0], v[1], v[2], v[3], null));
    }
    return rows;
  }

  private static String stripBom(String s) {
    return s.startsWith("\uFEFF") ? s.substring(1) : s;
  }

  /** The fields of one line; null when a quote is left open. */
  static List<String> fields(String line) {
    List<String> out = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char ch = line.charAt(i);
      if (quoted) {
        if (ch == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
          field.append('"');
          i++;
        } else if (ch == '"') {
          quoted = false;
        } else {
          field.append(ch);
        }
      } else if (ch == '"') {
        quoted = true;
      } else if (ch == ',') {
        out.add(field.toString());
        field.setLength(0);
      } else {
        field.append(ch);
      }
    }
    if (quoted) {
      return null;
    }
    out.add(field.toString());
    return out;
  }
}
