package org.coplan.db;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.coplan.config.ConfigException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A private PostgreSQL cluster owned by this process: created with {@code initdb} on first use,
 * started with {@code pg_ctl} on a free loopback port and a private unix socket directory, stopped
 * on {@link #close()}.
 *
 * <p>PostgreSQL refuses to run as root, so when this JVM is root every server binary runs as the
 * {@code postgres} OS user through {@code runuser}, and the cluster directory is handed to that user.
 * The process that starts the cluster holds {@link ClusterLock} until it stops it. A
 * {@code postmaster.pid} left by a crashed run is removed when its process is gone. A PostgreSQL
 * still running there while the lock is free was left by a coplan process that died without
 * stopping it (an OOM kill of the JVM), and is stopped; one under a held lock belongs to a live
 * server, which is reported rather than fought over.
 */
public final class EmbeddedPostgres implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedPostgres.class);
  private static final String SUPERUSER = "postgres";

  /** Tuning for throwaway test clusters: durability off, which makes them several times faster. */
  public enum Durability {
    DURABLE,
    THROWAWAY
  }

  private final PostgresBinaries binaries;
  private final Path clusterDir;
  private final Path dataDir;
  private final Path socketDir;
  private final Durability durability;
  private final boolean asRoot;
  private int port;
  private boolean running;
  private ClusterLock lock;

  private EmbeddedPostgres(PostgresBinaries binaries, Path home, Durability durability) {
    this.binaries = binaries;
    this.clusterDir = home.resolve("pg");
    this.dataDir = clusterDir.resolve("data");
    // unix socket paths are limited to ~100 bytes, so the socket lives in a short /tmp path
    this.socketDir =
        Path.of("/tmp", ".coplan-pg-" + Integer.toHexString(dataDir.toString().hashCode()));
    this.durability = durability;
    this.asRoot = "root".equals(System.getProperty("user.name"));
  }

  /** Creates the cluster under {@code home/pg} if needed and starts it. */
  public static EmbeddedPostgres start(Path home, Path pgBin, Durability durability) {
    EmbeddedPostgres pg = new EmbeddedPostgres(PostgresBinaries.locate(pgBin), home, durability);
    pg.prepareDirectories();
    pg.lock();
    try {
      pg.initIfNeeded();
      pg.removeStalePidFile();
      pg.startServer();
    } catch (RuntimeException e) {
      pg.lock.close();
      throw e;
    }
    return pg;
  }

  /**
   * The port of a cluster under {@code home} that another process (a running server) has started,
   * read from its {@code postmaster.pid}; empty when none runs. Lets command-line tools use the
   * server's database while it serves, instead of refusing.
   */
  public static Optional<Integer> runningPort(Path home) {
    Path pidFile = home.resolve("pg").resolve("data").resolve("postmaster.pid");
    if (!Files.exists(pidFile) || readPid(pidFile).flatMap(ProcessHandle::of).filter(ProcessHandle::isAlive).isEmpty()) {
      return Optional.empty();
    }
    try {
      // line 4 of postmaster.pid is the port (PostgreSQL's documented layout)
      List<String> lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
      return lines.size() < 4 ? Optional.empty() : Optional.of(Integer.parseInt(lines.get(3).trim()));
    } catch (IOException | NumberFormatException e) {
      return Optional.empty();
    }
  }

  public int port() {
    return port;
  }

  public String superuser() {
    return SUPERUSER;
  }

  public String jdbcUrl(String database) {
    return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
  }

  public Path dataDir() {
    return dataDir;
  }

  private void prepareDirectories() {
    try {
      Files.createDirectories(clusterDir);
      Files.createDirectories(socketDir);
      if (asRoot) {
        requireTraversableByOthers(clusterDir.getParent());
        run(List.of("chown", "-R", SUPERUSER + ":" + SUPERUSER, clusterDir.toString(), socketDir.toString()));
      }
    } catch (IOException e) {
      throw new ConfigException("cannot create " + clusterDir + ": " + e.getMessage());
    }
  }

  /** The postgres user must be able to reach the cluster directory through every parent. */
  private static void requireTraversableByOthers(Path dir) {
    for (Path p = dir.toAbsolutePath(); p != null; p = p.getParent()) {
      try {
        String perms = PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
        if (perms.charAt(8) != 'x') {
          throw new ConfigException(
              "the embedded database runs as the 'postgres' user, which cannot enter "
                  + p
                  + " (mode "
                  + perms
                  + "). Choose a data directory outside it with COPLAN_HOME (e.g."
                  + " /var/lib/coplan).");
        }
      } catch (IOException e) {
        throw new ConfigException("cannot read permissions of " + p + ": " + e.getMessage());
      }
    }
  }

  private void lock() {
    Path file = clusterDir.resolve("coplan.lock");
    try {
      lock = ClusterLock.tryAcquire(file).orElseThrow(() -> inUse(readPid(dataDir.resolve("postmaster.pid"))));
    } catch (IOException e) {
      throw new ConfigException("cannot lock " + file + ": " + e.getMessage());
    }
  }

  private ConfigException inUse(Optional<Long> pid) {
    return new ConfigException(
        "the embedded database in "
            + dataDir
            + " is in use by "
            + pid.map(p -> "process " + p).orElse("another process")
            + " (another coplan server?). Stop it, or choose another COPLAN_HOME.");
  }

  private void initIfNeeded() {
    if (Files.exists(dataDir.resolve("PG_VERSION"))) {
      return;
    }
    LOG.info("Creating the embedded PostgreSQL cluster in {}", dataDir);
    List<String> cmd =
        new ArrayList<>(
            List.of(binaries.initdb(), "-D", dataDir.toString(), "-U", SUPERUSER, "-A", "trust", "-E", "UTF8", "--locale=C.UTF-8"));
    if (durability == Durability.THROWAWAY) {
      cmd.add("-N");
    }
    run(asPostgres(cmd));
  }

  private void removeStalePidFile() {
    Path pidFile = dataDir.resolve("postmaster.pid");
    if (!Files.exists(pidFile)) {
      return;
    }
    Optional<Long> pid = readPid(pidFile);
    boolean alive =
        pid.flatMap(ProcessHandle::of)
            .filter(ProcessHandle::isAlive)
            .map(h -> h.info().command().map(c -> c.contains("postgres")).orElse(true))
            .orElse(false);
    if (alive) {
      // we hold the lock, so no live coplan process owns this PostgreSQL: its owner died
      LOG.warn("Stopping PostgreSQL (process {}) left running in {} by a coplan process that did not stop it", pid.get(), dataDir);
      try {
        run(asPostgres(List.of(binaries.pgCtl(), "-D", dataDir.toString(), "-m", "fast", "-w", "stop")));
      } catch (ConfigException e) {
        throw inUse(pid);
      }
      return;
    }
    LOG.warn("Removing stale {} left by an earlier run that did not stop cleanly", pidFile);
    try {
      Files.delete(pidFile);
    } catch (IOException e) {
      throw new ConfigException("cannot remove stale " + pidFile + ": " + e.getMessage());
    }
  }

  private static Optional<Long> readPid(Path pidFile) {
    try {
      List<String> lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
      return lines.isEmpty() ? Optional.empty() : Optional.of(Long.parseLong(lines.get(0).trim()));
    } catch (IOException | NumberFormatException e) {
      return Optional.empty();
    }
  }

  private void startServer() {
    ConfigException last = null;
    // a free port can be taken between choosing it and binding it: try a few
    for (int attempt = 0; attempt < 3; attempt++) {
      port = freePort();
      String options =
          "-p " + port + " -k " + socketDir + " -c listen_addresses=127.0.0.1 -c max_connections=200"
              + (durability == Durability.THROWAWAY
                  ? " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
                  : "");
      try {
        run(
            asPostgres(
                List.of(binaries.pgCtl(), "-D", dataDir.toString(), "-w", "-t", "120", "-l", clusterDir.resolve("postgres.log").toString(), "-o", options, "start")));
        running = true;
        LOG.info("Embedded PostgreSQL listening on 127.0.0.1:{} (data {})", port, dataDir);
        return;
      } catch (ConfigException e) {
        last = e;
        LOG.warn("Embedded PostgreSQL did not start on port {}: {}", port, e.getMessage());
      }
    }
    throw new ConfigException(
        "the embedded PostgreSQL did not start: " + last.getMessage() + "\n" + logTail());
  }

  private String logTail() {
    try {
      List<String> lines = Files.readAllLines(clusterDir.resolve("postgres.log"));
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
    } catch (IOException e) {
      return "(no server log)";
    }
  }

  /** Stops the cluster: a fast shutdown for real data, an immediate one for throwaway clusters. */
  @Override
  public synchronized void close() {
    if (!running) {
      return;
    }
    running = false;
    try {
      stopServer();
    } finally {
      lock.close();
    }
  }

  private void stopServer() {
    String mode = durability == Durability.THROWAWAY ? "immediate" : "fast";
    try {
      run(asPostgres(List.of(binaries.pgCtl(), "-D", dataDir.toString(), "-m", mode, "-w", "stop")));
      LOG.info("Embedded PostgreSQL stopped");
    } catch (ConfigException e) {
      LOG.error("Embedded PostgreSQL did not stop cleanly: {}", e.getMessage());
    }
  }

  private List<String> asPostgres(List<String> cmd) {
    if (!asRoot) {
      return cmd;
    }
    List<String> wrapped = new ArrayList<>(List.of("runuser", "-u", SUPERUSER, "--"));
    wrapped.addAll(cmd);
    return wrapped;
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new ConfigException("no free TCP port on 127.0.0.1: " + e.getMessage());
    }
  }

  private static void run(List<String> cmd) {
    try {
      // the working directory must be enterable by the postgres user
      Process p = new ProcessBuilder(cmd).directory(Path.of("/").toFile()).redirectErrorStream(true).start();
      String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(180, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new ConfigException(cmd.get(0) + " timed out");
      }
      if (p.exitValue() != 0) {
        throw new ConfigException(String.join(" ", cmd) + " failed (exit " + p.exitValue() + "): " + output.strip());
      }
    } catch (IOException e) {
      throw new ConfigException("cannot run " + cmd.get(0) + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ConfigException("interrupted while running " + cmd.get(0));
    }
  }
}
