package org.coplan.analysis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.coplan.analysis.engine.Analysis;
import org.coplan.http.ApiProblem;
import org.coplan.http.JsonMapper;

/**
 * {@code /api/settlements/{sid}/plans/{pid}/analysis}: where a plan's analysis stands (reading runs
 * it the first time), and running it again whole (a planner).
 */
@Path("/api/settlements/{sid}/plans/{pid}/analysis")
@Produces(MediaType.APPLICATION_JSON)
public final class AnalysisStatusResource {
  private final AnalysisService service;

  public AnalysisStatusResource(AnalysisService service) {
    this.service = service;
  }

  @GET
  public AnalysisService.Status status(@PathParam("sid") String sid, @PathParam("pid") String pid) {
    return service.status(sid, pid);
  }

  @POST
  public AnalysisService.Status rerun(@PathParam("sid") String sid, @PathParam("pid") String pid) {
    return service.rerun(sid, pid);
  }
}
