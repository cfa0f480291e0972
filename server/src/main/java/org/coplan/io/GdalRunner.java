package org.coplan.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.coplan.http.ApiProblem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs GDAL's {@code ogrinfo} and {@code ogr2ogr} under guard. The program is one of two fixed
 * names; the arguments are built by coplan code only (file names inside the job's private
 * directory are coplan's own, never a client's); no shell is involved. Each run has a time limit
 * (the process tree is killed when it passes) and its output is capped, so a hostile file can cost
 * at most that much time and memory. What GDAL wrote to stderr goes into the problem a failure
 * becomes, so the client learns why their file could not be read.
 *
 * <p>{@link #workspace()} gives a job its private directory (mode 700), which the job deletes when
 * it ends, also when it fails ({@link Workspace#close()}).
 */
public final class GdalRunner {
  private static final Logger LOG = LoggerFactory.getLogger(GdalRunner.class);
  /** The two programs coplan runs. */
  enum Program {
    OGRINFO("ogrinfo"),
    OGR2OGR("ogr2ogr");

    final String command;

    Program(String command) {
      this.command = command;
    }
  }

  /** What a run printed; stdout capped at {@link #maxOutputBytes}. */
  record Result(int exitCode, String stdout, String stderr) {}

  private final Duration timeLimit;
  private final long maxOutputBytes;
  private final Path tempRoot;

  public GdalRunner(Duration timeLimit, long maxOutputBytes, Path tempRoot) {
    this.timeLimit = timeLimit;
    this.maxOutputBytes = maxOutputBytes;
    this.tempRoot = tempRoot;
  }

  /** The defaults: 5 minutes per run, 64 MB of printed output, the system's temporary directory. */
  public static GdalRunner defaults() {
    return new GdalRunner(Duration.ofMinutes(5), 64L << 20, Path.of(System.getProperty("java.io.tmpdir")));
  }

  /** A private directory for one job, removed with everything in it on close. */
  Workspace workspace() {
    try {
      Files.createDirectories(tempRoot);
      Path dir =
          Files.createTempDirectory(
              tempRoot, "coplan-io-", PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      return new Workspace(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a private directory for GDAL", e);
    }
  }

  /**
   * Runs the program with the arguments in {@code dir}; a non-zero exit is returned, not thrown
   * (callers decide what it means). A run past the time limit is killed and answered as a 422.
   */
  Result run(Program program, List<String> arguments, Path dir) {
    List<String> command = new ArrayList<>();
    command.add(program.command);
    command.addAll(arguments);
    ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
    // GDAL reads configuration from the environment: start from nothing a client could influence
    pb.environment().keySet().removeIf(k -> k.startsWith("GDAL_") || k.startsWith("OGR_") || k.startsWith("CPL_"));
    pb.environment().put("CPL_TMPDIR", dir.toString());
    // no network access from inside a file (e.g. /vsicurl/ references in a VRT or a KML link)
    pb.environment().put("GDAL_HTTP_TIMEOUT", "1");
    pb.environment().put("CPL_VSIL_CURL_ALLOWED_EXTENSIONS", ".none");
    // drivers whose files point at other files or servers (a VRT naming /etc/passwd, GML schemas,
    // web services) are never loaded: an upload is read for what it holds, nothing else
    pb.environment().put("GDAL_SKIP", "VRT OGR_VRT GML GMLAS WFS OAPIF OGCAPI PostgreSQL PGDUMP MySQL SQLite ODBC");
    Process p;
    try {
      p = pb.start();
    } catch (IOException e) {
      throw new IllegalStateException(
          program.command + " (GDAL) cannot be started: " + e.getMessage() + "; install gdal-bin", e);
    }
    try {
      p.getOutputStream().close();
    } catch (IOException e) {
      // nothing is ever written to GDAL's input
    }
    CompletableFuture<byte[]> out = CompletableFuture.supplyAsync(() -> readCapped(p.getInputStream(), maxOutputBytes));
    CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> readCapped(p.getErrorStream(), 64 << 10));
    try {
      if (!p.waitFor(timeLimit.toMillis(), TimeUnit.MILLISECONDS)) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        p.waitFor(10, TimeUnit.SECONDS);
        throw new ApiProblem(
            422, "file-unreadable", "File cannot be read",
            "reading the file took longer than " + timeLimit.toSeconds() + " s and was stopped", List.of());
      }
      String stdout = new String(out.join(), StandardCharsets.UTF_8);
      String stderr = new String(err.join(), StandardCharsets.UTF_8).strip();
      if (!stderr.isEmpty()) {
        LOG.debug("{} said: {}", program.command, stderr);
      }
      return new Result(p.exitValue(), stdout, stderr);
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running " + program.command, e);
    }
  }

  /** Reads up to the cap and drains (discards) the rest so the process never blocks on a full pipe. */
  private static byte[] readCapped(InputStream in, long cap) {
    try (in) {
      java.io.ByteArrayOutputStream kept = new java.io.ByteArrayOutputStream();
      byte[] buffer = new byte[8192];
      int n;
      while ((n = in.read(buffer)) >= 0) {
        int room = (int) Math.max(0, Math.min(n, cap - kept.size()));
        kept.write(buffer, 0, room);
      }
      return kept.toByteArray();
    } catch (IOException e) {
      return new byte[0];
    }
  }

  /** A job's private directory. */
  static final class Workspace implements AutoCloseable {
    private final Path dir;

    Workspace(Path dir) {
      this.dir = dir;
    }

    Path dir() {
      return dir;
    }

    /** A file of this job, by a name coplan chose. */
    Path file(String name) {
      return dir.resolve(name);
    }

    @Override
    public void close() {
      try {
        Files.walkFileTree(
            dir,
            new SimpleFileVisitor<>() {
              @Override
              public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.deleteIfExists(file);
                return FileVisitResult.CONTINUE;
              }

              @Override
              public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                Files.deleteIfExists(d);
                return FileVisitResult.CONTINUE;
              }
            });
      } catch (IOException e) {
        LOG.warn("could not remove {}: {}", dir, e.getMessage());
      }
    }
  }
}
