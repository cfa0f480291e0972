package org.coplan.layers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.coplan.testing.Links.href;
import static org.coplan.testing.Links.type;
import static org.coplan.testing.Problems.assertBadParameter;
import static org.coplan.testing.Problems.assertNotFound;
import static org.coplan.testing.Problems.assertProblem;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.coplan.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** Landing page, conformance and collections of a plan, over the Tandale demo. */
class FeaturesResourceIT {
  static final TestServer server = TestServer.start();
  static final String PLAN = "/api/settlements/tandale/plans/baseline";

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  @Test
  void landingPageLinksTheApiDefinitionConformanceAndCollections() {
    HttpResponse<byte[]> r = server.get(PLAN);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json");
    JsonNode landing = TestServer.json(r);
    assertThat(landing.get("title").asText()).isEqualTo("Tandale: Existing conditions");
    assertThat(landing.get("description").asText()).isEqualTo("What is on the ground today, as mapped in 2015.");
    String root = server.uri(PLAN).toString();
    assertThat(href(landing, "self")).isEqualTo(root);
    assertThat(href(landing, "conformance")).isEqualTo(root + "/conformance");
    assertThat(href(landing, "data")).isEqualTo(root + "/collections");
    assertThat(href(landing, "service-desc")).isEqualTo(server.uri("/api/openapi.json").toString());
    assertThat(type(landing, "service-desc")).isEqualTo("application/vnd.oai.openapi+json;version=3.0");
  }

  @Test
  void theServiceDescriptionIsServedWithTheOpenApiMediaType() {
    HttpResponse<byte[]> r = server.get("/api/openapi.json", "Accept", "application/vnd.oai.openapi+json;version=3.0");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/vnd.oai.openapi+json;version=3.0");
    assertThat(TestServer.json(r).get("openapi").asText()).isEqualTo("3.0.3");
  }

  @Test
  void declaresCoreOas30GeoJsonCrsAndCreateReplaceUpdateDeleteConformance() {
    JsonNode c = server.getJson(PLAN + "/conformance");
    List<String> classes = new ArrayList<>();
    c.get("conformsTo").forEach(n -> classes.add(n.asText()));
    assertThat(classes)
        .containsExactlyInAnyOrder(
            "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core",
            "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30",
            "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson",
            "http://www.opengis.net/spec/ogcapi-features-2/1.0/conf/crs",
            "http://www.opengis.net/spec/ogcapi-features-4/1.0/conf/create-replace-delete",
            "http://www.opengis.net/spec/ogcapi-features-4/1.0/conf/update",
            "http://www.opengis.net/spec/ogcapi-features-4/1.0/conf/features");
  }

  @Test
  void collectionsAreTheFourLayersWithTheExtentOfTheirData() throws SQLException {
    HttpResponse<byte[]> r = server.get(PLAN + "/collections");
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json");
    JsonNode all = TestServer.json(r);
    assertThat(href(all, "self")).isEqualTo(server.uri(PLAN + "/collections").toString());
    List<String> ids = new ArrayList<>();
    all.get("collections").forEach(c -> ids.add(c.get("id").asText()));
    assertThat(ids).containsExactly("structures", "footpaths", "services", "constraints");

    for (JsonNode c : all.get("collections")) {
      String id = c.get("id").asText();
      assertThat(c.get("itemType").asText()).isEqualTo("feature");
      assertThat(c.get("crs").get(0).asText()).isEqualTo("http://www.opengis.net/def/crs/OGC/1.3/CRS84");
      assertThat(href(c, "items")).isEqualTo(server.uri(PLAN + "/collections/" + id + "/items").toString());
      assertThat(type(c, "items")).isEqualTo("application/geo+json");
      assertThat(href(c, "self")).isEqualTo(server.uri(PLAN + "/collections/" + id).toString());
      double[] expected = extentInDatabase(id);
      if (expected == null) {
        assertThat(c.has("extent")).as("%s has no features, so no extent", id).isFalse();
        continue;
      }
      JsonNode bbox = c.at("/extent/spatial/bbox/0");
      assertThat(c.at("/extent/spatial/crs").asText()).isEqualTo("http://www.opengis.net/def/crs/OGC/1.3/CRS84");
      for (int i = 0; i < 4; i++) {
        assertThat(bbox.get(i).asDouble()).as("%s bbox[%d]", id, i).isCloseTo(expected[i], within(1e-12));
      }
    }
  }

  @Test
  void structuresExtentIsTheBuildingsExtent() {
    JsonNode bbox = server.getJson(PLAN + "/collections/structures").at("/extent/spatial/bbox/0");
    assertThat(bbox.get(0).asDouble()).isCloseTo(39.235183, within(5e-7));
    assertThat(bbox.get(1).asDouble()).isCloseTo(-6.812953, within(5e-7));
    assertThat(bbox.get(2).asDouble()).isCloseTo(39.251011, within(5e-7));
    assertThat(bbox.get(3).asDouble()).isCloseTo(-6.788550, within(5e-7));
  }

  @Test
  void oneCollectionMatchesItsEntryInTheList() {
    JsonNode one = server.getJson(PLAN + "/collections/footpaths");
    JsonNode inList = server.getJson(PLAN + "/collections").get("collections").get(1);
    assertThat(one).isEqualTo(inList);
    assertThat(one.get("title").asText()).isEqualTo("Footpaths and roads");
  }

  @Test
  void unknownSettlementPlanOrCollectionIsNamed() {
    assertNotFound(server.admin().get("/api/settlements/atlantis/plans/baseline"), "no settlement 'atlantis'");
    assertNotFound(server.admin().get("/api/settlements/atlantis/plans/baseline/conformance"), "no settlement 'atlantis'");
    assertNotFound(server.get("/api/settlements/tandale/plans/nope"), "settlement 'tandale' has no plan 'nope'");
    assertNotFound(server.get("/api/settlements/tandale/plans/nope/collections"), "settlement 'tandale' has no plan 'nope'");
    assertNotFound(
        server.get(PLAN + "/collections/roads"),
        "plan 'baseline' of settlement 'tandale' has no collection 'roads';"
            + " its collections are structures, footpaths, services, constraints");
  }

  @Test
  void formatParameterAcceptsJsonOnly() {
    assertThat(server.get(PLAN + "/collections?f=json").statusCode()).isEqualTo(200);
    assertBadParameter(server.get(PLAN + "/collections?f=html"), "f", "must be json; got 'html'");
  }

  @Test
  void documentsAreJsonOnly() {
    assertProblem(server.get(PLAN + "/collections", "Accept", "text/html"), 406, "not-acceptable");
  }

  private static double[] extentInDatabase(String layer) throws SQLException {
    try (Connection c = server.database().dataSource().getConnection();
        Statement st = c.createStatement();
        // the layer name comes from this test's own list of four, not from input
        ResultSet rs =
            st.executeQuery(
                "SELECT ST_XMin(e), ST_YMin(e), ST_XMax(e), ST_YMax(e) FROM (SELECT ST_Extent(geom) e FROM "
                    + layer + " WHERE settlement_id = 'tandale' AND plan_id = 'baseline' AND NOT deleted) x")) {
      rs.next();
      double minLon = rs.getDouble(1);
      return rs.wasNull() ? null : new double[] {minLon, rs.getDouble(2), rs.getDouble(3), rs.getDouble(4)};
    }
  }
}
