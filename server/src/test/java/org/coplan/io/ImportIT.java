package org.coplan.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.coplan.io.Uploads.fields;
import static org.coplan.io.Uploads.json;
import static org.coplan.io.Uploads.upload;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.coplan.testing.EventStream;
import org.coplan.testing.Requests;
import org.coplan.testing.TestDatabase;
import org.coplan.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** Staged imports through HTTP: the real Tandale files, and the hostile and messy ones of issue 8. */
class ImportIT {
  static final TestServer server = TestServer.start();
  static final String PLAN = "/api/settlements/tandale/plans/baseline";

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  static Path tandale(String name) {
    return TestDatabase.dataDir().resolve("tandale").resolve(name);
  }

  static JsonNode commit(String importUrl, String body) {
    HttpResponse<byte[]> r = Requests.send(server, "POST", importUrl + "/commit", Requests.JSON, body);
    assertThat(r.statusCode()).as(new String(r.body())).isEqualTo(200);
    return json(r);
  }

  static String url(HttpResponse<byte[]> r) {
    assertThat(r.statusCode()).as(new String(r.body())).isEqualTo(201);
    return server.uri("/").relativize(java.net.URI.create(r.headers().firstValue("Location").orElseThrow())).toString().replaceFirst("^", "/");
  }

  static List<String> codes(JsonNode preview) {
    List<String> out = new ArrayList<>();
    preview.get("problems").forEach(p -> out.add(p.get("code").asText()));
    return out;
  }

  @Test
  void tandaleThroughThePublicImportPathGivesTheDemoLoadersCounts() throws Exception {
    HttpResponse<byte[]> r =
        upload(server, "/api/imports", "tandale-buildings.zip", Uploads.zipShapefile(tandale("tandale-buildings.shp"), true),
            fields("layer", "structures", "mapping", "{\"USE\": null, \"LEVELS\": null}", "defaults", "{\"use\": \"residential\"}"));
    String buildings = url(r);
    JsonNode preview = json(r);
    assertThat(preview.get("featureCount").asInt()).isEqualTo(8085);
    assertThat(preview.get("crs").get("declared").asText()).contains("EPSG:4326");
    assertThat(preview.get("proposedSettlement").get("metricSrid").asInt()).isEqualTo(32737);
    assertThat(codes(preview)).contains("duplicate").doesNotContain("invalid-geometry", "missing-crs");
    // the commit runs while the import is polled: its progress moves from 0 to all
    var running = java.util.concurrent.CompletableFuture.supplyAsync(
        () -> commit(buildings, "{\"createSettlement\": {\"name\": \"Tandale imported\"}}"));
    List<Double> fractions = new ArrayList<>();
    while (!running.isDone()) {
      Thread.sleep(25);
      JsonNode progress = server.admin().getJson(buildings).get("progress");
      if (progress.get("phase").asText().equals("writing")) {
        fractions.add(progress.get("fraction").asDouble());
        assertThat(progress.get("total").asInt()).isEqualTo(8085);
      }
    }
    assertThat(fractions).as("progress seen while writing").isNotEmpty().isSorted();
    assertThat(fractions).allMatch(f -> f >= 0 && f <= 1);
    assertThat(fractions.stream().distinct().count()).isGreaterThan(1);
    JsonNode committed = running.join();
    assertThat(committed.at("/progress/fraction").asDouble()).isEqualTo(1.0);
    JsonNode result = committed.get("result");
    String sid = result.get("settlement").asText();
    assertThat(result.get("created").asInt()).isEqualTo(8085);
    long demo = Requests.count(server, "SELECT count(*) FROM structures WHERE settlement_id = 'tandale'");
    assertThat(Requests.count(server, "SELECT count(*) FROM structures WHERE settlement_id = ?", sid)).isEqualTo(demo);
    assertThat(Requests.scalar(server, "SELECT metric_srid FROM settlement WHERE id = ?", sid)).isEqualTo(32737);

    // the roads against the demo's own boundary (the demo loader keeps those that reach into it)
    assertThat(Requests.send(server, "POST", "/api/settlements/tandale/plans", Requests.JSON, "{\"id\":\"roads\",\"name\":\"Roads\"}").statusCode()).isEqualTo(201);
    HttpResponse<byte[]> roads =
        upload(server, "/api/settlements/tandale/plans/roads/imports", "roads.zip",
            Uploads.zipShapefile(tandale("tandale-roads.shp"), true),
            fields("layer", "footpaths", "mapping", "{\"OSM_TYPE\": \"class\"}", "defaults", "{\"width_m\": 1.5, \"state\": \"existing\"}"));
    JsonNode roadsPreview = json(roads);
    assertThat(roadsPreview.get("mapping").get("NAME").asText()).isEqualTo("name");
    // the page's progress bar hears the commit on the plan's event stream
    JsonNode roadsResult;
    List<JsonNode> heard = new ArrayList<>();
    try (EventStream events = EventStream.openAsAdmin(server, "/api/settlements/tandale/plans/roads/events")) {
      assertThat(events.next("ready", 10, TimeUnit.SECONDS)).isNotNull();
      roadsResult = commit(url(roads), "{\"skipOutside\": true}").get("result");
      for (EventStream.Event e = events.next("import-progress", 5, TimeUnit.SECONDS); e != null;
          e = events.next("import-progress", 1, TimeUnit.SECONDS)) {
        heard.add(e.data().get("data"));
      }
    }
    assertThat(heard).as("progress events").isNotEmpty();
    assertThat(heard).extracting(e -> e.get("id").asText()).containsOnly(roadsPreview.get("id").asText());
    assertThat(heard).extracting(e -> e.get("done").asInt()).isSorted();
    JsonNode last = heard.get(heard.size() - 1);
    assertThat(last.get("phase").asText()).isEqualTo("writing");
    assertThat(last.get("done").asInt()).isEqualTo(last.get("total").asInt()).isEqualTo(roadsResult.get("created").asInt());
    // the preview lists the layer's attributes for the mapping form
    assertThat(roadsPreview.get("attributes").findValuesAsText("name")).contains("class", "width_m", "state");
    long demoPaths = Requests.count(server, "SELECT count(*) FROM footpaths WHERE settlement_id = 'tandale' AND plan_id = 'baseline'");
    assertThat(roadsResult.get("created").asLong()).isEqualTo(demoPaths);
    assertThat(roadsResult.get("skippedRows").size()).isEqualTo(885 - (int) demoPaths);
    // every feature went through the history triggers
    assertThat(Requests.count(server, "SELECT count(*) FROM footpaths WHERE settlement_id = 'tandale' AND plan_id = 'roads'")).isEqualTo(demoPaths);
    // every feature went through the history triggers
    assertThat(Requests.count(server, "SELECT count(*) FROM feature_version WHERE settlement_id = ?", sid)).isEqualTo(demo);
  }
}
