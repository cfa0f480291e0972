package org.coplan.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import org.coplan.layers.Attribute;
import org.coplan.layers.Layer;
import org.coplan.testing.Requests;
import org.coplan.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * SQL-injection and script payloads in every free-text field the editing API takes — each text
 * attribute of each layer in the catalogue (so a new one is covered when it is added), a change's
 * reason, a settlement's name, notes and category reason, a plan's name and description — are
 * stored byte for byte (read back from the table), answered verbatim as JSON, and the database is
 * unharmed. The browser's side, showing them as text, is {@code web/tests/browser/hostile.test.mjs}.
 */
class HostileTextIT {
  static final TestServer server = TestServer.start();
  static final String PAYLOAD = "<script>alert(1)</script>\"'><img src=x onerror=alert(2)>'); DROP TABLE structures; -- ' OR '1'='1";
  static final String PLAN = "/api/settlements/tandale/plans/baseline";

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  static String geometry(Layer layer) {
    return switch (layer) {
      case FOOTPATHS -> "{\"type\":\"LineString\",\"coordinates\":[[39.2431,-6.8001],[39.2433,-6.8002]]}";
      case SERVICES -> "{\"type\":\"Point\",\"coordinates\":[39.2432,-6.8003]}";
      default -> "{\"type\":\"Polygon\",\"coordinates\":[[[39.2431,-6.8004],[39.2432,-6.8004],[39.2432,-6.8003],[39.2431,-6.8003],[39.2431,-6.8004]]]}";
    };
  }

  @Test
  void everyTextAttributeOfEveryLayerAndTheReasonAreStoredAndAnsweredVerbatim() {
    long structures = Requests.count(server, "SELECT count(*) FROM structures");
    for (Layer layer : Layer.values()) {
      ObjectNode properties = JsonNodeFactory.instance.objectNode();
      int texts = 0;
      for (Attribute a : layer.attributes()) {
        if (a.type() == Attribute.Type.STRING && a.allowed().isEmpty()) {
          properties.put(a.name(), PAYLOAD + " " + a.name());
          texts++;
        } else if (a.required()) {
          if (a.allowed().isEmpty()) {
            properties.put(a.name(), a.minimum() == null || a.minimum() == 0 ? 1.0 : a.minimum());
          } else {
            properties.put(a.name(), a.allowed().get(0));
          }
        }
      }
      assertThat(texts).as("%s has free-text attributes", layer.id()).isPositive();
      ObjectNode feature = JsonNodeFactory.instance.objectNode().put("type", "Feature").put("reason", PAYLOAD + " reason");
      feature.set("geometry", Requests.json(geometry(layer)));
      feature.set("properties", properties);

      HttpResponse<byte[]> r = Requests.post(server, PLAN + "/collections/" + layer.id() + "/items", feature.toString());
      assertThat(r.statusCode()).as("%s: %s", layer.id(), new String(r.body())).isEqualTo(201);
      assertThat(r.headers().firstValue("Content-Type")).hasValue("application/geo+json");
      String id = TestServer.json(r).get("id").asText();
      JsonNode read = server.getJson(PLAN + "/collections/" + layer.id() + "/items/" + id);
      for (Attribute a : layer.attributes()) {
        if (a.type() == Attribute.Type.STRING && a.allowed().isEmpty()) {
          String want = PAYLOAD + " " + a.name();
          assertThat(read.at("/properties/" + a.name()).asText()).as("%s.%s answered", layer.id(), a.name()).isEqualTo(want);
          // identifiers from the catalogue only, as in the server's own SQL
          Object stored = Requests.scalar(server, "SELECT " + a.column() + " FROM " + layer.table() + " WHERE id = ?::uuid", id);
          assertThat(stored).as("%s.%s stored", layer.id(), a.name()).isEqualTo(want);
        }
      }
      JsonNode versions = server.getJson(PLAN + "/collections/" + layer.id() + "/items/" + id + "/versions");
      assertThat(versions.at("/versions/0/reason").asText()).isEqualTo(PAYLOAD + " reason");
    }
    assertThat(Requests.count(server, "SELECT count(*) FROM structures")).isEqualTo(structures + 1);
  }

  @Test
  void settlementAndPlanTextIsStoredAndAnsweredVerbatim() {
    ObjectNode patch = JsonNodeFactory.instance.objectNode()
        .put("name", PAYLOAD + " name").put("notes", PAYLOAD + " notes").put("category", "B1").put("categoryReason", PAYLOAD + " category");
    HttpResponse<byte[]> r = Requests.send(server, "PATCH", "/api/settlements/tandale", Requests.MERGE_PATCH, patch.toString());
    assertThat(r.statusCode()).as(new String(r.body())).isEqualTo(200);
    JsonNode settlement = server.getJson("/api/settlements/tandale");
    assertThat(settlement.get("name").asText()).isEqualTo(PAYLOAD + " name");
    assertThat(settlement.get("notes").asText()).isEqualTo(PAYLOAD + " notes");
    assertThat(settlement.get("categoryReason").asText()).isEqualTo(PAYLOAD + " category");
    assertThat(Requests.scalar(server, "SELECT name || '|' || notes || '|' || category_reason FROM settlement WHERE id = 'tandale'"))
        .isEqualTo(PAYLOAD + " name|" + PAYLOAD + " notes|" + PAYLOAD + " category");

    ObjectNode plan = JsonNodeFactory.instance.objectNode().put("id", "hostile").put("name", PAYLOAD + " plan").put("description", PAYLOAD + " description");
    HttpResponse<byte[]> made = Requests.send(server, "POST", "/api/settlements/tandale/plans", Requests.JSON, plan.toString());
    assertThat(made.statusCode()).as(new String(made.body())).isEqualTo(201);
    JsonNode listed = null;
    for (JsonNode p : server.getJson("/api/settlements/tandale/plans").get("plans")) {
      listed = p.get("id").asText().equals("hostile") ? p : listed;
    }
    assertThat(listed).as("the plan is listed").isNotNull();
    assertThat(listed.get("name").asText()).isEqualTo(PAYLOAD + " plan");
    assertThat(listed.get("description").asText()).isEqualTo(PAYLOAD + " description");
    assertThat(Requests.scalar(server, "SELECT name || '|' || description FROM plan WHERE settlement_id = 'tandale' AND id = 'hostile'"))
        .isEqualTo(PAYLOAD + " plan|" + PAYLOAD + " description");
  }
}
