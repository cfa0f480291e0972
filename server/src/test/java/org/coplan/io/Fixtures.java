package org.coplan.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Hostile and messy files made on the spot with GDAL, so every fixture says how it was made. */
final class Fixtures {
  private Fixtures() {}

  /** A zipped Shapefile of the GeoJSON, declaring {@code srs} in its .prj, or without .prj when null. */
  static byte[] shapefileZip(String geojson, String srs) {
    try {
      Path dir = Files.createTempDirectory("coplan-fixture");
      Path in = dir.resolve("in.geojson");
      Files.writeString(in, geojson, StandardCharsets.UTF_8);
      List<String> cmd = new ArrayList<>(List.of("ogr2ogr", "-f", "ESRI Shapefile"));
      if (srs != null) {
        cmd.addAll(List.of("-a_srs", srs));
      }
      cmd.addAll(List.of(dir.resolve("data.shp").toString(), in.toString()));
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new IllegalStateException("ogr2ogr: " + out);
      }
      Files.delete(in);
      if (srs == null) {
        Files.deleteIfExists(dir.resolve("data.prj"));
      }
      return Uploads.zipShapefile(dir.resolve("data.shp"), srs != null);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static String collection(String... features) {
    return "{\"type\":\"FeatureCollection\",\"features\":[" + String.join(",", features) + "]}";
  }

  static String feature(String geometry, String properties) {
    return "{\"type\":\"Feature\",\"geometry\":" + geometry + ",\"properties\":" + properties + "}";
  }

  /** A square footprint in Tandale, {@code size} degrees wide, its ring starting at corner {@code start}. */
  static String square(double lon, double lat, double size, int start) {
    double[][] corners = {{lon, lat}, {lon + size, lat}, {lon + size, lat + size}, {lon, lat + size}};
    StringBuilder b = new StringBuilder("{\"type\":\"Polygon\",\"coordinates\":[[");
    for (int i = 0; i <= 4; i++) {
      double[] c = corners[(start + i) % 4];
      b.append(i == 0 ? "" : ",").append('[').append(c[0]).append(',').append(c[1]).append(']');
    }
    return b.append("]]}").toString();
  }

  /** Sets the Unix mode of every entry of a ZIP to a symbolic link (central directory, made by Unix). */
  static byte[] asSymlinks(byte[] zip) {
    byte[] z = zip.clone();
    for (int i = 0; i + 46 < z.length; i++) {
      if (z[i] == 'P' && z[i + 1] == 'K' && z[i + 2] == 1 && z[i + 3] == 2) {
        z[i + 5] = 3;
        int mode = 0120777 << 16;
        z[i + 38] = (byte) mode;
        z[i + 39] = (byte) (mode >>> 8);
        z[i + 40] = (byte) (mode >>> 16);
        z[i + 41] = (byte) (mode >>> 24);
      }
    }
    return z;
  }
}
