package org.coplan.io;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.coplan.testing.SignedIn;
import org.coplan.testing.TestServer;

/** Multipart uploads and small archives for the import tests. */
final class Uploads {
  static final String BOUNDARY = "coplan-test-boundary-7d1f";

  private Uploads() {}

  /** A multipart/form-data body: the file as part {@code file}, then text fields. */
  static byte[] form(String fileName, byte[] file, Map<String, String> fields) {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    try {
      for (var f : fields.entrySet()) {
        b.write(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + f.getKey() + "\"\r\n\r\n" + f.getValue() + "\r\n")
            .getBytes(StandardCharsets.UTF_8));
      }
      b.write(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
          + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
      b.write(file);
      b.write(("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return b.toByteArray();
  }

  static HttpResponse<byte[]> upload(TestServer server, String path, String fileName, byte[] file, Map<String, String> fields) {
    SignedIn admin = server.admin();
    return server.send(
        HttpRequest.newBuilder(server.uri(path))
            .POST(HttpRequest.BodyPublishers.ofByteArray(form(fileName, file, fields)))
            .header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
            .header("Cookie", admin.cookie())
            .header("X-CSRF-Token", admin.csrfToken())
            .build());
  }

  static Map<String, String> fields(String... pairs) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      m.put(pairs[i], pairs[i + 1]);
    }
    return m;
  }

  /** A ZIP of the files (name → bytes). */
  static byte[] zip(Map<String, byte[]> files) {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    try (ZipOutputStream z = new ZipOutputStream(b)) {
      for (var f : files.entrySet()) {
        z.putNextEntry(new ZipEntry(f.getKey()));
        z.write(f.getValue());
        z.closeEntry();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return b.toByteArray();
  }

  /** A ZIP of a Shapefile's parts found beside {@code shp} (same base name). */
  static byte[] zipShapefile(Path shp, boolean withPrj) {
    String base = shp.getFileName().toString().replaceAll("\\.shp$", "");
    Map<String, byte[]> files = new LinkedHashMap<>();
    try (var list = Files.list(shp.getParent())) {
      for (Path p : list.sorted().toList()) {
        String n = p.getFileName().toString();
        if (n.startsWith(base + ".") && (withPrj || !n.endsWith(".prj"))) {
          files.put(n, Files.readAllBytes(p));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return zip(files);
  }

  static JsonNode json(HttpResponse<byte[]> r) {
    return TestServer.json(r);
  }
}
