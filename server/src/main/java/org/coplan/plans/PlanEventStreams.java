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
import java.util.ArrayDeque;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Predicate;
import org.coplan.changes.AppEvent;
import org.coplan.changes.ChangeListener;
import org.coplan.changes.ConflictChange;
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
 * shows the baseline where it does not override it).
 *
 * <p>Fan-out: each event is serialised once and queued on every stream that wants it; a small pool
 * of writer threads drains the queues, one stream at a time per thread, so a browser that reads
 * slowly holds up only itself (and the change feed never waits for anyone). A stream whose queue
 * reaches {@code maxQueued} events has fallen too far behind to catch up: what is queued is dropped
 * and replaced by one {@code reload} event (read everything afresh), after which the stream is
 * closed; the browser's EventSource reconnects by itself.
 *
 * <p>Reconnecting: every event carries an id, {@code <instance>-<n>}. A browser that reconnects
 * sends the last id it saw ({@code Last-Event-ID}); when something happened in the settlement since
 * then, or the id is another instance's or an earlier run's (nothing here can tell what it missed),
 * the new stream starts with {@code ready} and then {@code reload}.
 *
 * <p>A stream is closed after {@code maxAge}: the new request passes the access checks again, so a
 * revoked share link or membership stops receiving events within that time.
 */
