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
      addLayerCatalogue(doc);
      document = JsonMapper.MAPPER.writeValueAsBytes(doc);
    } catch (IOException e) {
      throw new IllegalStateException(e);
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
