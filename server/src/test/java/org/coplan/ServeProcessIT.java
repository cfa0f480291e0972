package org.coplan;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The built artifact as {@code ./coplan run} starts it ({@code java -jar coplan.jar serve}, no
 * demo, a fresh home): SIGTERM (what Ctrl-C and service managers send) stops the server and its
 * embedded PostgreSQL cleanly, and {@code coplan user add} works beside it on its database; a
 * server killed outright leaves its PostgreSQL running, and the next
 * start stops that orphan and serves instead of refusing.
 */
class ServeProcessIT {
  static final Path JAR = Path.of("target", "coplan.jar");
  final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  /** One home for both tests (each leaves its server stopped), so the cluster is created once. */
  static Path home;

  @BeforeAll
  static void home() throws IOException {
    // under /tmp and open to others: as root the cluster runs as the postgres user
    home = Files.createTempDirectory(Path.of("/tmp"), "coplan-serve-");
    Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  @AfterAll
  static void removeHome() throws IOException {
    postmaster().flatMap(ProcessHandle::of).ifPresent(ProcessHandle::destroyForcibly);
    try (var files = Files.walk(home)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    }
  }

  @Test
  void sigtermStopsTheServerAndItsDatabaseCleanly() throws Exception {
    int logged = log().length();
    int port = freePort();
    Process server = serve(port);
    awaitHealthy(port, server);
    long postmaster = postmaster().orElseThrow();

    // an operator adds an account while it serves: the command uses the running server's database
    Process add =
        new ProcessBuilder("java", "-jar", JAR.toAbsolutePath().toString(), "user", "add", "operator", "--password-stdin", "--home", home.toString())
            .redirectErrorStream(true)
            .start();
    add.getOutputStream().write("operator passphrase 2026\n".getBytes(StandardCharsets.UTF_8));
    add.getOutputStream().close();
    String added = new String(add.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(add.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(add.exitValue()).as(added).isZero();
    HttpResponse<String> login =
        http.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/auth/login"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"operator\",\"password\":\"operator passphrase 2026\"}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(login.statusCode()).as(login.body()).isEqualTo(200);

    server.destroy(); // SIGTERM
    assertThat(server.waitFor(60, TimeUnit.SECONDS)).as("the server stops within a minute").isTrue();
    assertThat(home.resolve("pg/data/postmaster.pid")).as("PostgreSQL shut down and removed its pid file").doesNotExist();
    assertThat(goneWithin(postmaster, 10)).as("the postmaster has exited").isTrue();
    assertThat(log().substring(logged)).contains("Embedded PostgreSQL stopped");
  }

  @Test
  void aServerKilledOutrightDoesNotBlockTheNextStart() throws Exception {
    int logged = log().length();
    int port = freePort();
    Process first = serve(port);
    awaitHealthy(port, first);
    long orphan = postmaster().orElseThrow();
    first.destroyForcibly(); // SIGKILL: no shutdown hook runs, PostgreSQL stays up
    assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(ProcessHandle.of(orphan).map(ProcessHandle::isAlive).orElse(false)).as("the orphaned PostgreSQL").isTrue();

    int again = freePort();
    Process second = serve(again);
    try {
      awaitHealthy(again, second);
      assertThat(goneWithin(orphan, 10)).as("the orphan was stopped").isTrue();
      assertThat(postmaster()).isPresent().isNotEqualTo(java.util.Optional.of(orphan));
      assertThat(log().substring(logged)).contains("left running in");
    } finally {
      second.destroy();
      second.waitFor(60, TimeUnit.SECONDS);
    }
  }

  private Process serve(int port) throws IOException {
    assertThat(JAR).as("the packaged server (mvn package runs before the integration tests)").exists();
    ProcessBuilder pb =
        new ProcessBuilder(
                List.of("java", "-jar", JAR.toAbsolutePath().toString(), "serve", "--port", Integer.toString(port), "--host", "127.0.0.1",
                    "--home", home.toString(), "--demo", "false", "--admin-password", "serve process test password"))
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(home.resolve("server.log").toFile()));
    return pb.start();
  }

  private void awaitHealthy(int port, Process server) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (System.nanoTime() < deadline) {
      assertThat(server.isAlive()).as("server still running; its log:%n%s", log()).isTrue();
      try {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health")).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      Thread.sleep(250);
    }
    throw new AssertionError("no healthy server on port " + port + " within 2 minutes; its log:\n" + log());
  }

  /** PostgreSQL removes its pid file just before its process ends: allow it that moment. */
  private static boolean goneWithin(long pid, int seconds) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      Thread.sleep(50);
    }
    return true;
  }

  private static java.util.Optional<Long> postmaster() throws IOException {
    Path pid = home.resolve("pg/data/postmaster.pid");
    return Files.exists(pid) ? java.util.Optional.of(Long.parseLong(Files.readAllLines(pid).get(0).trim())) : java.util.Optional.empty();
  }

  private static String log() throws IOException {
    Path log = home.resolve("server.log");
    return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }
}
