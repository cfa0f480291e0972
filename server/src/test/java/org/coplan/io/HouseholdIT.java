package org.coplan.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.coplan.io.Uploads.fields;
import static org.coplan.io.Uploads.json;
import static org.coplan.io.Uploads.upload;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.coplan.testing.Requests;
import org.coplan.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** A household enumeration linked to Tandale's structures by id and by point, unmatched rows reported. */
class HouseholdIT {
  static final TestServer server = TestServer.start();

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  @Test
  void householdsUpdateTheirStructuresAndUnmatchedRowsAreReported() {
    String byId = (String) Requests.scalar(server, "SELECT id::text FROM structures WHERE settlement_id = 'tandale' ORDER BY fid LIMIT 1");
    Object fid = Requests.scalar(server, "SELECT fid FROM structures WHERE settlement_id = 'tandale' ORDER BY fid OFFSET 1 LIMIT 1");
    double[] inside = {
      ((Number) Requests.scalar(server, "SELECT ST_X(ST_PointOnSurface(geom)) FROM structures WHERE settlement_id = 'tandale' ORDER BY fid OFFSET 2 LIMIT 1")).doubleValue(),
      ((Number) Requests.scalar(server, "SELECT ST_Y(ST_PointOnSurface(geom)) FROM structures WHERE settlement_id = 'tandale' ORDER BY fid OFFSET 2 LIMIT 1")).doubleValue()
    };
    String csv = "household_id,structure_id,lon,lat,people,cell\n"
        + "H1," + byId + ",,,4,C-1\n"
        + "H2," + byId + ",,,3,C-1\n"
        + "H3," + fid + ",,,6,C0002\n"
        + "H4,," + inside[0] + "," + inside[1] + ",5,C-3\n"
        + "H5,00000000-0000-0000-0000-000000000000,,,2,C-1\n"
        + "H6,,39.30,-6.70,2,C-9\n"
        + "H7," + byId + ",,,many,C-1\n";
    byte[] file = csv.getBytes(StandardCharsets.UTF_8);

    JsonNode dry = json(upload(server, "/api/settlements/tandale/households", "households.csv", file, fields("dryRun", "true")));
    assertThat(dry.get("structuresUpdated").asInt()).isZero();
    assertThat(Requests.scalar(server, "SELECT occupancy_estimated FROM structures WHERE id = ?::uuid", byId)).isEqualTo(true);

    HttpResponse<byte[]> r = upload(server, "/api/settlements/tandale/households", "households.csv", file, fields());
    assertThat(r.statusCode()).as(new String(r.body())).isEqualTo(200);
    JsonNode result = json(r);
    assertThat(result.get("rows").asInt()).isEqualTo(7);
    assertThat(result.get("matched").asInt()).isEqualTo(4);
    assertThat(result.get("structuresUpdated").asInt()).isEqualTo(3);
    assertThat(result.get("people").asInt()).isEqualTo(18);
    assertThat(result.get("unmatched")).extracting(u -> u.get("row").asInt()).containsExactly(7, 5, 6);
    assertThat(result.get("unmatched").toString()).contains("not a whole number").contains("no structure '00000000").contains("no structure footprint at 39.3");
    assertThat(Requests.scalar(server, "SELECT households || '/' || people || '/' || cell || '/' || occupancy_estimated FROM structures WHERE id = ?::uuid", byId))
        .isEqualTo("2/7/C-1/false");
    assertThat(Requests.scalar(server, "SELECT people FROM structures WHERE settlement_id = 'tandale' AND fid = ?", fid)).isEqualTo(6);
    // a cell of the representation links the structure for the community review's tallies; others are named
    assertThat(Requests.scalar(server, "SELECT cell_id FROM structure_cell sc JOIN structures s ON s.id = sc.structure_id"
        + " WHERE s.settlement_id = 'tandale' AND s.plan_id = 'baseline' AND s.fid = ?", fid)).isEqualTo("C0002");
    assertThat(result.get("structuresLinkedToCells").asInt()).isEqualTo(1);
    assertThat(result.get("unknownCells")).extracting(JsonNode::asText).containsExactlyInAnyOrder("C-1", "C-3");
    // the history recorded the change with its reason
    assertThat(Requests.count(server, "SELECT count(*) FROM feature_version WHERE feature_id = ?::uuid AND reason LIKE 'household enumeration%'", byId)).isEqualTo(1);
  }
}
