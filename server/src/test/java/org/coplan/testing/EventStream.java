package org.coplan.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A plan's server-sent event stream read the way a browser's EventSource reads it: events are
 * collected as they arrive, and the stream's end is noticed.
 */
public final class EventStream implements AutoCloseable {
  /** One event: its name, its data parsed as JSON, and its id (null when it had none). */
  public record Event(String name, JsonNode data, String id) {}

  private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
  private final CompletableFuture<Void> ended = new CompletableFuture<>();
  private final HttpResponse<Stream<String>> response;

  private EventStream(HttpResponse<Stream<String>> response) {
    this.response = response;
  }

  /** Opens the stream of {@code path} as {@code caller}; headers as name, value pairs. */
  public static EventStream open(TestServer server, String path, String... headers) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(server.uri(path)).header("Accept", "text/event-stream").GET();
    if (headers.length > 0) {
      b.headers(headers);
    }
    HttpResponse<Stream<String>> r = HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofLines());
    EventStream stream = new EventStream(r);
    if (r.statusCode() == 200) {
      Thread reader = new Thread(stream::read, "event-stream-reader");
      reader.setDaemon(true);
      reader.start();
    } else {
      stream.ended.complete(null);
    }
    return stream;
  }

  /** As the server's signed-in test admin. */
  public static EventStream openAsAdmin(TestServer server, String path) throws Exception {
    return open(server, path, "Cookie", server.admin().cookie());
  }

  private void read() {
    String name = "message";
    String id = null;
    StringBuilder data = new StringBuilder();
    try {
      for (String line : (Iterable<String>) response.body()::iterator) {
        if (line.isEmpty()) {
          if (data.length() > 0) {
            events.add(new Event(name, Requests.json(data.toString()), id));
          }
          name = "message";
          id = null;
          data.setLength(0);
        } else if (line.startsWith("event:")) {
          name = line.substring(6).trim();
        } else if (line.startsWith("id:")) {
          id = line.substring(3).trim();
        } else if (line.startsWith("data:")) {
          data.append(line.substring(5).trim());
        }
      }
    } catch (RuntimeException e) {
      // the connection was closed under the reader
    } finally {
      ended.complete(null);
    }
  }

  public int status() {
    return response.statusCode();
  }

  public HttpResponse<Stream<String>> response() {
    return response;
  }

  /** The next event of any name within the time; null if none came. */
  public Event next(long timeout, TimeUnit unit) throws InterruptedException {
    return events.poll(timeout, unit);
  }

  /** The next event of that name within the time, skipping others; null if none came. */
  public Event next(String name, long timeout, TimeUnit unit) throws InterruptedException {
    long end = System.nanoTime() + unit.toNanos(timeout);
    for (long left = end - System.nanoTime(); left > 0; left = end - System.nanoTime()) {
      Event e = events.poll(left, TimeUnit.NANOSECONDS);
      if (e == null) {
        return null;
      }
      if (e.name().equals(name)) {
        return e;
      }
    }
    return null;
  }

  /** True once the server ended the stream, waiting at most the time given. */
  public boolean endsWithin(long timeout, TimeUnit unit) {
    try {
      ended.get(timeout, unit);
      return true;
    } catch (Exception e) {
      return false;
    }
  }

  @Override
  public void close() {
    response.body().close();
  }
}