public final class PlanEventStreams implements ChangeListener, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(PlanEventStreams.class);
  private static final long RECONNECT_MILLIS = 2000;
  private static final Duration KEEP_ALIVE = Duration.ofSeconds(20);
  /** Events a stream may have queued before it is told to reload and closed. */
  static final int MAX_QUEUED = 1000;
  /** Events one writer sends to one stream before letting the other streams' turns come. */
  private static final int BATCH = 64;
  /** A browser that stops reading blocks its writer until Jetty's idle timeout fails the write: enough to spare. */
  private static final int WRITERS = 16;

  private final String instance = UUID.randomUUID().toString().substring(0, 8);
  private final Set<Stream> streams = ConcurrentHashMap.newKeySet();
  /** The id of the last event sent to some stream of each settlement. */
  private final Map<String, Long> lastIdBySettlement = new ConcurrentHashMap<>();
  private final ExecutorService writers = Executors.newFixedThreadPool(WRITERS, r -> daemon(r, "event-streams"));
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "event-streams-timer"));
  private final AtomicLong ids = new AtomicLong();
  private final LongAdder dropped = new LongAdder();
  private final Duration maxAge;
  private final int maxQueued;
  /** The application's Sse, to build events once for every stream; set by the first stream. */
  private volatile Sse sse;

  public PlanEventStreams(Duration maxAge) {
    this(maxAge, MAX_QUEUED);
  }

  PlanEventStreams(Duration maxAge, int maxQueued) {
    this.maxAge = maxAge;
    this.maxQueued = maxQueued;
    long every = Math.min(KEEP_ALIVE.toMillis(), Math.max(200, maxAge.toMillis() / 4));
    timer.scheduleWithFixedDelay(this::keepAliveAndExpire, every, every, TimeUnit.MILLISECONDS);
  }

  /**
   * Opens a stream: the browser gets {@code ready} at once (and {@code reload} when it reconnects
   * after missing something), then every change of the plan.
   *
   * @param lastEventId the {@code Last-Event-ID} of a reconnecting browser, or null
   */
  public void open(String settlementId, String planId, String lastEventId, SseEventSink sink, Sse sse) {
    this.sse = sse;
    Stream stream = new Stream(settlementId, planId, sink, Instant.now());
    ObjectNode hello = JsonMapper.MAPPER.createObjectNode().put("settlement", settlementId).put("plan", planId);
    stream.offer(event(sse, ids.incrementAndGet(), "ready", hello));
    streams.add(stream);
    // asked after the stream is listed: an event sent since is either counted here or queued on it
    if (lastEventId != null && missedSince(settlementId, lastEventId)) {
      stream.offer(event(sse, ids.incrementAndGet(), "reload", JsonMapper.MAPPER.createObjectNode()));
    }
  }

  /** Whether events of the settlement were sent after {@code lastEventId}, or nobody here can tell. */
  private boolean missedSince(String settlementId, String lastEventId) {
    int dash = lastEventId.lastIndexOf('-');
    if (dash < 0 || !lastEventId.substring(0, dash).equals(instance)) {
      return true;
    }
    try {
      long seen = Long.parseLong(lastEventId.substring(dash + 1));
      return lastIdBySettlement.getOrDefault(settlementId, 0L) > seen;
    } catch (NumberFormatException e) {
      return true;
    }
  }

  public int openStreams() {
    return streams.size();
  }

  /** Streams closed because they fell {@code maxQueued} events behind. */
  long droppedStreams() {
    return dropped.sum();
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
    fanOut(change.settlementId(), "feature", data,
        s -> s.settlementId.equals(change.settlementId()) && (everyPlan || s.planId.equals(change.planId())));
  }

  /**
   * The plan's stored analysis changed (a statement wrote or removed conflicts): screens showing the
   * plan's consequences read them again now instead of at their next poll of the analysis state.
   */
  @Override
  public void conflictsChanged(ConflictChange change) {
    ObjectNode data = JsonMapper.MAPPER.createObjectNode();
    data.put("plan", change.planId());
    data.put("count", change.count());
    data.set("extent", box(change.extent()));
    // a hint, not a change to catch up on: a reconnecting stream that missed it need not reload
    // (the screen polls the analysis state anyway)
    fanOut(null, "analysis", data,
        s -> s.settlementId.equals(change.settlementId()) && s.planId.equals(change.planId()));
  }

  @Override
  public void event(AppEvent event) {
    ObjectNode data = JsonMapper.MAPPER.createObjectNode();
    data.put("plan", event.planId());
    data.set("data", event.data());
    fanOut(event.settlementId(), event.type(), data,
        s -> s.settlementId.equals(event.settlementId()) && (event.planId() == null || s.planId.equals(event.planId())));
  }

  @Override
  public void missedChanges() {
    // the screens cannot know what they missed: they read everything afresh
    fanOut(null, "reload", JsonMapper.MAPPER.createObjectNode(), s -> true);
  }

  /**
   * Builds the event once and queues it on every stream that wants it. {@code missedBy}: the
   * settlement whose streams, reconnecting with an earlier {@code Last-Event-ID}, must be told to
   * reload because of this event; null when missing it costs nothing (a hint) or every stream is
   * told anyway ({@code reload} itself).
   */
  private void fanOut(String missedBy, String name, ObjectNode data, Predicate<Stream> wants) {
    Sse current = sse;
    if (current == null) {
      return;
    }
    long id = ids.incrementAndGet();
    OutboundSseEvent event = event(current, id, name, data);
    if (event == null) {
      return;
    }
    if (missedBy != null) {
      // before the streams are walked: see open()
      lastIdBySettlement.merge(missedBy, id, Math::max);
    }
    for (Stream s : streams) {
      if (wants.test(s)) {
        s.offer(event);
      }
    }
  }

  private OutboundSseEvent event(Sse sse, long id, String name, ObjectNode data) {
    try {
      return sse.newEventBuilder()
          .id(instance + "-" + id)
          .name(name)
          .reconnectDelay(RECONNECT_MILLIS)
          .mediaType(MediaType.APPLICATION_JSON_TYPE)
          .data(String.class, JsonMapper.MAPPER.writeValueAsString(data))
          .build();
    } catch (JsonProcessingException e) {
      log.error("event {} not serialisable", name, e);
      return null;
    }
  }

  private void keepAliveAndExpire() {
    Sse current = sse;
    if (current == null) {
      return;
    }
    OutboundSseEvent keepAlive = current.newEventBuilder().comment("keep-alive").build();
    Instant now = Instant.now();
    for (Stream s : streams) {
      if (s.sink.isClosed()) {
        streams.remove(s);
      } else if (Duration.between(s.opened, now).compareTo(maxAge) >= 0) {
        s.closeAfterQueued();
      } else {
        s.offer(keepAlive);
      }
    }
  }

  /** One browser's stream: its queue, drained by at most one writer at a time. */
  private final class Stream {
    final String settlementId;
    final String planId;
    final SseEventSink sink;
    final Instant opened;
    /** Guarded by this, as are the two flags. */
    private final ArrayDeque<OutboundSseEvent> queue = new ArrayDeque<>();
    private boolean draining;
    private boolean closing;

    Stream(String settlementId, String planId, SseEventSink sink, Instant opened) {
      this.settlementId = settlementId;
      this.planId = planId;
      this.sink = sink;
      this.opened = opened;
    }

    void offer(OutboundSseEvent event) {
      if (event == null) {
        return;
      }
      synchronized (this) {
        if (closing) {
          return;
        }
        if (queue.size() >= maxQueued) {
          // too far behind to catch up: drop the backlog, tell it to read afresh, then close
          queue.clear();
          queue.add(event(sse, ids.incrementAndGet(), "reload", JsonMapper.MAPPER.createObjectNode()));
          closing = true;
          dropped.increment();
          log.info("event stream of {}/{} fell {} events behind: told to reload and closed", settlementId, planId, maxQueued);
        } else {
          queue.add(event);
        }
      }
      schedule();
    }

    void closeAfterQueued() {
      synchronized (this) {
        closing = true;
      }
      schedule();
    }

    private void schedule() {
      synchronized (this) {
        if (draining) {
          return;
        }
        draining = true;
      }
      try {
        writers.execute(this::drain);
      } catch (RejectedExecutionException e) {
        log.debug("event after the streams closed; dropped");
      }
    }

    private void drain() {
      for (int sent = 0; ; sent++) {
        OutboundSseEvent next;
        boolean again = false;
        boolean finished = false;
        synchronized (this) {
          next = sent < BATCH ? queue.poll() : null;
          if (next == null) {
            draining = false;
            // the batch used up: to the back of the line, behind the other streams
            again = !queue.isEmpty();
            finished = !again && closing;
          }
        }
        // outside the lock: closing may wait for the socket, and the feed's thread offers under it
        if (again) {
          schedule();
          return;
        }
        if (finished) {
          close();
          return;
        }
        if (next == null) {
          return;
        }
        if (sink.isClosed()) {
          close();
          return;
        }
        try {
          sink.send(next).exceptionally(e -> {
            // the browser went away
            close();
            return null;
          });
        } catch (RuntimeException e) {
          close();
          return;
        }
      }
    }

    void close() {
      streams.remove(this);
      synchronized (this) {
        closing = true;
        queue.clear();
      }
      try {
        sink.close();
      } catch (RuntimeException e) {
        log.debug("closing an event stream", e);
      }
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
    streams.forEach(Stream::close);
    writers.shutdown();
  }
}
