package org.coplan.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import org.coplan.http.JsonMapper;
import org.coplan.auth.PublicEndpoint;
import org.coplan.http.Link;
import org.coplan.layers.Layer;
import org.coplan.layers.LayerSchema;

/**
 * {@code GET /api/openapi.json}: the OpenAPI 3 document, written by hand next to the code
 * ({@code openapi/coplan.json}); {@code OpenApiDocumentTest} fails when a Jersey resource path is
 * missing from it, so it cannot drift silently. What the layer catalogue knows (the properties
 * schema of each layer, the layer ids) is generated into it once, at start-up.
 */
@Path("/api/openapi.json")
@PublicEndpoint
public final class OpenApiResource {
  private final byte[] document;

  public OpenApiResource() {
    try (InputStream in = getClass().getClassLoader().getResourceAsStream("openapi/coplan.json")) {
      if (in == null) {
        throw new IllegalStateException("openapi/coplan.json missing from the classpath");
      }
      ObjectNode doc = (ObjectNode) JsonMapper.MAPPER.readTree(in);
      for (String part : PARTS) {
        mergePart(doc, part);
      }
      addLayerCatalogue(doc);
      document = JsonMapper.MAPPER.writeValueAsBytes(doc);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * The parts of the document that features keep beside their code, each with its own paths,
   * tags and components, merged into the main document at start-up; a missing part is skipped.
   */
  public static final java.util.List<String> PARTS =
      java.util.List.of("openapi/analysis.json", "openapi/io.json", "openapi/review.json", "openapi/events.json", "openapi/tiles.json");

  private static void mergePart(ObjectNode doc, String name) throws IOException {
    try (InputStream in = OpenApiResource.class.getClassLoader().getResourceAsStream(name)) {
      if (in == null) {
        return;
      }
      ObjectNode part = (ObjectNode) JsonMapper.MAPPER.readTree(in);
      part.path("paths").fields().forEachRemaining(e -> doc.withObject("/paths").set(e.getKey(), e.getValue()));
      if (part.has("tags")) {
        part.get("tags").forEach(t -> doc.withArray("/tags").add(t));
      }
      part.path("components").fields().forEachRemaining(
          kind -> kind.getValue().fields().forEachRemaining(c -> doc.withObject("/components/" + kind.getKey()).set(c.getKey(), c.getValue())));
    }
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
