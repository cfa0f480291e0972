package org.coplan.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import org.coplan.http.ApiProblem;
import org.coplan.http.JsonMapper;
import org.glassfish.jersey.media.multipart.FormDataBodyPart;
import org.glassfish.jersey.media.multipart.FormDataMultiPart;

/**
 * The form of an upload: {@code file} (the file), {@code layer}, and optionally {@code
 * sourceLayer}, {@code crs}, {@code mapping} and {@code defaults} (JSON objects).
 */
final class ImportForm {
  private ImportForm() {}

  static ImportService.Upload read(FormDataMultiPart form) {
    if (form == null) {
      throw ApiProblem.badParameter("file", "send the file as multipart/form-data in a part named 'file'");
    }
    FormDataBodyPart file = form.getField("file");
    if (file == null) {
      throw ApiProblem.badParameter("file", "is required: the file to import, as a part named 'file'");
    }
    String name = file.getContentDisposition() == null ? null : file.getContentDisposition().getFileName();
    return new ImportService.Upload(
        file.getValueAs(InputStream.class), name, text(form, "layer"), text(form, "sourceLayer"), text(form, "crs"),
        strings(object(form, "mapping")), nodes(object(form, "defaults")));
  }

  private static String text(FormDataMultiPart form, String name) {
    FormDataBodyPart part = form.getField(name);
    return part == null ? null : part.getValue();
  }

  private static JsonNode object(FormDataMultiPart form, String name) {
    String text = text(form, name);
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      JsonNode n = JsonMapper.MAPPER.readTree(text);
      if (!n.isObject()) {
        throw ApiProblem.badParameter(name, "must be a JSON object");
      }
      return n;
    } catch (JsonProcessingException e) {
      throw ApiProblem.badParameter(name, "must be a JSON object, e.g. {\"NAME\": \"name\"}");
    }
  }

  static Map<String, String> strings(JsonNode o) {
    if (o == null) {
      return null;
    }
    Map<String, String> m = new LinkedHashMap<>();
    o.fields().forEachRemaining(e -> m.put(e.getKey(), e.getValue().isNull() ? null : e.getValue().asText()));
    return m;
  }

  static Map<String, JsonNode> nodes(JsonNode o) {
    if (o == null) {
      return null;
    }
    Map<String, JsonNode> m = new LinkedHashMap<>();
    o.fields().forEachRemaining(e -> m.put(e.getKey(), e.getValue()));
    return m;
  }

  /** The commit body: {@code repair}, {@code skipOutside}, {@code createSettlement: {name, boundary}}. */
  static ImportService.Commit commit(JsonNode body) {
    JsonNode create = body.path("createSettlement");
    return new ImportService.Commit(
        body.path("repair").asBoolean(false), body.path("skipOutside").asBoolean(false),
        create.path("name").isTextual() ? create.get("name").asText() : null,
        create.has("boundary") && !create.get("boundary").isNull() ? create.get("boundary") : null);
  }
}
