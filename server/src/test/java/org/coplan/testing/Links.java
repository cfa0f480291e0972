package org.coplan.testing;

import com.fasterxml.jackson.databind.JsonNode;

/** The {@code links} of an API document, by relation. */
public final class Links {
  private Links() {}

  /** The href of the first link with this rel, or null. */
  public static String href(JsonNode doc, String rel) {
    JsonNode link = find(doc, rel);
    return link == null ? null : link.get("href").asText();
  }

  /** The media type of the first link with this rel, or null. */
  public static String type(JsonNode doc, String rel) {
    JsonNode link = find(doc, rel);
    return link == null ? null : link.path("type").asText(null);
  }

  private static JsonNode find(JsonNode doc, String rel) {
    for (JsonNode l : doc.get("links")) {
      if (l.get("rel").asText().equals(rel)) {
        return l;
      }
    }
    return null;
  }
}
