package org.coplan.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A JSON request body, read by the resource itself rather than bound by Jersey, so that every way
 * a body can be wrong gets its own problem: no or the wrong Content-Type → 415 naming what is
 * accepted; not JSON, two values, or a key given twice → 400 with line and column. (A body over
 * the size limit is cut off by {@link BodyLimitFilter} while it is read here → 413.)
 */
public final class JsonBody {
  private static final ObjectReader READER =
      JsonMapper.MAPPER
          .reader()
          .with(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  public static final MediaType GEOJSON = new MediaType("application", "geo+json");
  public static final MediaType MERGE_PATCH = new MediaType("application", "merge-patch+json");

  private JsonBody() {}

  /** The body as a JSON tree, after checking that its media type is one of {@code accepted}. */
  public static JsonNode read(InputStream body, MediaType type, List<MediaType> accepted) {
    checkType(type, accepted);
    try {
      JsonNode tree = READER.readTree(body);
      if (tree == null || tree.isMissingNode()) {
        throw ApiProblem.malformedJson("the request body is empty; send a JSON document");
      }
      return tree;
    } catch (JsonProcessingException e) {
      var at = e.getLocation();
      String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
      throw ApiProblem.malformedJson("the request body is not valid JSON" + where + ": " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void checkType(MediaType type, List<MediaType> accepted) {
    String names = accepted.stream().map(MediaType::toString).collect(Collectors.joining(" or "));
    if (type == null) {
      throw ApiProblem.unsupportedMediaType("the request has no Content-Type; send " + names);
    }
    boolean ok =
        accepted.stream()
            .anyMatch(a -> a.getType().equalsIgnoreCase(type.getType()) && a.getSubtype().equalsIgnoreCase(type.getSubtype()));
    String charset = type.getParameters().get(MediaType.CHARSET_PARAMETER);
    if (!ok) {
      throw ApiProblem.unsupportedMediaType(
          "Content-Type " + type.getType() + "/" + type.getSubtype() + " is not accepted here; send " + names);
    }
    if (charset != null && !charset.equalsIgnoreCase("utf-8")) {
      throw ApiProblem.unsupportedMediaType("JSON must be UTF-8 (RFC 8259); the body says charset=" + charset);
    }
  }
}
