package org.coplan.tiles;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import org.coplan.http.JsonMapper;

/**
 * The MapLibre style of plan maps ({@code style/coplan-style.json}, written with the web app), made
 * concrete for one plan: its vector source {@value #SOURCE} points at the plan's TileJSON, and a
 * camera on the settlement is added where the template has none. Any client that reads MapLibre
 * styles (QGIS, Maputnik, the web app) can then draw the plan.
 */
public final class StyleTemplate {
  /** The one vector source every layer of the template draws from. */
  static final String SOURCE = "coplan";

  static final String RESOURCE = "style/coplan-style.json";

  private final ObjectNode template;

  private StyleTemplate(ObjectNode template) {
    this.template = template;
  }

  /** Reads and checks the template on the classpath; fails start-up when it is unusable. */
  public static StyleTemplate load() {
    try (InputStream in = StyleTemplate.class.getClassLoader().getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " missing from the classpath");
      }
      return of(JsonMapper.MAPPER.readTree(in));
    } catch (IOException e) {
      throw new IllegalStateException(RESOURCE + " is not valid JSON", e);
    }
  }

  static StyleTemplate of(JsonNode style) {
    if (!(style instanceof ObjectNode root) || !(style.path("sources").path(SOURCE) instanceof ObjectNode)) {
      throw new IllegalStateException(RESOURCE + " has no source '" + SOURCE + "'");
    }
    return new StyleTemplate(root);
  }

  /** A copy of the template for one plan. */
  ObjectNode render(String tileJsonUrl, Camera camera) {
    ObjectNode style = template.deepCopy();
    ((ObjectNode) style.path("sources").path(SOURCE)).put("url", tileJsonUrl);
    if (!style.has("center")) {
      style.putArray("center").add(camera.lon()).add(camera.lat());
    }
    if (!style.has("zoom")) {
      style.put("zoom", camera.zoom());
    }
    return style;
  }
}
