package org.coplan.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Outside programs the benchmarks drive: where they are missing, which Debian package has them. */
final class Tools {
  private Tools() {}

  /** Fails with the package to install when {@code program} is not on the PATH. */
  static void require(String program, String debianPackage) {
    if (!onPath(program)) {
      throw new IllegalStateException(program + " is missing: apt-get install " + debianPackage);
    }
  }

  static boolean onPath(String program) {
    for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
      if (new java.io.File(dir, program).canExecute()) {
        return true;
      }
    }
    return new java.io.File(program).canExecute();
  }

  /** Runs a program to its end and returns what it printed (stdout and stderr); fails on a non-zero exit. */
  static String run(List<String> command, Map<String, String> env, int timeoutSeconds) throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    pb.environment().putAll(env);
    Process p = pb.start();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Thread reader = new Thread(() -> copy(p.getInputStream(), out));
    reader.start();
    if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IOException(command.get(0) + " did not finish in " + timeoutSeconds + " s");
    }
    reader.join();
    String text = out.toString(java.nio.charset.StandardCharsets.UTF_8);
    if (p.exitValue() != 0) {
      throw new IOException(command.get(0) + " failed (" + p.exitValue() + "): " + text);
    }
    return text;
  }

  private static void copy(InputStream in, ByteArrayOutputStream out) {
    try (in) {
      in.transferTo(out);
    } catch (IOException e) {
      // the process ended
    }
  }
}
