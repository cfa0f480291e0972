package org.coplan.plans;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.coplan.changes.AppEvent;
import org.coplan.changes.ChangeListener;
import org.coplan.changes.ChangedFeature;
import org.coplan.changes.FeatureChange;
import org.coplan.http.JsonMapper;
import org.coplan.settlements.Plan;
import org.locationtech.jts.geom.Envelope;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The open event streams of every plan, fed by the change feed. A feature change reaches the
 * streams of its plan and, for a baseline change, of every plan of the settlement (each plan's view
 * shows the baseline where it does not override it). Sending happens on one thread of its own, so
 * a slow browser never holds up the change feed.
 *
 * <p>A stream is closed after {@code maxAge}: the browser's EventSource reconnects by itself, and
 * the new request passes the access checks again, so a revoked share link or membership stops
 * receiving events within that time.
 */
public final class PlanEventStreams implements ChangeListener, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(PlanEventStreams.class);
  private static final long RECONNECT_MILLIS = 2000;
  private static final Duration KEEP_ALIVE = Duration.ofSeconds(20);

  private record Stream(String settlementId, String planId, SseEventSink sink, Sse sse, Instant opened) {}

  private final Set<Stream> streams = ConcurrentHashMap.newKeySet();
  private final ExecutorService sender = Executors.newSingleThreadExecutor(r -> daemon(r, "event-streams"));
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "event-streams-timer"));
  private final AtomicLong ids = new AtomicLong();
  private final Duration maxAge;

  public PlanEventStreams(Duration maxAge) {
    this.maxAge = maxAge;
    long every = Math.min(KEEP_ALIVE.toMillis(), Math.max(200, maxAge.toMillis() / 4));
    timer.scheduleWithFixedDelay(() -> sender.execute(this::keepAliveAndExpire), every, every, TimeUnit.MILLISECONDS);
  }

  /** Opens a stream: the browser gets {@code ready} at once, then every change of the plan. */
  public void open(String settlementId, String planId, SseEventSink sink, Sse sse) {
    Stream stream = new Stream(settlementId, planId, sink, sse, Instant.now());
    streams.add(stream);
    ObjectNode hello = JsonMapper.MAPPER.createObjectNode().put("settlement", settlementId).put("plan", planId);
    sender.execute(() -> send(stream, "ready", hello));
  }

  public int openStreams() {
    return streams.size();
  }

  @Override
  public void changed(FeatureChange change) {
    ObjectNode data = JsonMapper.MAPPER.createObjectNode();
    data.put("plan", change.planId());
    data.put("layer", change.layer().id());
    data.put("count", change.count());
    data.set("extent", box(change.extent()));
    ArrayNode features = data.putArray("features");
    for (ChangedFeature f : change.features()) {
      ObjectNode o = features.addObject();
      o.put("id", f.id().toString());
      o.put("version", f.version());
      o.put("deleted", f.deleted());
      o.put("author", f.author());
      o.set("before", box(f.before()));
      o.set("after", box(f.after()));
    }
    boolean everyPlan = Plan.BASELINE.equals(change.planId());
    sender.execute(() -> streams.forEach(s -> {
      if (s.settlementId().equals(change.settlementId()) && (everyPlan || s.planId().equals(change.planId()))) {
        send(s, "feature", data);
      }
    }));
  }

  @Override
  public void event(AppEvent event) {
    ObjectNode data = JsonMapper.MAPPER.createObjectNode();
    data.put("plan", event.planId());
    data.set("data", event.data());
    sender.execute(() -> streams.forEach(s -> {
      if (s.settlementId().equals(event.settlementId()) && (event.planId() == null || s.planId().equals(event.planId()))) {
        send(s, event.type(), data);
      }
    }));
  }

  @Override
  public void missedChanges() {
    // the screens cannot know what they missed: they read everything afresh
    ObjectNode data = JsonMapper.MAPPER.createObjectNode();
    sender.execute(() -> streams.forEach(s -> send(s, "reload", data)));
  }

  private void keepAliveAndExpire() {
    Instant now = Instant.now();
    for (Stream s : streams) {
      if (s.sink().isClosed()) {
        streams.remove(s);
      } else if (Duration.between(s.opened(), now).compareTo(maxAge) >= 0) {
        close(s);
      } else {
        write(s, s.sse().newEventBuilder().comment("keep-alive").build());
      }
    }
  }

  private void send(Stream s, String name, ObjectNode data) {
    try {
      OutboundSseEvent event = s.sse().newEventBuilder()
          .id(Long.toString(ids.incrementAndGet()))
          .name(name)
          .reconnectDelay(RECONNECT_MILLIS)
          .mediaType(MediaType.APPLICATION_JSON_TYPE)
          .data(String.class, JsonMapper.MAPPER.writeValueAsString(data))
          .build();
      write(s, event);
    } catch (JsonProcessingException e) {
      log.error("event {} not serialisable", name, e);
    }
  }

  private void write(Stream s, OutboundSseEvent event) {
    if (s.sink().isClosed()) {
      streams.remove(s);
      return;
    }
    s.sink().send(event).exceptionally(e -> {
      // the browser went away
      close(s);
      return null;
    });
  }

  private void close(Stream s) {
    streams.remove(s);
    try {
      s.sink().close();
    } catch (RuntimeException e) {
      log.debug("closing an event stream", e);
    }
  }

  private static com.fasterxml.jackson.databind.JsonNode box(Envelope e) {
    if (e == null) {
      return JsonMapper.MAPPER.nullNode();
    }
    return JsonMapper.MAPPER.createArrayNode().add(e.getMinX()).add(e.getMinY()).add(e.getMaxX()).add(e.getMaxY());
  }

  private static Thread daemon(Runnable r, String name) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    return t;
  }

  @Override
  public void close() {
    timer.shutdownNow();
    sender.execute(() -> streams.forEach(this::close));
    sender.shutdown();
  }
}
