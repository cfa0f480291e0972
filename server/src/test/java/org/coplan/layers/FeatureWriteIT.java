package org.coplan.layers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.coplan.testing.Problems.assertBadParameter;
import static org.coplan.testing.Problems.assertNotFound;
import static org.coplan.testing.Problems.assertProblem;
import static org.coplan.testing.Requests.count;
import static org.coplan.testing.Requests.delete;
import static org.coplan.testing.Requests.etag;
import static org.coplan.testing.Requests.feature;
import static org.coplan.testing.Requests.footpath;
import static org.coplan.testing.Requests.line;
import static org.coplan.testing.Requests.patch;
import static org.coplan.testing.Requests.post;
import static org.coplan.testing.Requests.put;
import static org.coplan.testing.Requests.scalar;
import static org.coplan.testing.Requests.send;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.coplan.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** Create, replace, patch and delete features of the baseline; what is answered and what is stored. */
class FeatureWriteIT {
  static final TestServer server = TestServer.start();
  static final String FOOTPATHS = "/api/settlements/tandale/plans/baseline/collections/footpaths/items";
  static final String STRUCTURES = "/api/settlements/tandale/plans/baseline/collections/structures/items";

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  static String newPath(double lon) {
    return feature(line(lon, -6.80, lon + 0.0005, -6.8003), footpath("footpath", 1.5));
  }

  /** Creates a footpath and returns its URL path. */
  static String created(double lon) {
    HttpResponse<byte[]> r = post(server, FOOTPATHS, newPath(lon), "Prefer", "return=minimal");
    assertThat(r.statusCode()).isEqualTo(201);
    return URI.create(r.headers().firstValue("Location").orElseThrow()).getPath();
  }

  @Test
  void postingAFeatureAnswers201WithItsLocationETagAndWhatWasStored() {
    HttpResponse<byte[]> r = post(server, FOOTPATHS, newPath(39.2400), "X-Change-Reason", "survey of block 4");
    assertThat(r.statusCode()).isEqualTo(201);
    JsonNode f = TestServer.json(r);
    String id = f.get("id").asText();
    assertThat(r.headers().firstValue("Location")).hasValue(server.uri(FOOTPATHS + "/" + id).toString());
    assertThat(r.headers().firstValue("ETag")).hasValue("\"" + id + "-v1\"");
    assertThat(r.headers().firstValue("Content-Crs")).hasValue("<http://www.opengis.net/def/crs/OGC/1.3/CRS84>");
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/geo+json");
    assertThat(r.headers().firstValue("Preference-Applied")).isEmpty();
    assertThat(f.at("/geometry/coordinates").toString()).isEqualTo("[[39.24,-6.8],[39.2405,-6.8003]]");
    assertThat(f.at("/properties/class").asText()).isEqualTo("footpath");
    assertThat(f.at("/properties/width_m").asDouble()).isEqualTo(1.5);
    assertThat(f.at("/properties/state").asText()).isEqualTo("proposed");
    assertThat(f.at("/properties/version").asInt()).isEqualTo(1);
    assertThat(f.at("/properties/created_by").asText()).isEqualTo("test-admin");

    // stored as answered, lines kept in the direction sent, and recorded as version 1 with its reason
    assertThat(server.getJson(FOOTPATHS + "/" + id).get("geometry")).isEqualTo(f.get("geometry"));
    assertThat(scalar(server, "SELECT ST_AsText(geom, 7) FROM footpaths WHERE id = ?::uuid", id))
        .isEqualTo("LINESTRING(39.24 -6.8,39.2405 -6.8003)");
    assertThat(scalar(server, "SELECT operation || '/' || author || '/' || reason FROM feature_version WHERE feature_id = ?::uuid", id))
        .isEqualTo("create/test-admin/survey of block 4");
  }

  @Test
  void returnMinimalAnswersWithoutABody() {
    HttpResponse<byte[]> r = post(server, FOOTPATHS, newPath(39.2401), "Prefer", "return=minimal");
    assertThat(r.statusCode()).isEqualTo(201);
    assertThat(r.body()).isEmpty();
    assertThat(r.headers().firstValue("Preference-Applied")).hasValue("return=minimal");
    assertThat(r.headers().firstValue("Location")).isPresent();
    assertThat(r.headers().firstValue("ETag").orElseThrow()).endsWith("-v1\"");
  }

