package org.coplan.layers;

import jakarta.ws.rs.core.EntityTag;
import java.util.UUID;

/**
 * A feature's strong entity tag, {@code "<id>-v<version>"}, and the {@code If-Match} test of
 * optimistic locking. The tag changes exactly when the stored feature does, and it names the
 * feature as well as the version, so a tag copied from another feature never matches.
 */
final class FeatureTag {
  /** What Jetty's GzipHandler appends to the entity tag of a response it compresses. */
  private static final String GZIP_SUFFIX = "--gzip";

  private FeatureTag() {}

  static EntityTag of(Feature f) {
    return of(f.id(), f.version());
  }

  static EntityTag of(UUID id, int version) {
    return new EntityTag(id + "-v" + version);
  }

  /** The tag as a header writes it, quotes included. */
  static String text(UUID id, int version) {
    return "\"" + id + "-v" + version + "\"";
  }

  /**
   * Whether an {@code If-Match} header value holds for the feature at {@code version}: {@code *},
   * or a list one of whose strong tags is the feature's. Weak tags never match (RFC 9110 13.1.1
   * compares strongly), and neither does anything unparseable.
   *
   * <p>A tag read from a compressed response carries Jetty's {@code --gzip} suffix inside the
   * quotes (GzipHandler marks the compressed representation so). Jetty takes it off
   * {@code If-None-Match} but not off {@code If-Match}, so browsers, which always read features
   * compressed, would send it back and never match; it names the same stored version, so it
   * matches here.
   */
  static boolean matches(String ifMatch, UUID id, int version) {
    String expected = text(id, version);
    String compressed = "\"" + id + "-v" + version + GZIP_SUFFIX + "\"";
    for (String candidate : ifMatch.split(",")) {
      String tag = candidate.trim();
      if (tag.equals("*") || tag.equals(expected) || tag.equals(compressed)) {
        return true;
      }
    }
    return false;
  }
}
