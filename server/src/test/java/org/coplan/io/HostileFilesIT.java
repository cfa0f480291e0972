package org.coplan.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.coplan.io.Fixtures.collection;
import static org.coplan.io.Fixtures.feature;
import static org.coplan.io.Fixtures.square;
import static org.coplan.io.Uploads.fields;
import static org.coplan.io.Uploads.json;
import static org.coplan.io.Uploads.upload;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.coplan.testing.Problems;
import org.coplan.testing.Requests;
import org.coplan.testing.TestDatabase;
import org.coplan.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** Each hostile or messy file of issue 8, with the report it must get. Nothing of them is stored. */
class HostileFilesIT {
  static final TestServer server = TestServer.start();
  static final String IMPORTS = "/api/settlements/tandale/plans/baseline/imports";
  static final String STRUCTURE = "{\"use\":\"residential\",\"name\":\"Nyumba\"}";

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  static JsonNode stage(String name, byte[] file, String... form) {
    HttpResponse<byte[]> r = upload(server, IMPORTS, name, file, fields(form));
    assertThat(r.statusCode()).as(new String(r.body())).isEqualTo(201);
    return json(r);
  }

  static List<JsonNode> problems(JsonNode preview, String code) {
    return StreamSupport.stream(preview.get("problems").spliterator(), false).filter(p -> p.get("code").asText().equals(code)).toList();
  }

  static String path(JsonNode preview) {
    return IMPORTS + "/" + preview.get("id").asText();
  }

  static long structures() {
    return Requests.count(server, "SELECT count(*) FROM structures WHERE settlement_id = 'tandale'");
  }

  @Test
  void aShapefileWithoutPrjNeedsItsCrsSaid() {
    byte[] zip = Uploads.zipShapefile(ImportIT.tandale("tandale-roads.shp"), false);
    JsonNode preview = stage("roads.zip", zip, "layer", "footpaths", "defaults", "{\"width_m\":1.5,\"state\":\"existing\"}", "mapping", "{\"OSM_TYPE\":\"class\"}");
    assertThat(preview.at("/crs/needed").asBoolean()).isTrue();
    assertThat(preview.get("committable").asBoolean()).isFalse();
    assertThat(problems(preview, "missing-crs").get(0).get("detail").asText()).contains("declares no CRS").contains("EPSG:4326?");
    HttpResponse<byte[]> refused = Requests.send(server, "POST", path(preview) + "/commit", Requests.JSON, "{}");
    Problems.assertProblem(refused, 409, "import-not-committable");
    // the wrong CRS puts the roads far away; another may be tried, from the coordinates as read
    JsonNode wrong = json(Requests.send(server, "PATCH", path(preview), Requests.JSON, "{\"crs\":\"EPSG:32737\"}"));
    assertThat(problems(wrong, "far-from-settlement")).isNotEmpty();
    assertThat(wrong.get("problemsTotal").asInt()).isGreaterThanOrEqualTo(885);
    assertThat(wrong.at("/summary/outside").asInt()).isEqualTo(885);
    Problems.assertBadParameter(Requests.send(server, "PATCH", path(preview), Requests.JSON, "{\"crs\":\"WGS84\"}"), "crs", "EPSG");
    JsonNode fixed = json(Requests.send(server, "PATCH", path(preview), Requests.JSON, "{\"crs\":\"EPSG:4326\"}"));
    assertThat(fixed.at("/crs/needed").asBoolean()).isFalse();
    assertThat(fixed.at("/crs/given").asText()).isEqualTo("EPSG:4326");
    assertThat(problems(fixed, "missing-crs")).isEmpty();
    assertThat(problems(fixed, "outside-settlement")).isNotEmpty();
  }

