package org.coplan.layers;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import org.coplan.http.ApiProblem;
import org.coplan.http.GeometryJson;
import org.coplan.http.JsonMapper;
import org.coplan.http.Link;

/**
 * Writes features as RFC 7946 GeoJSON straight onto a response stream, one at a time, so that a
 * page of 10,000 features never becomes an object tree. Properties are the layer's catalogue
 * attributes (null where unset) and then the bookkeeping columns.
 *
 * <p>Methods throw {@link UncheckedIOException} so that they can run inside the database callback
 * that feeds them; callers unwrap it into the {@link IOException} it carries.
 */
final class GeoJsonWriter {
  private final JsonGenerator out;

  GeoJsonWriter(OutputStream stream) {
    try {
      // the generator must not close the response stream: the container owns it
      out = JsonMapper.MAPPER.getFactory().createGenerator(stream).disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes features into a document that {@code out} is writing (e.g. a plan's changes). */
  GeoJsonWriter(JsonGenerator out) {
    this.out = out;
  }

  /**
   * Opens a FeatureCollection with the OGC API members known before the first feature. The page
   * is read in one database snapshot, so {@code returned} agrees with the features that follow.
   */
  void startCollection(long matched, int returned, String timeStamp, List<Link> links) {
    run(
        () -> {
          out.writeStartObject();
          out.writeStringField("type", "FeatureCollection");
          out.writeNumberField("numberMatched", matched);
          out.writeNumberField("numberReturned", returned);
          out.writeStringField("timeStamp", timeStamp);
          writeLinks(links);
          out.writeArrayFieldStart("features");
        });
  }

  /** Opens a plain FeatureCollection: no paging members (e.g. the features a batch created). */
  void startFeatures() {
    run(
        () -> {
          out.writeStartObject();
          out.writeStringField("type", "FeatureCollection");
          out.writeArrayFieldStart("features");
        });
  }

  void endCollection() {
    run(
        () -> {
          out.writeEndArray();
          out.writeEndObject();
          out.flush();
        });
  }

  /** One Feature; {@code links} only for a feature served on its own (empty inside a page). */
  void feature(Feature f, List<Link> links) {
    feature(f, links, List.of());
  }

  /**
   * One Feature with, after a write that repaired its geometry, a {@code repairs} member saying
   * what was changed (a foreign member, which GeoJSON readers ignore).
   */
  void feature(Feature f, List<Link> links, List<ApiProblem.Fault> repairs) {
    run(
        () -> {
          out.writeStartObject();
          out.writeStringField("type", "Feature");
          out.writeStringField("id", f.id().toString());
          out.writeFieldName("geometry");
          GeometryJson.write(f.geometry(), out);
          out.writeObjectFieldStart("properties");
          for (Map.Entry<String, Object> e : f.values().entrySet()) {
            writeValue(e.getKey(), e.getValue());
          }
          out.writeNumberField("version", f.version());
          writeValue("created_at", f.createdAt());
          writeValue("created_by", f.createdBy());
          writeValue("updated_at", f.updatedAt());
          writeValue("updated_by", f.updatedBy());
          out.writeEndObject();
          if (!links.isEmpty()) {
            writeLinks(links);
          }
          if (!repairs.isEmpty()) {
            out.writeFieldName("repairs");
            out.writeObject(repairs);
          }
          out.writeEndObject();
        });
  }

  void flush() {
    run(out::flush);
  }

  private void writeLinks(List<Link> links) throws IOException {
    out.writeFieldName("links");
    // Link is a plain record: the mapper behind the generator writes it as OGC links look
    out.writeObject(links);
  }

  private void writeValue(String name, Object value) throws IOException {
    out.writeFieldName(name);
    if (value == null) {
      out.writeNull();
    } else if (value instanceof String s) {
      out.writeString(s);
    } else if (value instanceof Long n) {
      out.writeNumber(n);
    } else if (value instanceof Double d) {
      out.writeNumber(d);
    } else if (value instanceof Boolean b) {
      out.writeBoolean(b);
    } else if (value instanceof OffsetDateTime t) {
      out.writeString(DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(t));
    } else {
      throw new IllegalArgumentException("no GeoJSON form for " + value.getClass().getSimpleName());
    }
  }

  private interface Write {
    void run() throws IOException;
  }

  private static void run(Write write) {
    try {
      write.run();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
