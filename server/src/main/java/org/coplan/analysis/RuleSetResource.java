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
 * {@code /api/settlements/{sid}/rules}: the settlement's rule set. Reading needs read access to the
 * settlement; changing it a planner (the defaults under a settlement).
 */
@Path("/api/settlements/{sid}/rules")
@Produces(MediaType.APPLICATION_JSON)
public final class RuleSetResource {
  private final AnalysisService service;

  public RuleSetResource(AnalysisService service) {
    this.service = service;
  }

  @GET
  public Map<String, Object> rules(@PathParam("sid") String sid) {
    return ruleJson(service.ruleSet(sid));
  }

  @PUT
  @Consumes(MediaType.APPLICATION_JSON)
  public Map<String, Object> putRules(
      @PathParam("sid") String sid, byte[] body, @HeaderParam("X-Change-Reason") String reasonHeader,
      @Context SecurityContext security) {
    JsonNode json;
    try {
      json = JsonMapper.MAPPER.readTree(body);
    } catch (java.io.IOException e) {
      throw ApiProblem.malformedJson("the body is not JSON");
    }
    String reason = json != null && json.hasNonNull("reason") ? json.get("reason").asText() : reasonHeader;
    ObjectNode object = json instanceof ObjectNode o ? o : null;
    if (object == null) {
      RuleSetDocument.complete(json);
    }
    return ruleJson(service.putRuleSet(sid, object, org.coplan.http.Author.of(security), reason));
  }

  private static Map<String, Object> ruleJson(AnalysisRepository.StoredRuleSet r) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("preset", r.preset());
    out.put("version", r.version());
    out.put("rules", r.document());
    out.put("presets", RuleSetDocument.PRESETS);
    return out;
  }
}
