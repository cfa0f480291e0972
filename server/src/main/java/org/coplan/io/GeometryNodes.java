package org.coplan.io;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.coplan.http.JsonMapper;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryCollection;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;

/**
 * JTS geometry as a GeoJSON geometry object at full double precision. (The API's writer rounds to
 * 7 decimals, about 1 cm; an import must not move what it was given.)
 */
final class GeometryNodes {
  private GeometryNodes() {}

  static ObjectNode of(Geometry g) {
    ObjectNode o = JsonMapper.MAPPER.createObjectNode();
    o.put("type", g.getGeometryType());
    if (g.getClass() == GeometryCollection.class) {
      ArrayNode parts = o.putArray("geometries");
      for (int i = 0; i < g.getNumGeometries(); i++) {
        parts.add(of(g.getGeometryN(i)));
      }
      return o;
    }
    o.set("coordinates", coordinates(g));
    return o;
  }

  private static ArrayNode coordinates(Geometry g) {
    ArrayNode a = JsonMapper.MAPPER.createArrayNode();
    if (g instanceof Point p) {
      return position(p.getCoordinate());
    }
    if (g instanceof LineString l) {
      for (Coordinate c : l.getCoordinates()) {
        a.add(position(c));
      }
      return a;
    }
    if (g instanceof Polygon p) {
      a.add(coordinates(p.getExteriorRing()));
      for (int i = 0; i < p.getNumInteriorRing(); i++) {
        a.add(coordinates(p.getInteriorRingN(i)));
      }
      return a;
    }
    for (int i = 0; i < g.getNumGeometries(); i++) {
      a.add(coordinates(g.getGeometryN(i)));
    }
    return a;
  }

  private static ArrayNode position(Coordinate c) {
    ArrayNode p = JsonMapper.MAPPER.createArrayNode();
    p.add(c.x);
    p.add(c.y);
    return p;
  }
}
