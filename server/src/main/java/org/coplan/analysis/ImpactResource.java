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
 * {@code /api/settlements/{sid}/plans/{pid}/impact}: what a plan costs and brings, as JSON or CSV
 * ({@code ?f=csv} or {@code Accept: text/csv}).
 */
@Path("/api/settlements/{sid}/plans/{pid}/impact")
@Produces(MediaType.APPLICATION_JSON)
public final class ImpactResource {
  static final String CSV = "text/csv";
  private final AnalysisService service;

  public ImpactResource(AnalysisService service) {
    this.service = service;
  }

  @GET
  @Produces({MediaType.APPLICATION_JSON, CSV})
  public Response impact(
      @PathParam("sid") String sid, @PathParam("pid") String pid, @QueryParam("f") String f,
      @HeaderParam("Accept") String accept) {
    Impact impact = service.impact(sid, pid);
    boolean csv = "csv".equals(f) || (f == null && accept != null && accept.startsWith(CSV));
    if (f != null && !f.equals("csv") && !f.equals("json")) {
      throw ApiProblem.badParameter("f", "must be json or csv");
    }
    if (csv) {
      return Response.ok(impact.csv(), CSV + "; charset=utf-8")
          .header("Content-Disposition", "attachment; filename=\"impact-" + sid + "-" + pid + ".csv\"").build();
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("impact", impact);
    out.put("analysis", service.status(sid, pid));
    return Response.ok(out, MediaType.APPLICATION_JSON).build();
  }
}
