package org.coplan.layers;

import com.fasterxml.jackson.core.JsonGenerator;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import jakarta.ws.rs.core.UriInfo;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.coplan.db.Jdbc;
import org.coplan.http.JsonMapper;
import org.coplan.http.Link;
import org.coplan.settlements.Plan;

/**
 * {@code GET .../plans/{pid}/changes}: what a proposal changes against the baseline, per layer:
 * {@code added}, {@code removed} and {@code modified.before} / {@code modified.after}, each a
 * GeoJSON FeatureCollection in CRS84 (before and after list the same features in the same order),
 * with the counts in {@code summary}. The baseline has no changes against itself.
 */
@Path("/api/settlements/{sid}/plans/{pid}/changes")
@Produces(MediaType.APPLICATION_JSON)
public final class ChangesResource {
  private final FeatureService features;
  private final ChangesRepository repository;

  public ChangesResource(FeatureService features, Jdbc jdbc) {
    this.features = features;
    this.repository = new ChangesRepository(jdbc);
  }

  @GET
  public Response changes(@PathParam("sid") String sid, @PathParam("pid") String pid, @Context UriInfo uri) {
    Plan plan = features.requirePlan(sid, pid);
    Map<Layer, ChangesRepository.LayerChanges> all = repository.changes(sid, pid);
    String root = OgcJson.root(uri.getBaseUri(), plan);
    StreamingOutput body =
        stream -> {
          try (JsonGenerator out = JsonMapper.MAPPER.getFactory().createGenerator(stream)) {
            out.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            GeoJsonWriter features = new GeoJsonWriter(out);
            out.writeStartObject();
            out.writeStringField("settlement", sid);
            out.writeStringField("plan", pid);
            out.writeStringField("basedOn", Plan.BASELINE);
            out.writeStringField("timeStamp", Instant.now().truncatedTo(ChronoUnit.MILLIS).toString());
            out.writeObjectFieldStart("summary");
            for (Map.Entry<Layer, ChangesRepository.LayerChanges> e : all.entrySet()) {
              out.writeObjectFieldStart(e.getKey().id());
              out.writeNumberField("added", e.getValue().added().size());
              out.writeNumberField("modified", e.getValue().after().size());
              out.writeNumberField("removed", e.getValue().removed().size());
              out.writeEndObject();
            }
            out.writeEndObject();
            out.writeObjectFieldStart("collections");
            for (Map.Entry<Layer, ChangesRepository.LayerChanges> e : all.entrySet()) {
              ChangesRepository.LayerChanges c = e.getValue();
              out.writeObjectFieldStart(e.getKey().id());
              out.writeFieldName("added");
              collection(features, c.added());
              out.writeObjectFieldStart("modified");
              out.writeFieldName("before");
              collection(features, c.before());
              out.writeFieldName("after");
              collection(features, c.after());
              out.writeEndObject();
              out.writeFieldName("removed");
              collection(features, c.removed());
              out.writeEndObject();
            }
            out.writeEndObject();
            out.writeFieldName("links");
            out.writeObject(
                List.of(
                    new Link(root + "/changes", "self", MediaType.APPLICATION_JSON, "This change set"),
                    new Link(root, "up", MediaType.APPLICATION_JSON, plan.name())));
            out.writeEndObject();
          }
        };
    return Response.ok(body).build();
  }

  private static void collection(GeoJsonWriter writer, List<Feature> features) {
    writer.startFeatures();
    for (Feature f : features) {
      writer.feature(f, List.of());
    }
    writer.endCollection();
  }
}
