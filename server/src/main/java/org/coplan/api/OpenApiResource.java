package org.coplan.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.coplan.http.JsonMapper;
import org.coplan.auth.PublicEndpoint;
import org.coplan.http.Link;
import org.coplan.layers.Layer;
import org.coplan.layers.LayerSchema;

/**
 * {@code GET /api/openapi.json}: the OpenAPI 3 document, written by hand next to the code
 * ({@code openapi/coplan.json} and one part per feature, see {@link #PARTS}); {@code OpenApiDocumentTest} fails when a Jersey resource path is
 * missing from it, so it cannot drift silently. What the layer catalogue knows (the properties
 * schema of each layer, the layer ids) is generated into it once, at start-up.
 */
@Path("/api/openapi.json")
@PublicEndpoint
public final class OpenApiResource {
  private final byte[] document;

  /**
   * Parts of the document kept next to the feature they describe, merged into {@code coplan.json}
   * in this order: their paths, tags and components are added; a name defined twice is an error.
   * A listed part that is absent is skipped, so a feature can land its part with its code.
   */
  static final List<String> PARTS = List.of("analysis", "io", "review", "events", "tiles");

  public OpenApiResource() {
    try {
      document = JsonMapper.MAPPER.writeValueAsBytes(document());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The whole document: {@code coplan.json}, its parts and the layer catalogue. */
  public static ObjectNode document() {
    ObjectNode doc = read("openapi/coplan.json");
    if (doc == null) {
      throw new IllegalStateException("openapi/coplan.json missing from the classpath");
    }
    for (String part : PARTS) {
      ObjectNode fragment = read("openapi/" + part + ".json");
      if (fragment != null) {
        merge(doc, fragment, part);
      }
    }
    addLayerCatalogue(doc);
    return doc;
  }

  private static ObjectNode read(String resource) {
    try (InputStream in = OpenApiResource.class.getClassLoader().getResourceAsStream(resource)) {
      return in == null ? null : (ObjectNode) JsonMapper.MAPPER.readTree(in);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + resource, e);
    }
  }

  static void merge(ObjectNode doc, ObjectNode part, String name) {
    mergeObject(doc.withObject("/paths"), part.path("paths"), name);
    part.path("components").fields().forEachRemaining(section ->
        mergeObject(doc.withObject("/components/" + section.getKey()), section.getValue(), name));
    if (part.has("tags")) {
      doc.withArray("tags").addAll((ArrayNode) part.get("tags"));
    }
  }

  private static void mergeObject(ObjectNode into, JsonNode from, String name) {
    from.fields().forEachRemaining(e -> {
      if (into.has(e.getKey())) {
        throw new IllegalStateException("openapi/" + name + ".json redefines " + e.getKey());
      }
      into.set(e.getKey(), e.getValue());
    });
  }

  private static void addLayerCatalogue(ObjectNode doc) {
    ObjectNode schemas = doc.withObject("/components/schemas");
    ArrayNode layerIds = doc.withObject("/components/parameters/layer/schema").putArray("enum");
    for (Layer layer : Layer.values()) {
      schemas.set(LayerSchema.componentName(layer), LayerSchema.properties(layer));
      layerIds.add(layer.id());
    }
  }

  @GET
  @Produces({Link.OPENAPI, "application/json"})
  public Response get() {
    return Response.ok(document).header("Cache-Control", "no-cache").build();
  }
}
