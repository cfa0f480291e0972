package org.coplan.layers;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.coplan.testing.Requests;
import org.coplan.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What an engineer does with coplan and GIS tools: export a layer with GDAL's OGC API client to a
 * GeoPackage, turn it into RFC 7946 GeoJSON, and push that back as one batch into a new plan. Every
 * feature must come back where it was (within 1 cm, vertex by vertex, lines in the same direction)
 * with the same attributes.
 */
class EditRoundTripGdalIT {
  static final TestServer server = TestServer.start();
  static final String PLANS = "/api/settlements/tandale/plans";
  static final double METRES_PER_DEGREE = 111_320;

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"footpaths", "constraints"})
  void aLayerExportedWithGdalAndPostedBackIsTheSame(String layer, @TempDir Path dir) throws Exception {
    Path gpkg = dir.resolve(layer + ".gpkg");
    Path geojson = dir.resolve(layer + ".geojson");
    run("ogr2ogr", "-f", "GPKG", gpkg.toString(), "OAPIF:" + server.uri(PLANS + "/baseline"), layer);
    run("ogr2ogr", "-f", "GeoJSON", "-lco", "RFC7946=YES", geojson.toString(), gpkg.toString(), layer);
    JsonNode exported = Requests.json(Files.readString(geojson));
    JsonNode baseline = server.getJson(PLANS + "/baseline/collections/" + layer + "/items?limit=10000");
    assertThat(exported.get("features")).hasSize(baseline.get("numberMatched").asInt());

    String plan = "survey-" + layer;
    Requests.send(server, "POST", PLANS, Requests.JSON, "{\"id\":\"" + plan + "\",\"name\":\"Survey of " + layer + "\"}");
    HttpResponse<byte[]> posted =
        server.send(
            HttpRequest.newBuilder(server.uri(PLANS + "/" + plan + "/collections/" + layer + "/items"))
                .header("Content-Type", "application/geo+json")
                .header("Prefer", "return=minimal")
                .header("Cookie", server.admin().cookie())
                .header("X-CSRF-Token", server.admin().csrfToken())
                .POST(HttpRequest.BodyPublishers.ofFile(geojson))
                .build());
    assertThat(posted.statusCode()).as(new String(posted.body(), StandardCharsets.UTF_8)).isEqualTo(201);
    JsonNode created = TestServer.json(posted);
    assertThat(created.get("numberCreated").asInt()).isEqualTo(exported.get("features").size());

    // the plan's change set holds exactly the new features; the items created answer in input order
    JsonNode added = server.getJson(PLANS + "/" + plan + "/changes").at("/collections/" + layer + "/added/features");
    Map<String, JsonNode> addedById = byId(added);
    Map<String, JsonNode> originalById = byId(baseline.get("features"));
    assertThat(addedById).hasSize(created.get("numberCreated").asInt());
    for (int i = 0; i < exported.get("features").size(); i++) {
      JsonNode sent = exported.get("features").get(i);
      JsonNode original = originalById.get(sent.at("/properties/id").asText());
      JsonNode copy = addedById.get(created.at("/items/" + i + "/id").asText());
      assertThat(original).as("feature %d of the export is a baseline feature", i).isNotNull();
      assertSameGeometry(original.get("geometry"), copy.get("geometry"), original.get("id").asText());
      for (Attribute a : Layer.byId(layer).orElseThrow().attributes()) {
        assertThat(copy.at("/properties/" + a.name())).as("%s of %s", a.name(), original.get("id").asText())
            .isEqualTo(original.at("/properties/" + a.name()));
      }
    }
  }

  private static Map<String, JsonNode> byId(JsonNode features) {
    Map<String, JsonNode> out = new HashMap<>();
    features.forEach(f -> out.put(f.get("id").asText(), f));
    return out;
  }

  /** Same type, same parts, same positions in the same order, each within 1 cm. */
  private static void assertSameGeometry(JsonNode a, JsonNode b, String id) {
    assertThat(b.get("type").asText()).as("type of %s", id).isEqualTo(a.get("type").asText());
    List<double[]> pa = positions(a.get("coordinates"), new ArrayList<>());
    List<double[]> pb = positions(b.get("coordinates"), new ArrayList<>());
    assertThat(pb).as("positions of %s", id).hasSameSizeAs(pa);
    for (int i = 0; i < pa.size(); i++) {
      double dx = (pa.get(i)[0] - pb.get(i)[0]) * METRES_PER_DEGREE * Math.cos(Math.toRadians(pa.get(i)[1]));
      double dy = (pa.get(i)[1] - pb.get(i)[1]) * METRES_PER_DEGREE;
      assertThat(Math.hypot(dx, dy)).as("metres between position %d of %s", i, id).isLessThan(0.01);
    }
  }

  private static List<double[]> positions(JsonNode coordinates, List<double[]> out) {
    if (coordinates.get(0).isNumber()) {
      out.add(new double[] {coordinates.get(0).asDouble(), coordinates.get(1).asDouble()});
    } else {
      coordinates.forEach(c -> positions(c, out));
    }
    return out;
  }

  private static String run(String... command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(List.of(command)).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(180, TimeUnit.SECONDS)).as("%s finished", command[0]).isTrue();
    assertThat(p.exitValue()).as("%s exit status; output:%n%s", String.join(" ", command), out).isZero();
    return out;
  }
}
