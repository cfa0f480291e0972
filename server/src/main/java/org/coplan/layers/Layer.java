package org.coplan.layers;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The fixed catalogue of map layers. Each maps to one table of the same name (see
 * {@code V001__settlements_plans_layers.sql}); SQL identifiers come only from here, so no
 * user-supplied text ever becomes an identifier.
 */
public enum Layer {
  STRUCTURES(
      "structures",
      "Structures",
      "Dwellings, shops, places of worship, schools and other buildings: footprint polygons with"
          + " who lives there.",
      List.of("Polygon"),
      List.of(
          Attribute.text("name", "Name, where the structure has one"),
          Attribute.choice(
              "use", "What the structure is used for", true,
              "residential", "mixed", "commercial", "religious", "school", "health", "public",
              "utility", "under_construction", "other"),
          Attribute.integer("households", "Households living in the structure", 0.0, null),
          Attribute.integer("people", "People living in the structure", 0.0, null),
          new Attribute(
              "occupancy_estimated", Attribute.Type.BOOLEAN,
              "True when households and people are estimated from the footprint, not enumerated",
              List.of(), null, null, false, true),
          Attribute.integer("storeys", "Number of storeys", 1.0, 60.0),
          Attribute.text("material", "Main wall material"),
          Attribute.text("cell", "Representation cell (about 10 households) the structure belongs to"))),
  FOOTPATHS(
      "footpaths",
      "Footpaths and roads",
      "Centre lines of footpaths, lanes and roads with their width, surface and planning state.",
      List.of("LineString"),
      List.of(
          Attribute.text("name", "Name, where the path has one"),
          Attribute.choice("class", "Footpath, lane or road", true, "footpath", "lane", "road"),
          Attribute.number("width_m", "Width in metres", 0.5, 30.0, true),
          Attribute.choice("surface", "Surface", false, "earth", "gravel", "paved", "concrete", "other"),
          Attribute.choice("state", "Planning state", true, "existing", "proposed", "agreed", "built"))),
  SERVICES(
      "services",
      "Services",
      "Water points, toilets, lights, electricity, fire points, waste skips, drains, sewers and"
          + " public spaces: points or lines.",
      List.of("Point", "LineString"),
      List.of(
          Attribute.text("name", "Name, where the service has one"),
          Attribute.choice(
              "type", "Kind of service", true,
              "water_point", "toilet", "toilet_block", "electricity_connection", "electricity_pole",
              "street_light", "high_mast_light", "fire_hydrant", "fire_point", "waste_skip",
              "stormwater_drain", "sewer", "social_facility", "public_space"),
          Attribute.choice("state", "Planning state", true, "existing", "proposed", "agreed", "built"),
          Attribute.integer("capacity", "Households the service is meant to serve", 0.0, null),
          Attribute.text("sector", "Sector consortium that plans the service").notInTiles())),
  CONSTRAINTS(
      "constraints",
      "Constraints",
      "Geotechnical and legal constraints: flood zones, watercourses, drains, steep slopes,"
          + " servitudes; each no-build, conditional or advisory, with a setback.",
      List.of("Polygon", "MultiPolygon", "LineString", "MultiLineString"),
      List.of(
          Attribute.text("name", "Name, where the constraint has one"),
          Attribute.choice(
              "kind", "Kind of constraint", true,
              "flood_zone", "flood_line", "watercourse", "drain", "steep_slope", "unstable_soil",
              "wetland", "water_body", "erosion_gully", "servitude", "dolomite", "landfill"),
          Attribute.choice(
              "severity", "No-build, conditional or advisory", true, "no_build", "conditional", "advisory"),
          Attribute.number("setback_m", "Distance in metres to keep clear around it", 0.0, 1000.0, true)));

  private final String id;
  private final String title;
  private final String description;
  private final List<String> geometryTypes;
  private final List<Attribute> attributes;

  Layer(String id, String title, String description, List<String> geometryTypes, List<Attribute> attributes) {
    this.id = id;
    this.title = title;
    this.description = description;
    this.geometryTypes = geometryTypes;
    this.attributes = attributes;
  }

  public static Optional<Layer> byId(String id) {
    return Arrays.stream(values()).filter(l -> l.id.equals(id)).findFirst();
  }

  /** The layer id of the API and vector tiles, also the table name. */
  public String id() {
    return id;
  }

  public String table() {
    return id;
  }

  /**
   * A set-returning SQL function giving a plan's view of this layer; call it with the settlement id
   * and plan id bound: {@code FROM plan_structures(?, ?) f}.
   */
  public String planViewFunction() {
    return "plan_" + id;
  }

  public String title() {
    return title;
  }

  public String description() {
    return description;
  }

  /** GeoJSON geometry types the layer accepts. */
  public List<String> geometryTypes() {
    return geometryTypes;
  }

  public List<Attribute> attributes() {
    return attributes;
  }

  public List<Attribute> tileAttributes() {
    return attributes.stream().filter(Attribute::inTiles).toList();
  }
}
