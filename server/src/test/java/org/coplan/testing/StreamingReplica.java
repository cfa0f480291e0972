package org.coplan.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A hot-standby streaming replica of a running test cluster, started by the test itself:
 * {@code pg_basebackup -R} (which writes {@code standby.signal} and the connection to the primary)
 * into a directory under /tmp, then {@code pg_ctl start} on another free port. As root, the
 * PostgreSQL binaries run as the {@code postgres} OS user (as in EmbeddedPostgres). A standby needs
 * at least the primary's max_connections (EmbeddedPostgres sets 200).
 */
public final class StreamingReplica implements AutoCloseable {
  private static final boolean AS_ROOT = "root".equals(System.getProperty("user.name"));

  private final Path home;
  private final Path dataDir;
  private final Path bin;
  private final int port;

  private StreamingReplica(Path home, Path dataDir, Path bin, int port) {
    this.home = home;
    this.dataDir = dataDir;
    this.bin = bin;
    this.port = port;
  }

  /** A replica of the cluster listening on 127.0.0.1:{@code primaryPort} (superuser postgres, trust). */
  public static StreamingReplica of(int primaryPort) {
    try {
      Path home = Files.createTempDirectory(Path.of("/tmp"), "coplan-replica-");
      Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwxrwxrwx"));
      Path bin = binaries();
      Path dataDir = home.resolve("data");
      Path sockets = Files.createDirectory(home.resolve("s"));
      Files.setPosixFilePermissions(sockets, PosixFilePermissions.fromString("rwxrwxrwx"));
      run(bin.resolve("pg_basebackup").toString(), "-h", "127.0.0.1", "-p", Integer.toString(primaryPort), "-U", "postgres",
          "-D", dataDir.toString(), "-R", "-X", "stream", "-c", "fast");
      int port = freePort();
      run(bin.resolve("pg_ctl").toString(), "-D", dataDir.toString(), "-w", "-t", "120", "-l", home.resolve("log").toString(),
          "-o", "-p " + port + " -k " + sockets + " -c listen_addresses=127.0.0.1 -c hot_standby=on -c max_connections=200", "start");
      return new StreamingReplica(home, dataDir, bin, port);
    } catch (IOException e) {
      throw new IllegalStateException("replica did not start", e);
    }
  }

  public String jdbcUrl(String database) {
    return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
  }

  private static Path binaries() throws IOException {
    try (Stream<Path> versions = Files.list(Path.of("/usr/lib/postgresql"))) {
      return versions.map(v -> v.resolve("bin")).filter(b -> Files.isExecutable(b.resolve("pg_basebackup")))
          .max(Comparator.naturalOrder()).orElseThrow(() -> new IllegalStateException("no pg_basebackup"));
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private static void run(String... command) {
    List<String> cmd = new ArrayList<>();
    if (AS_ROOT) {
      cmd.addAll(List.of("runuser", "-u", "postgres", "--"));
    }
    cmd.addAll(List.of(command));
    try {
      Process p = new ProcessBuilder(cmd).directory(Path.of("/").toFile()).redirectErrorStream(true).start();
      String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(180, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new IllegalStateException(String.join(" ", cmd) + " failed: " + output);
      }
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    run(bin.resolve("pg_ctl").toString(), "-D", dataDir.toString(), "-m", "immediate", "-w", "stop");
    try (Stream<Path> files = Files.walk(home)) {
      files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    } catch (IOException e) {
      // a leftover temp directory is harmless
    }
  }
}