  @Test
  void putReplacesTheWholeFeatureAsTheNextVersion() {
    String path = created(39.2402);
    String body = feature(line(39.2402, -6.801, 39.2406, -6.8012), "{\"class\":\"lane\",\"width_m\":3,\"state\":\"agreed\"}");
    HttpResponse<byte[]> r = put(server, path, etag(server, path), body, "Prefer", "return=representation");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Preference-Applied")).hasValue("return=representation");
    JsonNode f = TestServer.json(r);
    assertThat(etag(r)).endsWith("-v2\"");
    assertThat(f.at("/properties/version").asInt()).isEqualTo(2);
    assertThat(f.at("/properties/class").asText()).isEqualTo("lane");
    assertThat(f.at("/properties/state").asText()).isEqualTo("agreed");
    assertThat(f.at("/properties/surface").isNull()).isTrue();
    assertThat(f.at("/geometry/coordinates").toString()).isEqualTo("[[39.2402,-6.801],[39.2406,-6.8012]]");

    HttpResponse<byte[]> minimal = put(server, path, etag(r), body, "Prefer", "return=minimal");
    assertThat(minimal.statusCode()).isEqualTo(204);
    assertThat(minimal.body()).isEmpty();
    assertThat(etag(minimal)).endsWith("-v3\"");
  }

  @Test
  void putWithAnotherFeaturesIdIsRefused() {
    String path = created(39.2403);
    String body = "{\"type\":\"Feature\",\"id\":\"00000000-0000-4000-8000-000000000000\",\"geometry\":"
        + line(39.2403, -6.80, 39.2404, -6.80) + ",\"properties\":" + footpath("lane", 2) + "}";
    JsonNode p = assertProblem(put(server, path, etag(server, path), body), 422, "invalid-content");
    assertThat(p.at("/errors/0/pointer").asText()).isEqualTo("/id");
  }

  @Test
  void patchChangesOnlyWhatItNamesAndLeavesTheGeometryExactlyAsStored() {
    // a baseline footpath from the demo, with full-precision coordinates
    String id = server.getJson(FOOTPATHS + "?limit=1&offset=5").at("/features/0/id").asText();
    String path = FOOTPATHS + "/" + id;
    Object before = scalar(server, "SELECT ST_AsEWKB(geom) FROM footpaths WHERE id = ?::uuid", id);
    JsonNode was = server.getJson(path).get("properties");
    HttpResponse<byte[]> r = patch(server, path, etag(server, path), "{\"properties\":{\"width_m\":2.75,\"name\":\"Njia ya Soko\"}}");
    assertThat(r.statusCode()).isEqualTo(200);
    JsonNode now = TestServer.json(r).get("properties");
    assertThat(now.get("width_m").asDouble()).isEqualTo(2.75);
    assertThat(now.get("name").asText()).isEqualTo("Njia ya Soko");
    assertThat(now.get("class")).isEqualTo(was.get("class"));
    assertThat(now.get("surface")).isEqualTo(was.get("surface"));
    assertThat(now.get("version").asInt()).isEqualTo(was.get("version").asInt() + 1);
    assertThat(scalar(server, "SELECT ST_AsEWKB(geom) FROM footpaths WHERE id = ?::uuid", id)).isEqualTo(before);
  }

  @Test
  void patchReplacesCoordinatesWholeAndRefusesToClearARequiredAttribute() {
    String path = created(39.2404);
    HttpResponse<byte[]> moved =
        patch(server, path, etag(server, path), "{\"geometry\":{\"coordinates\":[[39.2404,-6.80],[39.2406,-6.801],[39.2407,-6.802]]}}");
    assertThat(moved.statusCode()).isEqualTo(200);
    assertThat(TestServer.json(moved).at("/geometry/type").asText()).isEqualTo("LineString");
    assertThat(TestServer.json(moved).at("/geometry/coordinates").size()).isEqualTo(3);

    JsonNode p = assertProblem(patch(server, path, etag(moved), "{\"properties\":{\"class\":null}}"), 422, "invalid-content");
    assertThat(p.get("errors")).hasSize(1);
    assertThat(p.at("/errors/0/pointer").asText()).isEqualTo("/properties/class");
    assertThat(p.at("/errors/0/detail").asText()).isEqualTo("is required: one of footpath, lane, road");
    assertThat(etag(server, path)).as("nothing stored").isEqualTo(etag(moved));
  }

