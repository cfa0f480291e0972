package org.coplan.http;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A web link as OGC API documents carry them. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Link(String href, String rel, String type, String title) {
  public static final String JSON = "application/json";
  public static final String GEOJSON = "application/geo+json";
  public static final String OPENAPI = "application/vnd.oai.openapi+json;version=3.0";
  public static final String MVT = "application/vnd.mapbox-vector-tile";
}
