package org.coplan.layers;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.coplan.http.ApiProblem;
import org.coplan.http.Link;

/** One feature served on its own (GET, and the answers to writes): GeoJSON with its links. */
final class FeatureDocument {
  private FeatureDocument() {}

  static String collectionUrl(URI base, PlanLayer target) {
    return OgcJson.root(base, target.plan()) + "/collections/" + target.layer().id();
  }

  static String itemUrl(URI base, PlanLayer target, UUID id) {
    return collectionUrl(base, target) + "/items/" + id;
  }

  /** @param repairs what a write repaired in its geometry, if anything */
  static byte[] of(URI base, PlanLayer target, Feature feature, List<ApiProblem.Fault> repairs) {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    GeoJsonWriter writer = new GeoJsonWriter(body);
    writer.feature(
        feature,
        List.of(
            new Link(itemUrl(base, target, feature.id()), "self", Link.GEOJSON, "This feature"),
            new Link(itemUrl(base, target, feature.id()) + "/versions", "version-history", Link.JSON, "Its versions"),
            new Link(collectionUrl(base, target), "collection", Link.JSON, target.layer().title())),
        repairs);
    writer.flush();
    return body.toByteArray();
  }
}
