package org.coplan.layers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.coplan.testing.Problems.assertBadParameter;
import static org.coplan.testing.Problems.assertProblem;
import static org.coplan.testing.Requests.etag;
import static org.coplan.testing.Requests.feature;
import static org.coplan.testing.Requests.footpath;
import static org.coplan.testing.Requests.patch;
import static org.coplan.testing.Requests.post;
import static org.coplan.testing.Requests.put;
import static org.coplan.testing.Requests.scalar;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.coplan.testing.Requests;
import org.coplan.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * OGC API - Features Part 2 over Tandale (UTM zone 37S, EPSG:32737): reading in and filtering by
 * CRS84, EPSG:4326, EPSG:3857 and UTM, writing in them, and round trips that land within 1 cm.
 * Expected values come from PostGIS directly, not from the API.
 */
class CrsIT {
  static final TestServer server = TestServer.start();
  static final String PLAN = "/api/settlements/tandale/plans/baseline";
  static final String FOOTPATHS = PLAN + "/collections/footpaths/items";
  static final String CRS84 = "http://www.opengis.net/def/crs/OGC/1.3/CRS84";
  static final String EPSG = "http://www.opengis.net/def/crs/EPSG/0/";

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  @Test
  void collectionsListTheirCrssAndStorageCrsAndConformanceDeclaresPart2() {
    JsonNode all = server.getJson(PLAN + "/collections");
    List<String> expected = List.of(CRS84, EPSG + "4326", EPSG + "3857", EPSG + "32737");
    assertThat(all.get("crs")).extracting(JsonNode::asText).containsExactlyElementsOf(expected);
    for (JsonNode c : all.get("collections")) {
      assertThat(c.get("crs")).extracting(JsonNode::asText).containsExactlyElementsOf(expected);
      assertThat(c.get("storageCrs").asText()).isEqualTo(CRS84);
    }
    assertThat(server.getJson(PLAN + "/collections/structures").get("storageCrs").asText()).isEqualTo(CRS84);
    assertThat(server.getJson(PLAN + "/conformance").get("conformsTo")).extracting(JsonNode::asText)
        .contains("http://www.opengis.net/spec/ogcapi-features-2/1.0/conf/crs");
  }

  @Test
  void itemsInWebMercatorAndUtmAreWhatPostgisTransformsTo() {
    for (int srid : new int[] {3857, 32737}) {
      HttpResponse<byte[]> r = server.get(FOOTPATHS + "?limit=20&crs=" + EPSG + srid);
      assertThat(r.headers().firstValue("Content-Crs")).hasValue("<" + EPSG + srid + ">");
      for (JsonNode f : TestServer.json(r).get("features")) {
        JsonNode first = f.at("/geometry/coordinates/0");
        String xy = (String) scalar(server,
            "SELECT ST_X(p) || ' ' || ST_Y(p) FROM (SELECT ST_StartPoint(ST_Transform(geom, ?)) AS p FROM footpaths WHERE id = ?::uuid) s",
            srid, f.get("id").asText());
        assertThat(first.get(0).asDouble()).isCloseTo(Double.parseDouble(xy.split(" ")[0]), within(1e-6));
        assertThat(first.get(1).asDouble()).isCloseTo(Double.parseDouble(xy.split(" ")[1]), within(1e-6));
      }
    }
  }

  @Test
  void epsg4326IsServedLatitudeFirst() {
    String id = server.getJson(FOOTPATHS + "?limit=1").at("/features/0/id").asText();
    JsonNode lonLat = server.getJson(FOOTPATHS + "/" + id).at("/geometry/coordinates");
    HttpResponse<byte[]> r = server.get(FOOTPATHS + "/" + id + "?crs=EPSG:4326");
    assertThat(r.headers().firstValue("Content-Crs")).hasValue("<" + EPSG + "4326>");
    JsonNode latLon = TestServer.json(r).at("/geometry/coordinates");
    assertThat(latLon.size()).isEqualTo(lonLat.size());
    for (int i = 0; i < lonLat.size(); i++) {
      assertThat(latLon.get(i).get(0)).isEqualTo(lonLat.get(i).get(1));
      assertThat(latLon.get(i).get(1)).isEqualTo(lonLat.get(i).get(0));
    }
    assertThat(server.get(FOOTPATHS + "/" + id).headers().firstValue("Content-Crs")).hasValue("<" + CRS84 + ">");
  }

