package org.coplan.layers;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.coplan.settlements.Plan;

/**
 * The OGC API - Features documents of one plan: landing page, conformance, collections. Each
 * plan is its own OGC API root, so GIS clients (QGIS, GDAL's OAPIF driver) open a plan by URL.
 */
@Path("/api/settlements/{sid}/plans/{pid}")
@Produces(MediaType.APPLICATION_JSON)
public final class FeaturesResource {
  private final FeatureService service;

  public FeaturesResource(FeatureService service) {
    this.service = service;
  }

  @GET
  public OgcJson.LandingPage landing(
      @PathParam("sid") String sid, @PathParam("pid") String pid, @QueryParam("f") String f, @Context UriInfo uri) {
    String settlementName = service.requireSettlement(sid).name();
    Plan plan = service.requirePlan(sid, pid);
    FormatParameter.check(f, FormatParameter.JSON);
    return OgcJson.landingPage(uri.getBaseUri(), settlementName, plan);
  }

  @GET
  @Path("conformance")
  public OgcJson.Conformance conformance(
      @PathParam("sid") String sid, @PathParam("pid") String pid, @QueryParam("f") String f) {
    service.requirePlan(sid, pid);
    FormatParameter.check(f, FormatParameter.JSON);
    return new OgcJson.Conformance(OgcJson.CONFORMS_TO);
  }

  @GET
  @Path("collections")
  public OgcJson.Collections collections(
      @PathParam("sid") String sid, @PathParam("pid") String pid, @QueryParam("f") String f, @Context UriInfo uri) {
    Plan plan = service.requirePlan(sid, pid);
    FormatParameter.check(f, FormatParameter.JSON);
    List<Layer> layers = List.of(Layer.values());
    Map<Layer, Optional<double[]>> extents = service.extents(plan, layers);
    List<Crs> crs = service.supportedCrs(sid);
    return OgcJson.collections(
        uri.getBaseUri(),
        plan,
        layers.stream().map(l -> OgcJson.collection(uri.getBaseUri(), plan, l, extents.get(l), crs)).toList(),
        crs);
  }

  @GET
  @Path("collections/{layer}")
  public OgcJson.Collection collection(
      @PathParam("sid") String sid,
      @PathParam("pid") String pid,
      @PathParam("layer") String layerId,
      @QueryParam("f") String f,
      @Context UriInfo uri) {
    PlanLayer target = service.requireCollection(sid, pid, layerId);
    FormatParameter.check(f, FormatParameter.JSON);
    Layer layer = target.layer();
    return OgcJson.collection(
        uri.getBaseUri(),
        target.plan(),
        layer,
        service.extents(target.plan(), List.of(layer)).get(layer),
        service.supportedCrs(sid));
  }
}
