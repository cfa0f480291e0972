package org.coplan.changes;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.coplan.http.JsonMapper;
import org.coplan.layers.Layer;
import org.locationtech.jts.geom.Envelope;

/** Reads the JSON payloads of {@code coplan_notify_feature_changes} (V005) and {@link AppEvents}. */
final class ChangeNotification {
  private ChangeNotification() {}

  /** The change, or empty for a payload this server does not understand (a newer schema's). */
  static Optional<FeatureChange> parse(String payload) throws IOException {
    JsonNode json = JsonMapper.MAPPER.readTree(payload);
    Optional<Layer> layer = Layer.byId(json.path("layer").asText());
    if (layer.isEmpty()) {
      return Optional.empty();
    }
    List<ChangedFeature> features = new ArrayList<>();
    for (JsonNode f : json.path("features")) {
      features.add(new ChangedFeature(
          UUID.fromString(f.get("id").asText()),
          f.path("version").asInt(),
          f.path("deleted").asBoolean(),
          f.path("author").asText(null),
          box(f.get("before")),
          box(f.get("after"))));
    }
    return Optional.of(new FeatureChange(
        json.get("settlement").asText(),
        json.get("plan").asText(),
        layer.get(),
        json.path("count").asInt(),
        box(json.get("extent")),
        features));
  }

  /** The event, or empty for one without settlement or type. */
  static Optional<AppEvent> parseEvent(String payload) throws IOException {
    JsonNode json = JsonMapper.MAPPER.readTree(payload);
    String settlement = json.path("settlement").asText(null);
    String type = json.path("type").asText(null);
    if (settlement == null || type == null) {
      return Optional.empty();
    }
    JsonNode data = json.get("data");
    return Optional.of(new AppEvent(settlement, json.path("plan").asText(null), type, data == null || data.isNull() ? null : data));
  }

  /** The conflicts' change, or empty for one without settlement or plan. */
  static Optional<ConflictChange> parseConflicts(String payload) throws IOException {
    JsonNode json = JsonMapper.MAPPER.readTree(payload);
    String settlement = json.path("settlement").asText(null);
    String plan = json.path("plan").asText(null);
    if (settlement == null || plan == null) {
      return Optional.empty();
    }
    List<Envelope> boxes = new ArrayList<>();
    for (JsonNode b : json.path("boxes")) {
      Envelope box = box(b);
      if (box != null) {
        boxes.add(box);
      }
    }
    return Optional.of(new ConflictChange(settlement, plan, json.path("count").asInt(), box(json.get("extent")), boxes));
  }

  private static Envelope box(JsonNode array) {
    if (array == null || !array.isArray() || array.size() != 4) {
      return null;
    }
    return new Envelope(array.get(0).asDouble(), array.get(2).asDouble(), array.get(1).asDouble(), array.get(3).asDouble());
  }
}
