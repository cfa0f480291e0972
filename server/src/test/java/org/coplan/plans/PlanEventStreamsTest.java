package org.coplan.plans;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseBroadcaster;
import jakarta.ws.rs.sse.SseEventSink;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.coplan.changes.ChangedFeature;
import org.coplan.changes.FeatureChange;
import org.coplan.layers.Layer;
import org.glassfish.jersey.media.sse.OutboundEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The fan-out without HTTP: sinks that record, and one that never finishes a write (a stuck browser). */
class PlanEventStreamsTest {
  static final Sse SSE = new Sse() {
    @Override
    public OutboundSseEvent.Builder newEventBuilder() {
      return new OutboundEvent.Builder();
    }

    @Override
    public SseBroadcaster newBroadcaster() {
      throw new UnsupportedOperationException();
    }
  };

  /** Records what it is sent; blocks every write while {@code stuck} is closed. */
  static final class Sink implements SseEventSink {
    final List<OutboundSseEvent> sent = new CopyOnWriteArrayList<>();
    final CountDownLatch stuck;
    volatile boolean closed;

    Sink(boolean stuck) {
      this.stuck = new CountDownLatch(stuck ? 1 : 0);
    }

    @Override
    public boolean isClosed() {
      return closed;
    }

    @Override
    public CompletionStage<?> send(OutboundSseEvent event) {
      try {
        stuck.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      sent.add(event);
      return CompletableFuture.completedFuture(null);
    }

    @Override
    public void close() {
      closed = true;
    }

    List<String> names() {
      return sent.stream().map(OutboundSseEvent::getName).filter(n -> n != null).toList();
    }
  }

  final PlanEventStreams streams = new PlanEventStreams(Duration.ofMinutes(10), 50);

  @AfterEach
  void close() {
    streams.close();
  }

  static FeatureChange edit(int version) {
    return new FeatureChange("s", "baseline", Layer.byId("structures").orElseThrow(), 1, null,
        List.of(new ChangedFeature(UUID.randomUUID(), version, false, "someone", null, null)));
  }

  static void waitFor(java.util.function.BooleanSupplier done) throws InterruptedException {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!done.getAsBoolean() && System.nanoTime() < end) {
      Thread.sleep(5);
    }
  }

  @Test
  void aStuckStreamHoldsUpNobodyAndIsToldToReloadAndClosedWhenTooFarBehind() throws Exception {
    Sink stuck = new Sink(true);
    Sink[] readers = new Sink[8];
    streams.open("s", "baseline", null, stuck, SSE);
    for (int i = 0; i < readers.length; i++) {
      readers[i] = new Sink(false);
      streams.open("s", "baseline", null, readers[i], SSE);
    }
    for (int v = 1; v <= 200; v++) {
      streams.changed(edit(v));
      if (v % 20 == 0) {
        // at the pace the readers keep up with (a loaded machine's writers may be slower than this
        // loop); the stuck stream's queue only grows
        int expected = v + 1;
        for (Sink r : readers) {
          waitFor(() -> r.sent.size() >= expected);
        }
      }
    }
    for (Sink r : readers) {
      waitFor(() -> r.names().size() == 201);
      assertThat(r.names()).as("every reader got ready and all 200 edits, in order").hasSize(201).startsWith("ready");
      assertThat(r.sent.get(200).getData().toString()).contains("\"version\":200");
      assertThat(r.closed).isFalse();
    }
    assertThat(streams.droppedStreams()).isEqualTo(1);

    // the stuck browser wakes up: it gets what it was writing, then reload, and is closed
    stuck.stuck.countDown();
    waitFor(() -> stuck.closed);
    assertThat(stuck.closed).isTrue();
    assertThat(stuck.names()).hasSizeLessThanOrEqualTo(3).endsWith("reload");
    assertThat(streams.openStreams()).isEqualTo(readers.length);
  }

  @Test
  void eachEventIsBuiltOnceForEveryStream() throws Exception {
    Sink a = new Sink(false);
    Sink b = new Sink(false);
    streams.open("s", "baseline", null, a, SSE);
    streams.open("s", "draft", null, b, SSE);
    streams.changed(edit(1));
    waitFor(() -> a.sent.size() == 2 && b.sent.size() == 2);
    assertThat(a.sent.get(1)).isSameAs(b.sent.get(1));
    assertThat(a.sent.get(1).getId()).isNotEqualTo(a.sent.get(0).getId());
  }

  @Test
  void aReconnectionThatMissedSomethingStartsWithReload() throws Exception {
    Sink first = new Sink(false);
    streams.open("s", "baseline", null, first, SSE);
    waitFor(() -> first.sent.size() == 1);
    String seen = first.sent.get(0).getId();

    Sink nothingMissed = new Sink(false);
    streams.open("s", "baseline", seen, nothingMissed, SSE);
    streams.changed(edit(1));
    waitFor(() -> nothingMissed.sent.size() == 2);
    assertThat(nothingMissed.names()).containsExactly("ready", "feature");

    Sink missedOne = new Sink(false);
    streams.open("s", "baseline", seen, missedOne, SSE);
    Sink fromElsewhere = new Sink(false);
    streams.open("s", "baseline", "0000abcd-3", fromElsewhere, SSE);
    waitFor(() -> missedOne.sent.size() == 2 && fromElsewhere.sent.size() == 2);
    assertThat(missedOne.names()).containsExactly("ready", "reload");
    assertThat(fromElsewhere.names()).containsExactly("ready", "reload");
  }
}
