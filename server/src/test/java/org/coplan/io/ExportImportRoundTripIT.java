package org.coplan.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.coplan.io.Uploads.fields;
import static org.coplan.io.Uploads.json;
import static org.coplan.io.Uploads.upload;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.coplan.layers.Attribute;
import org.coplan.layers.Layer;
import org.coplan.testing.Requests;
import org.coplan.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Export then import gives the same features: geometry within 1 mm in the settlement's metric CRS
 * and equal attributes, for every format that carries attributes (GeoPackage, Shapefile, GeoJSON,
 * KML, CSV), on a small settlement whose features have hostile names and every attribute type.
 */
class ExportImportRoundTripIT {
  static final TestServer server = TestServer.start();
  static final String SID = "roundtrip";
  static final String BOUNDARY =
      "{\"type\":\"Polygon\",\"coordinates\":[[[39.238,-6.805],[39.248,-6.805],[39.248,-6.795],[39.238,-6.795],[39.238,-6.805]]]}";

  @BeforeAll
  static void features() {
    HttpResponse<byte[]> s =
        Requests.send(server, "POST", "/api/settlements", Requests.JSON, "{\"id\":\"" + SID + "\",\"name\":\"Round trip\",\"boundary\":" + BOUNDARY + "}");
    assertThat(s.statusCode()).as(new String(s.body())).isEqualTo(201);
    post("structures",
        feature(polygon(39.2401234567, -6.8001234567, 0.0001), "{\"name\":\"Nyumba \\\"A\\\", ß ñ\",\"use\":\"residential\",\"households\":3,\"people\":11,\"occupancy_estimated\":true,\"storeys\":2,\"material\":\"brick, mud\",\"cell\":\"C-7\"}"),
        feature(polygon(39.2411234567, -6.8011234567, 0.00007), "{\"name\":\"Duka la Mama\",\"use\":\"commercial\",\"households\":0,\"people\":0,\"occupancy_estimated\":false,\"storeys\":1}"));
    post("footpaths",
        feature("{\"type\":\"LineString\",\"coordinates\":[[39.2402345678,-6.8002345678],[39.2412345678,-6.8003345678],[39.2415,-6.8010001]]}",
            "{\"name\":\"Njia ya kwanza\",\"class\":\"footpath\",\"width_m\":1.25,\"surface\":\"earth\",\"state\":\"existing\"}"),
        feature("{\"type\":\"LineString\",\"coordinates\":[[39.2420000001,-6.8000000001],[39.2430000001,-6.8020000001]]}",
            "{\"name\":\"Lane 2\",\"class\":\"lane\",\"width_m\":4,\"state\":\"proposed\"}"));
    post("services",
        feature("{\"type\":\"Point\",\"coordinates\":[39.2405555555,-6.8005555555]}", "{\"name\":\"Bomba 1\",\"type\":\"water_point\",\"state\":\"proposed\",\"capacity\":25,\"sector\":\"water\"}"));
    // constraints come as areas and lines (Shapefiles split them in two)
    post("constraints",
        feature(polygon(39.2435555555, -6.8035555555, 0.0003), "{\"name\":\"Bonde la mto\",\"kind\":\"flood_zone\",\"severity\":\"no_build\",\"setback_m\":0}"),
        feature("{\"type\":\"LineString\",\"coordinates\":[[39.2441111111,-6.8001111111],[39.2449999999,-6.8009999999]]}",
            "{\"name\":\"Mfereji\",\"kind\":\"drain\",\"severity\":\"conditional\",\"setback_m\":2.5}"));
  }

  static void post(String layer, String... features) {
    HttpResponse<byte[]> r =
        Requests.post(server, "/api/settlements/" + SID + "/plans/baseline/collections/" + layer + "/items",
            "{\"type\":\"FeatureCollection\",\"features\":[" + String.join(",", features) + "]}");
    assertThat(r.statusCode()).as(new String(r.body())).isEqualTo(201);
  }

  static String feature(String geometry, String properties) {
    return "{\"type\":\"Feature\",\"geometry\":" + geometry + ",\"properties\":" + properties + "}";
  }