  @Test
  void deleteMarksTheFeatureRemovedAndKeepsIt() {
    String path = created(39.2405);
    String id = path.substring(path.lastIndexOf('/') + 1);
    HttpResponse<byte[]> r = delete(server, path, etag(server, path), "X-Change-Reason", "duplicate of path 12");
    assertThat(r.statusCode()).isEqualTo(204);
    assertThat(r.body()).isEmpty();
    assertNotFound(server.get(path), "collection 'footpaths' of plan 'baseline' of settlement 'tandale' has no feature '" + id + "'");
    assertThat(scalar(server, "SELECT deleted::text || '/' || version FROM footpaths WHERE id = ?::uuid", id)).isEqualTo("true/2");
    assertThat(scalar(server, "SELECT operation || '/' || reason FROM feature_version WHERE feature_id = ?::uuid AND version = 2", id))
        .isEqualTo("delete/duplicate of path 12");

    // a second delete, a replace or a patch of the removed feature is a 404 that says who removed it
    JsonNode again = assertProblem(delete(server, path, "\"" + id + "-v2\""), 404, "not-found");
    assertThat(again.get("detail").asText()).contains("deleted by test-admin at").contains("(version 2); undelete it first");
  }

  @Test
  void aBatchIsCreatedWholeInOrder() {
    long before = count(server, "SELECT count(*) FROM footpaths");
    String batch = "{\"type\":\"FeatureCollection\",\"reason\":\"surveyed on 3 May\",\"features\":["
        + feature(line(39.2410, -6.80, 39.2411, -6.80), footpath("footpath", 1.0)) + ","
        + feature(line(39.2412, -6.80, 39.2413, -6.80), footpath("lane", 2.0)) + ","
        + feature(line(39.2414, -6.80, 39.2415, -6.80), footpath("road", 6.0)) + "]}";
    HttpResponse<byte[]> r = post(server, FOOTPATHS, batch);
    assertThat(r.statusCode()).isEqualTo(201);
    assertThat(r.headers().firstValue("Location")).isEmpty();
    JsonNode fc = TestServer.json(r);
    assertThat(fc.get("type").asText()).isEqualTo("FeatureCollection");
    List<String> classes = new ArrayList<>();
    fc.get("features").forEach(f -> classes.add(f.at("/properties/class").asText()));
    assertThat(classes).containsExactly("footpath", "lane", "road");
    assertThat(count(server, "SELECT count(*) FROM footpaths")).isEqualTo(before + 3);
    String id = fc.at("/features/2/id").asText();
    assertThat(scalar(server, "SELECT reason FROM feature_version WHERE feature_id = ?::uuid", id)).isEqualTo("surveyed on 3 May");

    HttpResponse<byte[]> minimal = post(server, FOOTPATHS, batch, "Prefer", "return=minimal");
    JsonNode created = TestServer.json(minimal);
    assertThat(created.get("numberCreated").asInt()).isEqualTo(3);
    assertThat(created.at("/items/0/version").asInt()).isEqualTo(1);
    assertThat(created.at("/items/0/href").asText()).startsWith(server.uri(FOOTPATHS + "/").toString());
  }

  @Test
  void aBatchWithOneBadFeatureStoresNothingAndNamesEveryFault() {
    long rows = count(server, "SELECT count(*) FROM footpaths");
    long versions = count(server, "SELECT count(*) FROM feature_version");
    String batch = "{\"type\":\"FeatureCollection\",\"features\":["
        + feature(line(39.2420, -6.80, 39.2421, -6.80), footpath("footpath", 1.0)) + ","
        + feature(line(39.2422, -6.80, 39.2423, -6.80), "{\"class\":\"lane\",\"width_m\":45,\"state\":\"proposed\",\"colour\":\"red\"}") + ","
        + feature(line(39.2424, -6.80), footpath("road", 6.0)) + "]}";
    JsonNode p = assertProblem(post(server, FOOTPATHS, batch), 422, "invalid-content");
    assertThat(p.get("detail").asText()).startsWith("the features (all or none are stored; none were) cannot be stored in 'footpaths': 3 problems");
    assertThat(p.get("errors"))
        .extracting(e -> e.get("pointer").asText(), e -> e.get("detail").asText())
        .containsExactlyInAnyOrder(
            tuple("/features/1/properties/colour", "'footpaths' has no attribute 'colour'; its attributes are name, class, width_m, surface, state"),
            tuple("/features/1/properties/width_m", "must be at most 30; got 45"),
            tuple("/features/2/geometry/coordinates", "a line needs at least 2 positions; got 1"));
    assertThat(count(server, "SELECT count(*) FROM footpaths")).isEqualTo(rows);
    assertThat(count(server, "SELECT count(*) FROM feature_version")).isEqualTo(versions);
  }

