package org.coplan;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.coplan.api.OpenApiResource;
import org.coplan.api.StaticFilesResource;
import org.coplan.config.Arguments;
import org.coplan.config.CoplanConfig;
import org.coplan.http.JsonMapper;
import org.coplan.layers.Attribute;
import org.coplan.layers.Layer;
import org.coplan.layers.LayerSchema;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.model.Resource;
import org.glassfish.jersey.server.model.ResourceMethod;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The OpenAPI document against the server as wired: every path and method of every resource
 * {@link CoplanServer#application} registers must be documented (the static-file fallback
 * excepted), so a new endpoint cannot ship undocumented. Paths documented ahead of their code (the
 * tiles) are allowed.
 */
class OpenApiDocumentTest {
  private static final Pattern TEMPLATE = Pattern.compile("\\{([^}]+)}");
  static JsonNode doc;

  @BeforeAll
  static void load() throws IOException {
    doc = JsonMapper.MAPPER.readTree((byte[]) new OpenApiResource().get().getEntity());
  }

  @Test
  void documentsEveryResourceMethodOfTheServer() {
    // nothing touches the data source while the application is only being assembled
    ResourceConfig app = CoplanServer.application(CoplanConfig.from(Arguments.of(Map.of())), null);
    Set<String> served = new TreeSet<>();
    for (Object instance : app.getInstances()) {
      if (instance instanceof StaticFilesResource) {
        continue;
      }
      Resource resource = Resource.from(instance.getClass());
      if (resource != null) {
        collect(resource, "", served);
      }
    }
    assertThat(served)
        .as("the resources this test found")
        .contains("GET /health", "GET /api/settlements/{}", "GET /api/settlements/{}/plans/{}/collections/{}/items/{}");

    Set<String> documented = new TreeSet<>();
    doc.get("paths").fields().forEachRemaining(p -> p.getValue().fieldNames().forEachRemaining(
        method -> documented.add(method.toUpperCase() + " " + normalise(p.getKey()))));
    Set<String> undocumented = new TreeSet<>(served);
    undocumented.removeAll(documented);
    assertThat(undocumented).as("operations missing from openapi/coplan.json ({} = a path parameter)").isEmpty();
  }

  @Test
  void documentsTheTileEndpointsBeingBuiltAlongside() {
    assertThat(doc.get("paths").has("/api/settlements/{sid}/plans/{pid}/tiles/{z}/{x}/{y}.mvt")).isTrue();
    JsonNode tile = doc.at("/paths/~1api~1settlements~1{sid}~1plans~1{pid}~1tiles~1{z}~1{x}~1{y}.mvt/get/responses");
    assertThat(tile.fieldNames()).toIterable().contains("200", "204", "304", "400", "404");
    assertThat(tile.at("/200/content").has("application/vnd.mapbox-vector-tile")).isTrue();
    assertThat(doc.get("paths").has("/api/settlements/{sid}/plans/{pid}/tiles.json")).isTrue();
    assertThat(doc.get("paths").has("/api/settlements/{sid}/plans/{pid}/style.json")).isTrue();
  }

  @Test
  void everyReferenceResolves() {
    List<String> refs = new ArrayList<>();
    collectRefs(doc, refs);
    assertThat(refs).hasSizeGreaterThan(50);
    for (String ref : refs) {
      assertThat(ref).startsWith("#/");
      assertThat(doc.at(ref.substring(1)).isMissingNode()).as("%s resolves", ref).isFalse();
    }
  }

  @Test
  void everyOperationWithPathParametersDocumentsItsNotFoundProblem() {
    doc.get("paths").fields().forEachRemaining(path -> {
      if (!path.getKey().contains("{")) {
        return;
      }
      path.getValue().fields().forEachRemaining(op -> {
        JsonNode notFound = op.getValue().at("/responses/404");
        assertThat(notFound.path("$ref").asText()).as("%s %s", op.getKey(), path.getKey())
            .isEqualTo("#/components/responses/NotFound");
      });
    });
    assertThat(doc.at("/components/responses/NotFound/content/application~1problem+json/schema/$ref").asText())
        .isEqualTo("#/components/schemas/Problem");
    assertThat(doc.at("/components/schemas/Problem/properties").fieldNames()).toIterable()
        .contains("type", "title", "status", "detail", "instance", "errors");
  }

  @Test
  void everyPathParameterOfEveryOperationIsDeclared() {
    doc.get("paths").fields().forEachRemaining(path -> {
      Set<String> inTemplate = new TreeSet<>();
      Matcher m = TEMPLATE.matcher(path.getKey());
      while (m.find()) {
        inTemplate.add(m.group(1));
      }
      path.getValue().fields().forEachRemaining(op -> {
        Set<String> declared = new TreeSet<>();
        op.getValue().path("parameters").forEach(p -> {
          JsonNode param = p.has("$ref") ? doc.at(p.get("$ref").asText().substring(1)) : p;
          if ("path".equals(param.path("in").asText())) {
            declared.add(param.get("name").asText());
          }
        });
        assertThat(declared).as("path parameters of %s", path.getKey()).isEqualTo(inTemplate);
      });
    });
  }