  @Test
  void invalidPolygonsAreReportedWithTheirLocationAndRepairedOnlyOnRequest() {
    // a hole that crosses its shell: invalid, and GeometryFixer makes a Polygon of it
    String crossingHole =
        "{\"type\":\"Polygon\",\"coordinates\":[[[39.2430,-6.8000],[39.2432,-6.8000],[39.2432,-6.7998],[39.2430,-6.7998],[39.2430,-6.8000]],"
            + "[[39.2431,-6.79995],[39.2433,-6.79995],[39.2433,-6.79985],[39.2431,-6.79985],[39.2431,-6.79995]]]}";
    String bowTie = "{\"type\":\"Polygon\",\"coordinates\":[[[39.2440,-6.8000],[39.2442,-6.7998],[39.2442,-6.8000],[39.2440,-6.7998],[39.2440,-6.8000]]]}";
    JsonNode both = stage("invalid.geojson", collection(feature(crossingHole, STRUCTURE), feature(bowTie, STRUCTURE)).getBytes(StandardCharsets.UTF_8), "layer", "structures");
    List<JsonNode> invalid = problems(both, "invalid-geometry");
    assertThat(invalid).hasSize(2);
    assertThat(invalid.get(0).get("row").asInt()).isEqualTo(1);
    assertThat(invalid.get(0).get("location").size()).isEqualTo(2);
    assertThat(invalid.get(0).get("remedy").asText()).isEqualTo("repair");
    assertThat(invalid.get(1).get("detail").asText()).contains("Self-intersection").contains("does not take");
    assertThat(invalid.get(1).has("remedy")).isFalse();
    long before = structures();
    Problems.assertProblem(Requests.send(server, "POST", path(both) + "/commit", Requests.JSON, "{\"repair\":true}"), 409, "import-not-committable");
    assertThat(structures()).isEqualTo(before);

    JsonNode one = stage("hole.geojson", collection(feature(crossingHole, STRUCTURE)).getBytes(StandardCharsets.UTF_8), "layer", "structures");
    Problems.assertProblem(Requests.send(server, "POST", path(one) + "/commit", Requests.JSON, "{}"), 409, "import-not-committable");
    HttpResponse<byte[]> repaired = Requests.send(server, "POST", path(one) + "/commit", Requests.JSON, "{\"repair\":true}");
    assertThat(repaired.statusCode()).as(new String(repaired.body())).isEqualTo(200);
    JsonNode result = json(repaired).get("result");
    assertThat(result.get("created").asInt()).isEqualTo(1);
    assertThat(result.get("repairs").get(0).get("detail").asText()).contains("repaired");
    assertThat(structures()).isEqualTo(before + 1);
  }

  @Test
  void anAttributeNamedGeometryStaysAnAttribute() {
    byte[] zip =
        Fixtures.shapefileZip(collection(feature(square(39.2450, -6.8000, 0.0001, 0), "{\"GEOMETRY\":\"tin roof\",\"NAME\":\"Paa\",\"USE\":\"residential\"}")), "EPSG:4326");
    JsonNode preview = stage("geometry-field.zip", zip, "layer", "structures", "mapping", "{\"GEOMETRY\":\"material\"}");
    assertThat(preview.get("fields")).extracting(JsonNode::asText).contains("GEOMETRY");
    assertThat(preview.at("/geometryTypes/Polygon").asInt()).isEqualTo(1);
    assertThat(preview.get("committable").asBoolean()).as(preview.toPrettyString()).isTrue();
    HttpResponse<byte[]> r = Requests.send(server, "POST", path(preview) + "/commit", Requests.JSON, "{}");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(Requests.scalar(server, "SELECT material FROM structures WHERE settlement_id = 'tandale' AND name = 'Paa'")).isEqualTo("tin roof");

    // in a CSV with longitude and latitude columns, a GEOMETRY column is text too
    String csv = "name,type,state,GEOMETRY,lon,lat\nBomba,water_point,proposed,POINT (0 0),39.2431,-6.8001\n";
    JsonNode points = stage("points.csv", csv.getBytes(StandardCharsets.UTF_8), "layer", "services", "crs", "EPSG:4326");
    assertThat(points.get("committable").asBoolean()).as(points.toPrettyString()).isTrue();
    assertThat(points.at("/geometryTypes/Point").asInt()).isEqualTo(1);
  }

  @Test
  void aCsvWithCrOnlyLineEndingsIsReadLineByLine() {
    String csv = "name,type,state,lon,lat\rTap 1,water_point,proposed,39.2431,-6.8001\rTap 2,water_point,proposed,39.2432,-6.8002\rTap 3,toilet,proposed,39.2433,-6.8003\r";
    JsonNode preview = stage("mac.csv", csv.getBytes(StandardCharsets.UTF_8), "layer", "services", "crs", "EPSG:4326");
    assertThat(preview.get("featureCount").asInt()).isEqualTo(3);
    assertThat(problems(preview, "read").get(0).get("detail").asText()).contains("CR only");
    assertThat(preview.get("committable").asBoolean()).isTrue();
  }