  @Test
  void anInvalidGeometryIsLocatedAndRepairIsOffered() {
    String spiky = "{\"type\":\"Polygon\",\"coordinates\":[[[39.2430,-6.800],[39.2431,-6.800],[39.2431,-6.7999],"
        + "[39.2431,-6.7998],[39.2431,-6.7999],[39.2430,-6.7999],[39.2430,-6.800]]]}";
    String body = feature(spiky, "{\"use\":\"residential\",\"households\":2}");
    long rows = count(server, "SELECT count(*) FROM structures");
    JsonNode p = assertProblem(post(server, STRUCTURES, body), 422, "invalid-content");
    assertThat(p.at("/errors/0/pointer").asText()).isEqualTo("/geometry");
    assertThat(p.at("/errors/0/detail").asText()).isEqualTo("invalid geometry: Self-intersection; fix it, or send it with ?repair=true");
    assertThat(p.at("/errors/0/location").toString()).isEqualTo("[39.2431,-6.7998]");
    assertThat(count(server, "SELECT count(*) FROM structures")).isEqualTo(rows);

    // repaired, the representation is returned even to a client that preferred none: it must see what was stored
    HttpResponse<byte[]> r = post(server, STRUCTURES + "?repair=true", body, "Prefer", "return=minimal");
    assertThat(r.statusCode()).isEqualTo(201);
    assertThat(r.headers().firstValue("Preference-Applied")).isEmpty();
    JsonNode f = TestServer.json(r);
    assertThat(f.at("/repairs/0/pointer").asText()).isEqualTo("/geometry");
    assertThat(f.at("/repairs/0/detail").asText())
        .startsWith("Self-intersection; repaired: Polygon with 7 vertices became Polygon with")
        .endsWith("keeping 100.0% of its area");
    assertThat(f.at("/geometry/coordinates/0").size()).isLessThan(7);
    assertThat(scalar(server, "SELECT ST_IsValid(geom) FROM structures WHERE id = ?::uuid", f.get("id").asText())).isEqualTo(true);
  }

  @Test
  void aFeatureFarFromTheSettlementIsCalledACrsMistake() {
    JsonNode p = assertProblem(post(server, FOOTPATHS, feature(line(39.54, -6.80, 39.5405, -6.8003), footpath("lane", 2))), 422, "invalid-content");
    assertThat(p.at("/errors/0/detail").asText()).startsWith("the feature lies 31.9 km from settlement 'Tandale'")
        .contains("almost always a CRS mistake");
    JsonNode swapped = assertProblem(post(server, FOOTPATHS, feature(line(-6.80, 39.24, -6.8003, 39.2405), footpath("lane", 2))), 422, "invalid-content");
    assertThat(swapped.at("/errors/0/detail").asText()).contains("the axes look swapped");
    assertThat(swapped.at("/errors/0/location").toString()).isEqualTo("[-6.8,39.24]");
  }

  @Test
  void aBodyThatIsNotAFeatureIs422ButBrokenJsonIs400() {
    JsonNode notAFeature = assertProblem(post(server, FOOTPATHS, "{\"type\":\"Topology\"}"), 422, "invalid-content");
    assertThat(notAFeature.get("errors")).extracting(e -> e.get("pointer").asText())
        .contains("/type", "/properties/class", "/geometry");
    JsonNode broken = assertProblem(post(server, FOOTPATHS, "{\"type\": \"Feature\", \"geometry\": "), 400, "malformed-json");
    assertThat(broken.get("detail").asText()).startsWith("the request body is not valid JSON at line 1, column ");
    JsonNode twice = assertProblem(post(server, FOOTPATHS, "{\"type\":\"Feature\",\"type\":\"Feature\"}"), 400, "malformed-json");
    assertThat(twice.get("detail").asText()).contains("Duplicate field 'type'");
    JsonNode empty = assertProblem(post(server, FOOTPATHS, ""), 400, "malformed-json");
    assertThat(empty.get("detail").asText()).isEqualTo("the request body is empty; send a JSON document");
  }

