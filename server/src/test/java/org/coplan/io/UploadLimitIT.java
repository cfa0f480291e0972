package org.coplan.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.coplan.io.Uploads.fields;
import static org.coplan.io.Uploads.upload;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.coplan.testing.Problems;
import org.coplan.testing.Requests;
import org.coplan.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** Uploads have their own limit (max-upload-bytes), larger than the body limit of every other request. */
class UploadLimitIT {
  static final TestServer server = TestServer.start(Map.of("max-body-bytes", "50000", "max-upload-bytes", "300000"));

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  static byte[] features(int n) {
    List<String> f = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      double lon = 39.240 + (i % 100) * 0.00005;
      double lat = -6.800 + (i / 100) * 0.00005;
      f.add(Fixtures.feature(Fixtures.square(lon, lat, 0.00002, 0), "{\"use\":\"residential\",\"name\":\"House " + i + "\"}"));
    }
    return Fixtures.collection(f.toArray(String[]::new)).getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void anUploadMayPassTheBodyLimitButNotTheUploadLimit() {
    byte[] medium = features(800);
    assertThat(medium.length).isBetween(50_001, 300_000);
    HttpResponse<byte[]> ok = upload(server, "/api/settlements/tandale/plans/baseline/imports", "houses.geojson", medium, fields("layer", "structures"));
    assertThat(ok.statusCode()).as(new String(ok.body())).isEqualTo(201);

    byte[] large = features(2000);
    assertThat(large.length).isGreaterThan(300_000);
    HttpResponse<byte[]> refused = upload(server, "/api/settlements/tandale/plans/baseline/imports", "houses.geojson", large, fields("layer", "structures"));
    assertThat(Problems.assertProblem(refused, 413, "content-too-large").get("limit").asLong()).isEqualTo(300_000);

    // other requests keep the body limit
    HttpResponse<byte[]> batch = Requests.post(server, "/api/settlements/tandale/plans/baseline/collections/structures/items", new String(medium, StandardCharsets.UTF_8));
    assertThat(Problems.assertProblem(batch, 413, "content-too-large").get("limit").asLong()).isEqualTo(50_000);
  }
}