  @Test
  void commaDecimalSeparatorsAreReportedWithRowAndField() {
    String csv = "name;type;state;capacity;lon;lat\nTap 1;water_point;proposed;12,5;39.2431;-6.8001\nTap 2;water_point;proposed;10;39,2432;-6,8002\n";
    JsonNode preview = stage("comma.csv", csv.getBytes(StandardCharsets.UTF_8), "layer", "services", "crs", "EPSG:4326");
    assertThat(problems(preview, "attribute-value")).as(preview.toPrettyString()).isNotEmpty();
    JsonNode value = problems(preview, "attribute-value").get(0);
    assertThat(value.get("row").asInt()).isEqualTo(1);
    assertThat(value.get("field").asText()).isEqualTo("capacity");
    assertThat(value.get("detail").asText()).contains("decimal comma").contains("12.5");
    // GDAL reads decimal commas in the coordinate columns of a semicolon-separated file as intended
    assertThat(preview.at("/geometryTypes/Point").asInt()).isEqualTo(2);
    assertThat(problems(preview, "no-geometry")).isEmpty();
    assertThat(preview.get("committable").asBoolean()).isFalse();
    String report = new String(server.admin().request("GET", path(preview) + "/report.csv", null).body(), StandardCharsets.UTF_8);
    assertThat(report).startsWith("severity,code,row,field,detail,x,y").contains("error,attribute-value,1,capacity,");
  }

  @Test
  void coordinatesInAnotherCrsThanDeclaredAreCaught() {
    // UTM 37 S metres of a square in Tandale, declared as EPSG:4326 degrees
    double x = ((Number) Requests.scalar(server, "SELECT round(ST_X(ST_Transform(ST_PointOnSurface(geom), 32737)))::float8 FROM structures WHERE settlement_id = 'tandale' ORDER BY fid LIMIT 1")).doubleValue();
    double y = ((Number) Requests.scalar(server, "SELECT round(ST_Y(ST_Transform(ST_PointOnSurface(geom), 32737)))::float8 FROM structures WHERE settlement_id = 'tandale' ORDER BY fid LIMIT 1")).doubleValue();
    String utm =
        "{\"type\":\"Polygon\",\"coordinates\":[[[" + x + "," + y + "],[" + (x + 5) + "," + y + "],[" + (x + 5) + "," + (y + 5) + "],[" + x + "," + (y + 5) + "],[" + x + "," + y + "]]]}";
    byte[] zip = Fixtures.shapefileZip(collection(feature(utm, "{\"USE\":\"residential\"}")), "EPSG:4326");
    JsonNode preview = stage("wrong-crs.zip", zip, "layer", "structures");
    assertThat(problems(preview, "crs-mismatch").get(0).get("detail").asText()).contains("are not degrees").contains("projected");
    assertThat(preview.get("committable").asBoolean()).isFalse();
    JsonNode fixed = json(Requests.send(server, "PATCH", path(preview), Requests.JSON, "{\"crs\":\"EPSG:32737\"}"));
    assertThat(fixed.get("committable").asBoolean()).as(fixed.toPrettyString()).isTrue();
    assertThat(problems(fixed, "outside-settlement")).isEmpty();
  }

  @Test
  void duplicateFootprintsAreWarnedAbout() {
    String a = feature(square(39.2460, -6.8000, 0.0001, 0), STRUCTURE);
    String sameStartingElsewhere = feature(square(39.2460, -6.8000, 0.0001, 2), STRUCTURE);
    JsonNode preview = stage("dupes.geojson", collection(a, sameStartingElsewhere).getBytes(StandardCharsets.UTF_8), "layer", "structures");
    JsonNode dupe = problems(preview, "duplicate").get(0);
    assertThat(dupe.get("severity").asText()).isEqualTo("warning");
    assertThat(dupe.get("row").asInt()).isEqualTo(2);
    assertThat(dupe.get("detail").asText()).contains("row 1");
  }

  @Test
  void wrongGeometryTypesEmptyRequiredValuesAndABadMappingAreEachReported() {
    String line = feature("{\"type\":\"LineString\",\"coordinates\":[[39.2460,-6.8000],[39.2461,-6.8001]]}", STRUCTURE);
    String noUse = feature(square(39.2462, -6.8000, 0.0001, 0), "{\"use\":\"\",\"name\":\"Nyumba\"}");
    String good = feature(square(39.2464, -6.8000, 0.0001, 0), STRUCTURE);
    JsonNode preview = stage("types.geojson", collection(line, noUse, good).getBytes(StandardCharsets.UTF_8), "layer", "structures",
        "mapping", "{\"use\":\"use\",\"name\":\"name\",\"colour\":\"paint\"}");
    JsonNode wrong = problems(preview, "wrong-geometry-type").get(0);
    assertThat(wrong.get("row").asInt()).isEqualTo(1);
    assertThat(wrong.get("detail").asText()).contains("LineString");
    JsonNode missing = problems(preview, "missing-value").get(0);
    assertThat(missing.get("row").asInt()).isEqualTo(2);
    assertThat(missing.get("field").asText()).isEqualTo("use");
    assertThat(problems(preview, "mapping")).as(preview.toPrettyString()).isNotEmpty();
    assertThat(preview.get("committable").asBoolean()).isFalse();
    String report = new String(server.admin().request("GET", path(preview) + "/report.csv", null).body(), StandardCharsets.UTF_8);
    assertThat(report).contains("error,wrong-geometry-type,1,", "error,missing-value,2,use,");
  }