  @Test
  void theWrongMediaTypeIs415NamingWhatIsAccepted() {
    JsonNode text = assertProblem(send(server, "POST", FOOTPATHS, "text/plain", newPath(39.25)), 415, "unsupported-media-type");
    assertThat(text.get("detail").asText())
        .isEqualTo("Content-Type text/plain is not accepted here; send application/geo+json or application/json");
    String path = created(39.2406);
    JsonNode json = assertProblem(
        send(server, "PATCH", path, "application/json", "{\"properties\":{}}", "If-Match", etag(server, path)), 415, "unsupported-media-type");
    assertThat(json.get("detail").asText())
        .isEqualTo("Content-Type application/json is not accepted here; send application/merge-patch+json");
    assertThat(send(server, "POST", FOOTPATHS, "application/json", newPath(39.2407)).statusCode()).isEqualTo(201);
  }

  @Test
  void unknownPlacesAndParametersAreNamed() {
    String uuid = "00000000-0000-4000-8000-000000000000";
    assertNotFound(post(server, "/api/settlements/tandale/plans/nope/collections/footpaths/items", newPath(39.24)),
        "settlement 'tandale' has no plan 'nope'");
    assertNotFound(post(server, "/api/settlements/tandale/plans/baseline/collections/roads/items", newPath(39.24)),
        "plan 'baseline' of settlement 'tandale' has no collection 'roads'; its collections are structures, footpaths, services, constraints");
    assertNotFound(put(server, FOOTPATHS + "/" + uuid, "\"" + uuid + "-v1\"", newPath(39.24)),
        "collection 'footpaths' of plan 'baseline' of settlement 'tandale' has no feature '" + uuid + "'");
    assertNotFound(patch(server, FOOTPATHS + "/not-a-uuid", "*", "{}"),
        "collection 'footpaths' of plan 'baseline' of settlement 'tandale' has no feature 'not-a-uuid'");
    assertBadParameter(post(server, FOOTPATHS + "?repair=maybe", newPath(39.24)), "repair", "must be true or false; got 'maybe'");
    assertBadParameter(post(server, FOOTPATHS, newPath(39.24), "Content-Crs", "<http://www.opengis.net/def/crs/EPSG/0/2154>"),
        "Content-Crs", "unsupported CRS '<http://www.opengis.net/def/crs/EPSG/0/2154>'; supported: ");
  }

  @Test
  void aReasonInTheBodyIsRecordedAndMustBeText() {
    String path = created(39.2408);
    String id = path.substring(path.lastIndexOf('/') + 1);
    HttpResponse<byte[]> r = patch(server, path, etag(server, path), "{\"reason\":\"agreed at the cell meeting\",\"properties\":{\"state\":\"agreed\"}}",
        "X-Change-Reason", "overridden by the body");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(scalar(server, "SELECT reason FROM feature_version WHERE feature_id = ?::uuid AND version = 2", id))
        .isEqualTo("agreed at the cell meeting");
    JsonNode p = assertProblem(patch(server, path, etag(r), "{\"reason\":42}"), 422, "invalid-content");
    assertThat(p.at("/errors/0/pointer").asText()).isEqualTo("/reason");
  }

  @Test
  void aFeatureReadAndSentBackWholeIsAccepted() {
    String id = server.getJson(STRUCTURES + "?limit=1&offset=9").at("/features/0/id").asText();
    HttpResponse<byte[]> read = server.get(STRUCTURES + "/" + id);
    HttpResponse<byte[]> r = put(server, STRUCTURES + "/" + id, etag(read), new String(read.body()));
    assertThat(r.statusCode()).isEqualTo(200);
    JsonNode before = TestServer.json(read);
    JsonNode after = TestServer.json(r);
    assertThat(after.at("/properties/use")).isEqualTo(before.at("/properties/use"));
    assertThat(after.at("/properties/households")).isEqualTo(before.at("/properties/households"));
    assertThat(after.at("/properties/version").asInt()).isEqualTo(before.at("/properties/version").asInt() + 1);
    assertThat(after.get("geometry")).isEqualTo(before.get("geometry"));
  }
}
