package org.coplan.layers;

import com.fasterxml.jackson.databind.JsonNode;
import org.coplan.auth.Requires;
import org.coplan.auth.Role;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.coplan.http.ApiProblem;
import org.coplan.http.Change;
import org.coplan.http.Link;
import org.coplan.http.Prefer;
import org.coplan.layers.FeatureEditService.Written;

/**
 * OGC API - Features Part 4 on a plan's collection: {@code POST} a Feature (201 + Location) or a
 * FeatureCollection (all or nothing), {@code PUT} to replace, {@code PATCH} with a JSON Merge
 * Patch, {@code DELETE} (a removal marker; nothing is hard-deleted). Writes take {@code
 * Content-Crs} and {@code ?repair=true}; {@code Prefer: return=minimal} drops the representation
 * from the answer, except after a repair, which the client should see. Shares its path with
 * {@link ItemsResource} (Jersey merges the two).
 */
@Path("/api/settlements/{sid}/plans/{pid}/collections/{layer}/items")
@Produces({Link.GEOJSON, MediaType.APPLICATION_JSON})
public final class FeatureEditResource {
  /** The minimal answer to a batch: what was created, in the order sent. */
  record Created(int numberCreated, List<CreatedItem> items) {}

  record CreatedItem(String id, int version, String href) {}

  private final FeatureService features;
  private final FeatureEditService edits;

  public FeatureEditResource(FeatureService features, FeatureEditService edits) {
    this.features = features;
    this.edits = edits;
  }

  @POST
  @Requires(Role.ENGINEER)
  public Response create(@BeanParam EditRequest request, InputStream body) {
    PlanLayer target = request.collection(features);
    FeatureInputs.Target how = request.target(features, target);
    JsonNode doc = request.body(body, EditRequest.FEATURE_TYPES);
    Change change = request.change(doc);
    boolean batch = "FeatureCollection".equals(doc.path("type").asText(null));
    List<FeatureInputs.Sent> sent = new ArrayList<>();
    if (batch) {
      JsonNode list = doc.get("features");
      if (list == null || !list.isArray()) {
        throw ApiProblem.invalidContent(
            "a FeatureCollection needs a features array",
            List.of(ApiProblem.Fault.pointer("/features", "must be an array of Features")));
      }
      for (int i = 0; i < list.size(); i++) {
        sent.add(new FeatureInputs.Sent(list.get(i), "/features/" + i));
      }
    } else {
      sent.add(new FeatureInputs.Sent(doc, ""));
    }
    List<Written> written = edits.create(target, how, sent, change);
    URI base = request.uri.getBaseUri();
    Prefer prefer = Prefer.of(request.headers);
    boolean repaired = written.stream().anyMatch(w -> !w.repairs().isEmpty());
    if (!batch) {
      Written w = written.get(0);
      Response.ResponseBuilder r =
          Response.status(Response.Status.CREATED)
              .location(URI.create(FeatureDocument.itemUrl(base, target, w.feature().id())))
              .tag(FeatureTag.of(w.feature()));
      return answer(r, prefer, repaired, how.crs(), () -> FeatureDocument.of(base, target, w.feature(), w.repairs()));
    }
    Response.ResponseBuilder r = Response.status(Response.Status.CREATED);
    if (prefer == Prefer.MINIMAL && !repaired) {
      List<CreatedItem> items =
          written.stream()
              .map(
                  w ->
                      new CreatedItem(
                          w.feature().id().toString(),
                          w.feature().version(),
                          FeatureDocument.itemUrl(base, target, w.feature().id())))
              .toList();
      return r.header(Prefer.APPLIED_HEADER, prefer.token())
          .type(MediaType.APPLICATION_JSON_TYPE)
          .entity(new Created(items.size(), items))
          .build();
    }
    return answer(r, prefer, repaired, how.crs(), () -> collection(base, target, written));
  }

  @PUT
  @Requires(Role.ENGINEER)
  @Path("{id}")
  public Response replace(@BeanParam EditRequest request, @PathParam("id") String id, InputStream body) {
    return edit(request, id, body, EditRequest.FEATURE_TYPES, edits::replace);
  }

  @PATCH
  @Requires(Role.ENGINEER)
  @Path("{id}")
  public Response patch(@BeanParam EditRequest request, @PathParam("id") String id, InputStream body) {
    return edit(request, id, body, EditRequest.PATCH_TYPES, edits::patch);
  }

  @DELETE
  @Requires(Role.ENGINEER)
  @Path("{id}")
  public Response delete(@BeanParam EditRequest request, @PathParam("id") String id) {
    PlanLayer target = request.collection(features);
    String ifMatch = request.ifMatch(target, id);
    edits.delete(target, id, ifMatch, request.change(null));
    return Response.noContent().build();
  }

  /** A replace or a patch: the service method that takes the body. */
  @FunctionalInterface
  private interface BodyEdit {
    Written apply(PlanLayer target, FeatureInputs.Target how, String id, String ifMatch, JsonNode body, Change change);
  }

  private Response edit(EditRequest request, String id, InputStream body, List<MediaType> types, BodyEdit edit) {
    PlanLayer target = request.collection(features);
    String ifMatch = request.ifMatch(target, id);
    FeatureInputs.Target how = request.target(features, target);
    JsonNode doc = request.body(body, types);
    Written w = edit.apply(target, how, id, ifMatch, doc, request.change(doc));
    return changed(w, target, how.crs(), request);
  }

  /** The answer to a change of one feature: 200 with it, or 204 for return=minimal; its new ETag. */
  static Response changed(Written w, PlanLayer target, Crs crs, EditRequest request) {
    boolean repaired = !w.repairs().isEmpty();
    Prefer prefer = Prefer.of(request.headers);
    URI base = request.uri.getBaseUri();
    Response.ResponseBuilder r = Response.ok().tag(FeatureTag.of(w.feature()));
    if (prefer == Prefer.MINIMAL && !repaired) {
      r.status(Response.Status.NO_CONTENT);
    }
    return answer(r, prefer, repaired, crs, () -> FeatureDocument.of(base, target, w.feature(), w.repairs()));
  }

  private interface Body {
    Object make();
  }

  /**
   * Adds the representation unless minimal was preferred and nothing was repaired (a repaired
   * feature is always shown: the client should see what was stored). {@code prefer} is null when
   * the client stated no preference.
   */
  private static Response answer(Response.ResponseBuilder r, Prefer prefer, boolean repaired, Crs crs, Body body) {
    if (prefer == Prefer.MINIMAL && !repaired) {
      return r.header(Prefer.APPLIED_HEADER, prefer.token()).build();
    }
    if (prefer == Prefer.REPRESENTATION) {
      r.header(Prefer.APPLIED_HEADER, prefer.token());
    }
    return r.header(ItemsResource.CONTENT_CRS, crs.header()).entity(body.make()).build();
  }

  private static byte[] collection(URI base, PlanLayer target, List<Written> written) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    GeoJsonWriter writer = new GeoJsonWriter(out);
    writer.startFeatures();
    for (Written w : written) {
      writer.feature(
          w.feature(),
          List.of(new Link(FeatureDocument.itemUrl(base, target, w.feature().id()), "self", Link.GEOJSON, "This feature")),
          w.repairs());
    }
    writer.endCollection();
    return out.toByteArray();
  }
}