  @Test
  void bboxCrsSelectsTheSameFeaturesAsTheSameBoxInCrs84() {
    Set<String> crs84 = ids(FOOTPATHS + "?limit=1000&bbox=39.240,-6.800,39.244,-6.796");
    assertThat(crs84).hasSizeGreaterThan(10);
    // Web Mercator maps a lon/lat box to a box, so the corners transformed are the same area
    String corners = (String) scalar(server,
        "SELECT concat_ws(',', ST_XMin(b), ST_YMin(b), ST_XMax(b), ST_YMax(b))"
            + " FROM (SELECT ST_Transform(ST_MakeEnvelope(39.240, -6.800, 39.244, -6.796, 4326), 3857) AS b) s");
    assertThat(ids(FOOTPATHS + "?limit=1000&bbox-crs=" + EPSG + "3857&bbox=" + corners)).isEqualTo(crs84);
    assertThat(ids(FOOTPATHS + "?limit=1000&bbox-crs=EPSG:4326&bbox=-6.800,39.240,-6.796,39.244")).isEqualTo(crs84);
    // a UTM box: what PostGIS says intersects it
    Set<String> utm = ids(FOOTPATHS + "?limit=1000&bbox-crs=EPSG:32737&bbox=526000,9248000,526800,9248800");
    assertThat(utm).hasSizeGreaterThan(10);
    assertThat(utm.size()).isEqualTo(((Number) scalar(server,
        "SELECT count(*) FROM footpaths WHERE plan_id = 'baseline' AND NOT deleted"
            + " AND ST_Intersects(geom, ST_Transform(ST_MakeEnvelope(526000, 9248000, 526800, 9248800, 32737), 4326))")).intValue());
  }

  @Test
  void unknownCrssAre400ListingTheSupportedOnes() {
    assertBadParameter(server.get(FOOTPATHS + "?crs=EPSG:2154"), "crs",
        "unsupported CRS 'EPSG:2154'; supported: " + CRS84 + ", " + EPSG + "4326, " + EPSG + "3857, " + EPSG + "32737");
    assertBadParameter(server.get(FOOTPATHS + "?bbox-crs=EPSG:32736&bbox=1,2,3,4"), "bbox-crs", "unsupported CRS 'EPSG:32736'");
    // and on a write, before anything is stored
    long before = Requests.count(server, "SELECT count(*) FROM footpaths");
    String line = "{\"type\":\"LineString\",\"coordinates\":[[652000,6862000],[652010,6862000]]}";
    assertBadParameter(post(server, FOOTPATHS, feature(line, footpath("lane", 2.5)), "Content-Crs", "<" + EPSG + "2154>"), "Content-Crs",
        "unsupported CRS '<" + EPSG + "2154>'; supported: " + CRS84 + ", " + EPSG + "4326, " + EPSG + "3857, " + EPSG + "32737");
    assertThat(Requests.count(server, "SELECT count(*) FROM footpaths")).isEqualTo(before);
  }

  @Test
  void writtenInWebMercatorItIsStoredWithin1Cm() {
    roundTrip(3857, "<" + EPSG + "3857>");
  }

  @Test
  void writtenInUtmItIsStoredWithin1Cm() {
    roundTrip(32737, "EPSG:32737");
  }

