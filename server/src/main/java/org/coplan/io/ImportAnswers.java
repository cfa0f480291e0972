package org.coplan.io;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.coplan.http.JsonBody;
import org.coplan.http.JsonMapper;

/** What both import resources answer alike. */
final class ImportAnswers {
  private ImportAnswers() {}

  static Response report(String csv, String id) {
    return Response.ok(csv.getBytes(StandardCharsets.UTF_8))
        .type("text/csv; charset=utf-8")
        .header("Content-Disposition", "attachment; filename=\"import-" + id.replaceAll("[^0-9a-f-]", "") + "-report.csv\"")
        .build();
  }

  /** A JSON body, or an empty object for a request without one. */
  static JsonNode optionalJson(InputStream body, HttpHeaders headers) {
    try {
      PushbackInputStream in = new PushbackInputStream(body, 1);
      int first = in.read();
      if (first < 0) {
        return JsonMapper.MAPPER.createObjectNode();
      }
      in.unread(first);
      MediaType type = headers.getMediaType() == null ? MediaType.APPLICATION_JSON_TYPE : headers.getMediaType();
      return JsonBody.read(in, type, List.of(MediaType.APPLICATION_JSON_TYPE));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
