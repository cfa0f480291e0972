package org.coplan.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.coplan.CoplanServer;
import org.coplan.auth.UserAdmin;
import org.coplan.db.Jdbc;
import org.coplan.config.Arguments;
import org.coplan.config.CoplanConfig;
import org.coplan.http.JsonMapper;

/**
 * The real server on a random port over a fresh copy of the demo database, for HTTP tests. One per
 * test class: {@code static TestServer server = TestServer.start();} and close it in
 * {@code @AfterAll}.
 */
public final class TestServer implements AutoCloseable {
  private final TestDatabase.Fresh database;
  private final CoplanServer server;
  private final HttpClient client = HttpClient.newHttpClient();
  /** False for a second instance on another's database: closing it leaves the database alone. */
  private final boolean ownsDatabase;

  private TestServer(TestDatabase.Fresh database, CoplanServer server, boolean ownsDatabase) {
    this.database = database;
    this.server = server;
    this.ownsDatabase = ownsDatabase;
  }

  /**
   * Another server instance on this one's database (as a second process behind a balancer would
   * be): its own caches and change feed, the same data. Close it before this one.
   */
  public TestServer secondInstance(Map<String, String> options) {
    Map<String, String> values = new java.util.HashMap<>(options);
    values.putIfAbsent("port", "0");
    values.putIfAbsent("host", "127.0.0.1");
    try {
      return new TestServer(database, CoplanServer.start(CoplanConfig.from(Arguments.of(values)), database.dataSource()), false);
    } catch (Exception e) {
      throw new IllegalStateException("second server instance did not start", e);
    }
  }

  public static TestServer start() {
    return start(Map.of());
  }

  /** With extra options, as on the command line without dashes (e.g. {@code basemap-url}). */
  public static TestServer start(Map<String, String> options) {
    TestDatabase.Fresh db = TestDatabase.get().newDatabase();
    Map<String, String> values = new java.util.HashMap<>(options);
    values.putIfAbsent("port", "0");
    values.putIfAbsent("host", "127.0.0.1");
    CoplanConfig config = CoplanConfig.from(Arguments.of(values));
    try {
      return new TestServer(db, CoplanServer.start(config, db.dataSource()), true);
    } catch (Exception e) {
      db.close();
      throw new IllegalStateException("test server did not start", e);
    }
  }

  /**
   * A second server instance over the same database, as behind a load balancer: it shares the
   * data (sessions too) but nothing in memory. Close it before this one.
   */
  public TestServer peer() {
    return secondInstance(Map.of());
  }

  private static final String ADMIN_PASSWORD = "test admin password, long enough";
  private SignedIn admin;

  /**
   * A signed-in server admin, created on first use: for requests whose answer anonymous callers
   * may not learn (e.g. that a settlement does not exist) and for changes.
   */
  public synchronized SignedIn admin() {
    if (admin == null) {
      UserAdmin users = UserAdmin.open(new Jdbc(database.dataSource()), "test");
      if (ownsDatabase) {
        users.add("test-admin", "Test admin", ADMIN_PASSWORD, true);
      }
      admin = SignedIn.login(this, "test-admin", ADMIN_PASSWORD);
    }
    return admin;
  }

  /**
   * Waits until this instance has heard every change committed so far (the change feeds'
   * barrier): after changing the database behind the server's back, as an operator's SQL would.
   */
  public void settled() {
    if (!server.settled(java.time.Duration.ofSeconds(10))) {
      throw new IllegalStateException("the change feeds did not settle within 10 s");
    }
  }

  public TestDatabase.Fresh database() {
    return database;
  }

  public int port() {
    return server.port();
  }

  public URI uri(String path) {
    return URI.create("http://127.0.0.1:" + server.port() + path);
  }

  public HttpResponse<byte[]> get(String path, String... headers) {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).GET();
    if (headers.length > 0) {
      b.headers(headers);
    }
    return send(b.build());
  }

  /** Any method, with an optional JSON body (null for none), as application/json unless a Content-Type header is given. */
  public HttpResponse<byte[]> request(String method, String path, String json, String... headers) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(uri(path))
            .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
    boolean typed = false;
    for (int i = 0; i < headers.length; i += 2) {
      typed |= headers[i].equalsIgnoreCase("Content-Type");
    }
    if (json != null && !typed) {
      b.header("Content-Type", "application/json");
    }
    if (headers.length > 0) {
      b.headers(headers);
    }
    return send(b.build());
  }

  public HttpResponse<byte[]> send(HttpRequest request) {
    try {
      return client.send(request, HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** GETs {@code path} and parses the body as JSON whatever the status. */
  public JsonNode getJson(String path, String... headers) {
    return json(get(path, headers));
  }

  public static JsonNode json(HttpResponse<byte[]> response) {
    try {
      return JsonMapper.MAPPER.readTree(response.body());
    } catch (IOException e) {
      throw new AssertionError("not JSON: " + new String(response.body()), e);
    }
  }

  @Override
  public void close() throws Exception {
    server.close();
    if (ownsDatabase) {
      database.close();
    }
  }
}