  static String polygon(double lon, double lat, double size) {
    return "{\"type\":\"Polygon\",\"coordinates\":[[[" + lon + "," + lat + "],[" + (lon + size) + "," + lat + "],[" + (lon + size) + ","
        + (lat + size * 0.7) + "],[" + lon + "," + (lat + size) + "],[" + lon + "," + lat + "]]]}";
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  @ParameterizedTest
  @ValueSource(strings = {"gpkg", "shp", "geojson", "kml", "csv"})
  void exportThenImportGivesTheSameFeatures(String format) {
    // a twin settlement per format: its baseline receives the import
    String twin = "rt-" + format;
    assertThat(Requests.send(server, "POST", "/api/settlements", Requests.JSON, "{\"id\":\"" + twin + "\",\"name\":\"Twin\",\"boundary\":" + BOUNDARY + "}").statusCode())
        .isEqualTo(201);
    for (Layer layer : List.of(Layer.STRUCTURES, Layer.FOOTPATHS, Layer.SERVICES, Layer.CONSTRAINTS)) {
      HttpResponse<byte[]> file = server.admin().request("GET", "/api/settlements/" + SID + "/plans/baseline/export?format=" + format + "&layers=" + layer.id(), null);
      assertThat(file.statusCode()).as(new String(file.body())).isEqualTo(200);
      String name = file.headers().firstValue("Content-Disposition").orElseThrow().replaceAll(".*filename=\"([^\"]+)\".*", "$1");
      // the Shapefile export splits layers with several geometry kinds: each part is imported
      List<String> parts = !format.equals("shp") ? List.of(layer.id())
          : layer == Layer.SERVICES ? List.of("services_points")
          : layer == Layer.CONSTRAINTS ? List.of("constraints_areas", "constraints_lines") : List.of(layer.id());
      for (String part : parts) {
        Map<String, String> form = fields("layer", layer.id(), "sourceLayer", part);
        if (format.equals("csv")) {
          form.put("crs", "EPSG:4326");
          form.remove("sourceLayer");
        }
        if (format.equals("geojson")) {
          form.remove("sourceLayer");
        }
        HttpResponse<byte[]> staged = upload(server, "/api/settlements/" + twin + "/plans/baseline/imports", name, file.body(), form);
        assertThat(staged.statusCode()).as(new String(staged.body())).isEqualTo(201);
        JsonNode preview = json(staged);
        assertThat(preview.get("committable").asBoolean()).as(preview.toPrettyString()).isTrue();
        String location = "/api/settlements/" + twin + "/plans/baseline/imports/" + preview.get("id").asText();
        HttpResponse<byte[]> committed = Requests.send(server, "POST", location + "/commit", Requests.JSON, "{}");
        assertThat(committed.statusCode()).as(new String(committed.body())).isEqualTo(200);
      }
      assertSame(layer, twin, format);
    }
  }

  /** Every feature of the baseline has its twin, by name, in the plan: geometry within 1 mm, attributes equal. */
  static void assertSame(Layer layer, String twin, String format) {
    Map<String, JsonNode> original = byName(layer, SID);
    Map<String, JsonNode> imported = byName(layer, twin);
    assertThat(imported.keySet()).as("%s %s", format, layer.id()).isEqualTo(original.keySet());
    for (String name : original.keySet()) {
      for (Attribute a : layer.attributes()) {
        JsonNode want = original.get(name).get(a.name());
        JsonNode got = imported.get(name).get(a.name());
        if (a.type() == Attribute.Type.BOOLEAN) {
          assertThat(got == null ? false : got.asBoolean()).as("%s %s %s.%s", format, layer.id(), name, a.name()).isEqualTo(want != null && want.asBoolean());
        } else if (want == null || want.isNull()) {
          assertThat(got == null || got.isNull()).as("%s %s %s.%s is %s", format, layer.id(), name, a.name(), got).isTrue();
        } else if (want.isNumber()) {
          assertThat(got.asDouble()).as("%s %s %s.%s", format, layer.id(), name, a.name()).isEqualTo(want.asDouble());
        } else {
          assertThat(got.asText()).as("%s %s %s.%s", format, layer.id(), name, a.name()).isEqualTo(want.asText());
        }
      }
    }
    double worst =
        ((Number) Requests.scalar(server,
            "SELECT max(ST_HausdorffDistance(ST_Transform(a.geom, s.metric_srid), ST_Transform(b.geom, s.metric_srid)))"
                + " FROM " + layer.planViewFunction() + "(?, 'baseline') a JOIN " + layer.planViewFunction() + "(?, 'baseline') b"
                + " ON b.name = a.name JOIN settlement s ON s.id = ?",
            SID, twin, SID)).doubleValue();
    assertThat(worst).as("%s %s: largest distance in metres", format, layer.id()).isLessThan(0.001);
  }

  static Map<String, JsonNode> byName(Layer layer, String settlement) {
    JsonNode items = server.admin().getJson("/api/settlements/" + settlement + "/plans/baseline/collections/" + layer.id() + "/items?limit=1000");
    Map<String, JsonNode> out = new HashMap<>();
    items.get("features").forEach(f -> out.put(f.get("properties").get("name").asText(), f.get("properties")));
    return out;
  }
}