  @Test
  void aZipBombIsRefused() {
    byte[] zeros = new byte[24 << 20];
    HttpResponse<byte[]> r = upload(server, IMPORTS, "bomb.zip", Uploads.zip(Map.of("big.geojson", zeros)), fields("layer", "structures"));
    assertThat(Problems.assertProblem(r, 422, "unsafe-archive").get("detail").asText()).contains("zip bomb");
  }

  @Test
  void aPathTraversalEntryIsRefused() {
    byte[] zip = Uploads.zip(Map.of("../../../tmp/evil.geojson", collection().getBytes(StandardCharsets.UTF_8)));
    HttpResponse<byte[]> r = upload(server, IMPORTS, "slip.zip", zip, fields("layer", "structures"));
    assertThat(Problems.assertProblem(r, 422, "unsafe-archive").get("detail").asText()).contains("path traversal");
    assertThat(Files.exists(Path.of("/tmp/evil.geojson"))).isFalse();
  }

  @Test
  void aSymbolicLinkEntryIsRefused() {
    byte[] zip = Fixtures.asSymlinks(Uploads.zip(Map.of("data.geojson", "/etc/passwd".getBytes(StandardCharsets.UTF_8))));
    HttpResponse<byte[]> r = upload(server, IMPORTS, "link.zip", zip, fields("layer", "structures"));
    assertThat(Problems.assertProblem(r, 422, "unsafe-archive").get("detail").asText()).contains("symbolic link");
  }

  @Test
  void aFileThatPointsAtOtherFilesIsNotRead() {
    String vrt = "<OGRVRTDataSource><OGRVRTLayer name=\"passwd\"><SrcDataSource>CSV:/etc/passwd</SrcDataSource></OGRVRTLayer></OGRVRTDataSource>";
    HttpResponse<byte[]> r = upload(server, IMPORTS, "innocent.kml", vrt.getBytes(StandardCharsets.UTF_8), fields("layer", "structures"));
    assertThat(r.statusCode()).isEqualTo(422);
    assertThat(new String(r.body(), StandardCharsets.UTF_8)).doesNotContain("root:");
  }

  @Test
  void anEmptyFileIsUnreadable() {
    HttpResponse<byte[]> r = upload(server, IMPORTS, "empty.geojson", new byte[0], fields("layer", "structures"));
    assertThat(Problems.assertProblem(r, 422, "file-unreadable").get("detail").asText()).contains("empty");
  }

  @Test
  void aTruncatedFileIsUnreadable() throws Exception {
    byte[] gpkg = server.admin().request("GET", "/api/settlements/tandale/plans/baseline/export?format=gpkg&layers=footpaths", null).body();
    byte[] half = java.util.Arrays.copyOf(gpkg, gpkg.length / 3);
    HttpResponse<byte[]> r = upload(server, IMPORTS, "cut.gpkg", half, fields("layer", "footpaths"));
    assertThat(r.statusCode()).as(new String(r.body())).isEqualTo(422);
    assertThat(Problems.assertProblem(r, 422, "file-unreadable").get("detail").asText()).contains("GDAL");
    String json = collection(feature(square(39.2460, -6.8000, 0.0001, 0), STRUCTURE));
    HttpResponse<byte[]> cut = upload(server, IMPORTS, "cut.geojson", json.substring(0, json.length() / 2).getBytes(StandardCharsets.UTF_8), fields("layer", "structures"));
    Problems.assertProblem(cut, 422, "file-unreadable");
  }

  @Test
  void nothingOfAFileIsLeftOnDiskAfterwards() throws Exception {
    Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
    List<Path> before = new ArrayList<>();
    try (var l = Files.list(tmp)) {
      l.filter(p -> p.getFileName().toString().startsWith("coplan-io-")).forEach(before::add);
    }
    upload(server, IMPORTS, "empty.geojson", new byte[0], fields("layer", "structures"));
    stage("one.geojson", collection(feature(square(39.2470, -6.8000, 0.0001, 0), STRUCTURE)).getBytes(StandardCharsets.UTF_8), "layer", "structures");
    try (var l = Files.list(tmp)) {
      assertThat(l.filter(p -> p.getFileName().toString().startsWith("coplan-io-")).toList()).containsExactlyInAnyOrderElementsOf(before);
    }
  }
}