  @Test
  void itemsDocumentTheOgcQueryParametersAndMediaTypes() {
    JsonNode items = doc.at("/paths/~1api~1settlements~1{sid}~1plans~1{pid}~1collections~1{layer}~1items/get");
    List<String> params = new ArrayList<>();
    items.get("parameters").forEach(p -> params.add(p.get("$ref").asText()));
    assertThat(params).contains("#/components/parameters/bbox", "#/components/parameters/limit", "#/components/parameters/offset");
    assertThat(doc.at("/components/parameters/limit/schema/maximum").asInt()).isEqualTo(10_000);
    assertThat(doc.at("/components/parameters/limit/schema/default").asInt()).isEqualTo(100);
    assertThat(items.at("/responses/200/content").has("application/geo+json")).isTrue();
  }

  @Test
  void featureWritesDocumentTheirPreconditionsBodiesAndProblems() {
    String item = "/paths/~1api~1settlements~1{sid}~1plans~1{pid}~1collections~1{layer}~1items~1{id}";
    for (String method : List.of("put", "patch", "delete")) {
      assertThat(doc.at(item + "/" + method + "/responses").fieldNames()).toIterable().as(method).contains("404", "412", "428");
    }
    assertThat(doc.at(item + "/put/responses").fieldNames()).toIterable().contains("200", "204", "400", "413", "415", "422");
    assertThat(doc.at(item + "/patch/requestBody/content").has("application/merge-patch+json")).isTrue();
    JsonNode post = doc.at("/paths/~1api~1settlements~1{sid}~1plans~1{pid}~1collections~1{layer}~1items/post");
    assertThat(post.at("/responses").fieldNames()).toIterable().contains("201", "400", "404", "413", "415", "422");
    assertThat(doc.at("/components/parameters/ifMatch/required").asBoolean()).isTrue();
    List<String> itemsParams = new ArrayList<>();
    doc.at("/paths/~1api~1settlements~1{sid}~1plans~1{pid}~1collections~1{layer}~1items/get/parameters")
        .forEach(p -> itemsParams.add(p.get("$ref").asText()));
    assertThat(itemsParams).contains("#/components/parameters/crs", "#/components/parameters/bboxCrs");
  }

  @Test
  void layerParameterListsExactlyTheCatalogue() {
    List<String> ids = new ArrayList<>();
    doc.at("/components/parameters/layer/schema/enum").forEach(v -> ids.add(v.asText()));
    assertThat(ids).containsExactly(Arrays.stream(Layer.values()).map(Layer::id).toArray(String[]::new));
  }

  @Test
  void everyCatalogueAttributeIsInItsLayersPropertiesSchema() {
    for (Layer layer : Layer.values()) {
      JsonNode schema = doc.at("/components/schemas/" + LayerSchema.componentName(layer));
      assertThat(schema.isMissingNode()).as("schema of %s", layer.id()).isFalse();
      for (Attribute a : layer.attributes()) {
        JsonNode p = schema.at("/properties/" + a.name());
        assertThat(p.isMissingNode()).as("%s.%s", layer.id(), a.name()).isFalse();
        assertThat(p.get("type").asText()).as("%s.%s type", layer.id(), a.name()).isEqualTo(a.type().jsonSchema);
        assertThat(p.path("nullable").asBoolean(false)).as("%s.%s nullable", layer.id(), a.name()).isEqualTo(!a.required());
        List<String> allowed = new ArrayList<>();
        p.path("enum").forEach(v -> { if (!v.isNull()) allowed.add(v.asText()); });
        assertThat(allowed).as("%s.%s enum", layer.id(), a.name()).isEqualTo(a.allowed());
        if (a.minimum() != null) {
          assertThat(p.get("minimum").asDouble()).isEqualTo(a.minimum());
        }
        if (a.maximum() != null) {
          assertThat(p.get("maximum").asDouble()).isEqualTo(a.maximum());
        }
      }
      assertThat(schema.get("properties").size()).as("attributes plus 5 bookkeeping properties of %s", layer.id())
          .isEqualTo(layer.attributes().size() + 5);
      assertThat(doc.at("/components/schemas/Feature/properties/properties/oneOf").toString())
          .contains("#/components/schemas/" + LayerSchema.componentName(layer));
    }
  }

  private static void collect(Resource resource, String parent, Set<String> out) {
    String path = join(parent, resource.getPath());
    for (ResourceMethod m : resource.getResourceMethods()) {
      out.add(m.getHttpMethod() + " " + normalise(path));
    }
    for (Resource child : resource.getChildResources()) {
      collect(child, path, out);
    }
  }

  private static String join(String parent, String path) {
    if (path == null || path.isEmpty()) {
      return parent;
    }
    String p = (parent + "/" + path).replaceAll("/+", "/");
    return p.length() > 1 && p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
  }

  /** Templates compare by position: {@code {id: [0-9]+}} and {@code {featureId}} are both {@code {}}. */
  private static String normalise(String path) {
    return TEMPLATE.matcher(path).replaceAll("{}");
  }

  private static void collectRefs(JsonNode node, List<String> out) {
    if (node.isObject()) {
      Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> f = fields.next();
        if (f.getKey().equals("$ref")) {
          out.add(f.getValue().asText());
        } else {
          collectRefs(f.getValue(), out);
        }
      }
    } else if (node.isArray()) {
      node.forEach(n -> collectRefs(n, out));
    }
  }
}
