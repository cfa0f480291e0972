package org.coplan.settlements;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The ids of settlements and plans: lower-case letters, digits and hyphens, 1 to 63 characters,
 * starting with a letter or digit (the database checks the same pattern). They appear in every
 * URL, so when a client gives none, one is made from the name.
 */
public final class Slug {
  private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
  public static final String RULE = "lower-case letters, digits and hyphens, 1 to 63 characters, not starting with a hyphen";

  private Slug() {}

  public static boolean valid(String id) {
    return id != null && ID.matcher(id).matches();
  }

  /** "Kibera Soweto East" → "kibera-soweto-east"; accents dropped; {@code fallback} when nothing is left. */
  public static String of(String name, String fallback) {
    String ascii = Normalizer.normalize(name, Normalizer.Form.NFKD).replaceAll("\\p{M}", "");
    String slug = ascii.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
    if (slug.length() > 56) {
      slug = slug.substring(0, 56).replaceAll("-+$", "");
    }
    return slug.isEmpty() ? fallback : slug;
  }

  /** The n-th candidate for a slug that may be taken: the slug, then slug-2, slug-3, ... */
  public static String candidate(String slug, int n) {
    return n == 1 ? slug : slug + "-" + n;
  }
}
