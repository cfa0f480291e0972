package org.coplan.plans;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.sse.SseEventSink;
import org.coplan.settlements.SettlementService;

/**
 * {@code GET /api/settlements/{sid}/plans/{pid}/events}: a server-sent event stream of everything
 * that changes what the plan shows — {@code feature} (an edit, import or restore: layer, ids,
 * versions, authors and the boxes before and after), the review's events ({@code comment},
 * {@code reaction}, {@code decision}, {@code plan-status}) and {@code reload} (changes may have been
 * missed: read afresh; also first thing on a reconnection that missed something, see
 * {@link PlanEventStreams}). Whoever may read the plan may follow it.
 */
@Path("/api/settlements/{sid}/plans/{pid}/events")
public final class PlanEventsResource {
  private final SettlementService settlements;
  private final PlanEventStreams streams;

  public PlanEventsResource(SettlementService settlements, PlanEventStreams streams) {
    this.settlements = settlements;
    this.streams = streams;
  }

  @GET
  @Produces(MediaType.SERVER_SENT_EVENTS)
  public void events(
      @PathParam("sid") String sid,
      @PathParam("pid") String pid,
      @HeaderParam(HttpHeaders.LAST_EVENT_ID_HEADER) String lastEventId,
      @Context SseEventSink sink,
      @Context Sse sse) {
    // a missing plan is a 404 problem before the stream starts
    settlements.requirePlanExists(sid, pid);
    streams.open(sid, pid, lastEventId, sink, sse);
  }
}
