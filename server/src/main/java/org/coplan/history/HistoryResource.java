package org.coplan.history;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriBuilder;
import jakarta.ws.rs.core.UriInfo;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.coplan.db.Jdbc;
import org.coplan.http.Link;
import org.coplan.settlements.SettlementService;

/**
 * {@code GET /api/settlements/{sid}/history}: the settlement's transparent change log. Query
 * parameters {@code author}, {@code from}, {@code to} (RFC 3339), {@code layer}, {@code plan},
 * {@code limit} (default 100, at most 1000) and {@code before} (the {@code seq} to page from,
 * which the {@code next} link carries).
 */
@Path("/api/settlements/{sid}/history")
@Produces(MediaType.APPLICATION_JSON)
public final class HistoryResource {
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record EntryJson(
      long seq,
      OffsetDateTime at,
      String author,
      String subject,
      String operation,
      String reason,
      String plan,
      String collection,
      String featureId,
      int version,
      boolean deleted,
      JsonNode state,
      List<Link> links) {}

  record HistoryPage(int numberReturned, List<EntryJson> entries, List<Link> links) {}

  private final SettlementService settlements;
  private final HistoryRepository repository;

  public HistoryResource(SettlementService settlements, Jdbc jdbc) {
    this.settlements = settlements;
    this.repository = new HistoryRepository(jdbc);
  }

  @GET
  public HistoryPage history(
      @PathParam("sid") String sid,
      @QueryParam("author") String author,
      @QueryParam("from") String from,
      @QueryParam("to") String to,
      @QueryParam("layer") String layer,
      @QueryParam("plan") String plan,
      @QueryParam("before") String before,
      @QueryParam("limit") String limit,
      @Context UriInfo uri) {
    settlements.require(sid);
    HistoryQuery q = HistoryQuery.parse(sid, author, from, to, layer, plan, before, limit);
    List<HistoryRepository.Entry> entries = repository.entries(q);
    String settlement = uri.getBaseUri() + "api/settlements/" + sid;
    List<EntryJson> out =
        entries.stream()
            .map(
                e ->
                    new EntryJson(
                        e.seq(),
                        e.at(),
                        e.author(),
                        e.subject(),
                        e.operation(),
                        e.reason(),
                        e.plan(),
                        e.layer(),
                        e.featureId(),
                        e.version(),
                        e.deleted(),
                        e.state(),
                        e.featureId() == null
                            ? null
                            : List.of(
                                new Link(
                                    settlement + "/plans/" + e.plan() + "/collections/" + e.layer() + "/items/" + e.featureId()
                                        + "/versions",
                                    "version-history",
                                    Link.JSON,
                                    "The feature's versions"))))
            .toList();
    List<Link> links = new ArrayList<>();
    links.add(new Link(uri.getRequestUri().toString(), "self", Link.JSON, "This page"));
    if (entries.size() == q.limit()) {
      String next =
          UriBuilder.fromUri(uri.getRequestUri())
              .replaceQueryParam("before", entries.get(entries.size() - 1).seq())
              .build()
              .toString();
      links.add(new Link(next, "next", Link.JSON, "Older changes"));
    }
    return new HistoryPage(out.size(), out, links);
  }
}