  /** POST, PUT and PATCH in a projected CRS; CRS84 out within 1 cm of where PostGIS puts it. */
  private static void roundTrip(int srid, String contentCrs) {
    String lonLat = "LINESTRING(39.2435 -6.7985, 39.2441 -6.7989, 39.2446 -6.7991)";
    String projected = (String) scalar(server, "SELECT ST_AsGeoJSON(ST_Transform(ST_GeomFromText(?, 4326), ?), 9)", lonLat, srid);
    HttpResponse<byte[]> created = post(server, FOOTPATHS, feature(projected, footpath("lane", 2.5)), "Content-Crs", contentCrs);
    assertThat(created.statusCode()).isEqualTo(201);
    assertThat(created.headers().firstValue("Content-Crs")).hasValue("<" + EPSG + srid + ">");
    assertThat(centimetres(TestServer.json(created).get("geometry").toString(), srid, projected, srid)).isLessThan(1);
    String path = URI.create(created.headers().firstValue("Location").orElseThrow()).getPath();
    assertThat(centimetres(server.getJson(path).get("geometry").toString(), 4326, "ST:" + lonLat, 4326)).isLessThan(1);
    assertThat(centimetres(server.getJson(path + "?crs=EPSG:" + srid).get("geometry").toString(), srid, projected, srid)).isLessThan(1);

    // replaced in the same CRS: moved 10 m east
    String east = (String) scalar(server,
        "SELECT ST_AsGeoJSON(ST_Translate(ST_Transform(ST_GeomFromText(?, 4326), ?), 10, 0), 9)", lonLat, srid);
    HttpResponse<byte[]> replaced = put(server, path, etag(created), feature(east, footpath("lane", 2.5)), "Content-Crs", contentCrs);
    assertThat(replaced.statusCode()).isEqualTo(200);
    assertThat(centimetres(server.getJson(path).get("geometry").toString(), 4326, east, srid)).isLessThan(1);

    // patched: the client's coordinates are in its CRS; a merge patch replaces them whole
    String patchCoordinates = Requests.json(east).get("coordinates").toString();
    HttpResponse<byte[]> patched = patch(server, path, etag(replaced),
        "{\"geometry\":{\"coordinates\":" + patchCoordinates + "},\"properties\":{\"width_m\":3}}", "Content-Crs", contentCrs);
    assertThat(patched.statusCode()).isEqualTo(200);
    assertThat(TestServer.json(patched).at("/properties/width_m").asDouble()).isEqualTo(3.0);
    assertThat(centimetres(TestServer.json(patched).get("geometry").toString(), srid, east, srid)).isLessThan(1);
  }

  @Test
  void writtenInEpsg4326LatitudeFirstItIsStoredLongitudeFirst() {
    HttpResponse<byte[]> r = post(server, FOOTPATHS,
        feature("{\"type\":\"LineString\",\"coordinates\":[[-6.7985,39.2435],[-6.7989,39.2441]]}", footpath("footpath", 1)),
        "Content-Crs", "<" + EPSG + "4326>");
    assertThat(r.statusCode()).isEqualTo(201);
    String id = TestServer.json(r).get("id").asText();
    assertThat(scalar(server, "SELECT ST_AsText(geom, 7) FROM footpaths WHERE id = ?::uuid", id))
        .isEqualTo("LINESTRING(39.2435 -6.7985,39.2441 -6.7989)");
    assertThat(TestServer.json(r).at("/geometry/coordinates/0").toString()).isEqualTo("[-6.7985,39.2435]");
  }

  @Test
  void coordinatesOutsideTheUtmZonesDomainAreNamedNotFailed() {
    JsonNode p = assertProblem(
        post(server, FOOTPATHS, feature(Requests.line(5e7, 1e9, 5.1e7, 1e9), footpath("lane", 2)), "Content-Crs", "EPSG:32737"),
        422, "invalid-content");
    assertThat(p.at("/errors/0/detail").asText())
        .isEqualTo("cannot be transformed from " + EPSG + "32737: its coordinates lie outside the area where that CRS is defined");
    assertThat(p.at("/errors/0/location").toString()).isEqualTo("[5.0E7,1.0E9]");
  }

  /** Hausdorff distance in centimetres, measured in UTM, between two GeoJSON geometries (or "ST:" WKT). */
  private static double centimetres(String a, int sridA, String b, int sridB) {
    Object d = scalar(server,
        "SELECT 100 * ST_HausdorffDistance(ST_Transform(ST_SetSRID(ST_GeomFromGeoJSON(?), ?), 32737),"
            + " ST_Transform(" + (b.startsWith("ST:") ? "ST_GeomFromText(?, ?)" : "ST_SetSRID(ST_GeomFromGeoJSON(?), ?)") + ", 32737))",
        a, sridA, b.startsWith("ST:") ? b.substring(3) : b, sridB);
    return ((Number) d).doubleValue();
  }

  private static Set<String> ids(String path) {
    Set<String> out = new HashSet<>();
    server.getJson(path).get("features").forEach(f -> out.add(f.get("id").asText()));
    return out;
  }
}
