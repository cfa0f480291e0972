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

/** {@code /api/settlements/{sid}/compare?plans=a,b}: the impacts of several plans side by side. */
@Path("/api/settlements/{sid}/compare")
@Produces(MediaType.APPLICATION_JSON)
public final class CompareResource {
  private static final int MAX_PLANS = 20;
  private final AnalysisService service;

  public CompareResource(AnalysisService service) {
    this.service = service;
  }

  @GET
  public Map<String, Object> compare(@PathParam("sid") String sid, @QueryParam("plans") String plans) {
    if (plans == null || plans.isBlank()) {
      throw ApiProblem.badParameter("plans", "give the plans to compare, separated by commas: ?plans=a,b");
    }
    List<String> ids = java.util.Arrays.stream(plans.split(",")).map(String::trim).filter(p -> !p.isEmpty()).distinct().toList();
    if (ids.size() > MAX_PLANS) {
      throw ApiProblem.badParameter("plans", "compare at most " + MAX_PLANS + " plans at once");
    }
    List<Impact> out = new ArrayList<>();
    for (String pid : ids) {
      out.add(service.impact(sid, pid));
    }
    return Map.of("plans", out);
  }
}
