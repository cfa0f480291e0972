package org.coplan.tiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.coplan.testing.Requests.delete;
import static org.coplan.testing.Requests.etag;
import static org.coplan.testing.Requests.patch;
import static org.coplan.testing.Requests.send;

import java.net.http.HttpResponse;
import java.util.List;
import org.coplan.testing.Requests;
import org.coplan.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * After an edit the next request for an affected tile shows it: tiles are cut per request and
 * carry a hash of their bytes as ETag, so the tag a client revalidates with no longer matches
 * (200, not 304). A proposal's edit changes the proposal's tiles and leaves the baseline's alone.
 */
class FreshTilesIT {
  static final TestServer server = TestServer.start();
  static final int Z = 16;
  static final int X = DecodedTile.column(39.2432, Z);
  static final int Y = DecodedTile.row(-6.8003, Z);
  static final String BASELINE = "/api/settlements/tandale/plans/baseline";

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  static String tile(String plan) {
    return "/api/settlements/tandale/plans/" + plan + "/tiles/" + Z + "/" + X + "/" + Y + ".mvt";
  }

  /** A structure drawn in the central tile: its id, from the tile itself. */
  static String structureIn(HttpResponse<byte[]> tile, int index) {
    return (String) DecodedTile.of(tile.body()).layer("structures").get(index).properties().get("id");
  }

  static DecodedTile.Feature find(HttpResponse<byte[]> tile, String id) {
    List<DecodedTile.Feature> all = DecodedTile.of(tile.body()).layer("structures");
    return all.stream().filter(f -> id.equals(f.properties().get("id"))).findFirst().orElse(null);
  }

  @Test
  void anEditedStructureIsInTheNextTileAndTheOldETagNoLongerMatches() {
    HttpResponse<byte[]> before = server.get(tile("baseline"));
    String oldTag = etag(before);
    String id = structureIn(before, 0);
    assertThat(find(before, id).properties().get("use")).isNotEqualTo("health");
    assertThat(server.get(tile("baseline"), "If-None-Match", oldTag).statusCode()).isEqualTo(304);

    String item = BASELINE + "/collections/structures/items/" + id;
    assertThat(patch(server, item, etag(server, item), "{\"properties\":{\"use\":\"health\"}}").statusCode()).isEqualTo(200);

    HttpResponse<byte[]> after = server.get(tile("baseline"), "If-None-Match", oldTag);
    assertThat(after.statusCode()).isEqualTo(200);
    assertThat(etag(after)).isNotEqualTo(oldTag);
    assertThat(find(after, id).properties().get("use")).isEqualTo("health");
  }

  @Test
  void aDeletedStructureLeavesTheNextTile() {
    HttpResponse<byte[]> before = server.get(tile("baseline"));
    String id = structureIn(before, 5);
    String item = BASELINE + "/collections/structures/items/" + id;
    assertThat(delete(server, item, etag(server, item)).statusCode()).isEqualTo(204);
    HttpResponse<byte[]> after = server.get(tile("baseline"), "If-None-Match", etag(before));
    assertThat(after.statusCode()).isEqualTo(200);
    assertThat(find(after, id)).isNull();
    assertThat(DecodedTile.of(after.body()).layer("structures")).hasSize(DecodedTile.of(before.body()).layer("structures").size() - 1);
  }

  @Test
  void aProposalsEditChangesItsTilesOnly() {
    send(server, "POST", "/api/settlements/tandale/plans", Requests.JSON, "{\"id\":\"clinic\",\"name\":\"Clinic\"}");
    HttpResponse<byte[]> baseline = server.get(tile("baseline"));
    HttpResponse<byte[]> proposal = server.get(tile("clinic"));
    assertThat(etag(proposal)).as("an empty proposal draws the baseline").isEqualTo(etag(baseline));
    String id = structureIn(proposal, 10);

    String item = "/api/settlements/tandale/plans/clinic/collections/structures/items/" + id;
    assertThat(patch(server, item, etag(server, item), "{\"properties\":{\"use\":\"school\"}}").statusCode()).isEqualTo(200);

    HttpResponse<byte[]> changed = server.get(tile("clinic"), "If-None-Match", etag(proposal));
    assertThat(changed.statusCode()).isEqualTo(200);
    assertThat(find(changed, id).properties().get("use")).isEqualTo("school");
    assertThat(server.get(tile("baseline"), "If-None-Match", etag(baseline)).statusCode()).isEqualTo(304);
  }
}
