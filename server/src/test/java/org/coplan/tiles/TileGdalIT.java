package org.coplan.tiles;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.coplan.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** GDAL's MVT driver, a third reader beside MapLibre's and the test decoder, reads our tiles. */
class TileGdalIT {
  static final TestServer server = TestServer.start();
  private static final Pattern LAYER =
      Pattern.compile("^Layer name: (\\S+)$.*?^Feature Count: (\\d+)$", Pattern.MULTILINE | Pattern.DOTALL);

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  @Test
  void ogrinfoListsTheLayersWithTheDecodersFeatureCounts(@TempDir Path dir) throws Exception {
    byte[] mvt = server.get(TileResourceIT.centralTile()).body();
    // the driver takes z, x and y from a {z}/{x}/{y}.pbf path, to georeference the tile
    Path file = dir.resolve(TileResourceIT.Z + "/" + TileResourceIT.X + "/" + TileResourceIT.Y + ".pbf");
    Files.createDirectories(file.getParent());
    Files.write(file, mvt);

    Map<String, Integer> counts = layerCounts(ogrinfo("-ro", "-al", "-so", file.toString()));
    DecodedTile decoded = DecodedTile.of(mvt);

    assertThat(counts).containsKey("structures");
    assertThat(counts.get("structures")).isEqualTo(decoded.layer("structures").size()).isPositive();
    assertThat(counts.keySet()).containsExactlyElementsOf(decoded.layers().keySet());
    decoded.layers().forEach((layer, features) -> assertThat(counts.get(layer)).as(layer).isEqualTo(features.size()));
  }

  private static Map<String, Integer> layerCounts(String ogrinfo) {
    Map<String, Integer> counts = new LinkedHashMap<>();
    Matcher m = LAYER.matcher(ogrinfo);
    while (m.find()) {
      counts.put(m.group(1), Integer.parseInt(m.group(2)));
    }
    return counts;
  }

  private static String ogrinfo(String... args) throws IOException, InterruptedException {
    String[] command = new String[args.length + 1];
    command[0] = "ogrinfo";
    System.arraycopy(args, 0, command, 1, args.length);
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("ogrinfo finished").isTrue();
    assertThat(p.exitValue()).as("ogrinfo exit status; output:%n%s", out).isZero();
    return out;
  }
}
