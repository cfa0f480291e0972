package org.coplan.db;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;
import org.coplan.config.ConfigException;

/**
 * Finds the PostgreSQL server binaries ({@code initdb}, {@code pg_ctl}). Debian keeps them outside
 * PATH in {@code /usr/lib/postgresql/<major>/bin}; the newest major version at or above 15 wins.
 */
record PostgresBinaries(Path bin) {
  static final int MIN_MAJOR = 15;

  static PostgresBinaries locate(Path configured) {
    if (configured != null) {
      if (!Files.isExecutable(configured.resolve("initdb"))) {
        throw new ConfigException("no initdb in the configured pg-bin " + configured);
      }
      return new PostgresBinaries(configured);
    }
    return search(Path.of("/usr/lib/postgresql"))
        .orElseThrow(
            () ->
                new ConfigException(
                    "PostgreSQL "
                        + MIN_MAJOR
                        + "+ server binaries not found in /usr/lib/postgresql/*/bin. Install them"
                        + " (Debian/Ubuntu: apt-get install postgresql-15-postgis-3), set"
                        + " COPLAN_PG_BIN, or use an external database with COPLAN_DB_URL."));
  }

  static Optional<PostgresBinaries> search(Path root) {
    if (!Files.isDirectory(root)) {
      return Optional.empty();
    }
    try (Stream<Path> versions = Files.list(root)) {
      return versions
          .filter(p -> p.getFileName().toString().matches("\\d+"))
          .filter(p -> Integer.parseInt(p.getFileName().toString()) >= MIN_MAJOR)
          .filter(p -> Files.isExecutable(p.resolve("bin/initdb")))
          .max(Comparator.comparingInt(p -> Integer.parseInt(p.getFileName().toString())))
          .map(p -> new PostgresBinaries(p.resolve("bin")));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  String initdb() {
    return bin.resolve("initdb").toString();
  }

  String pgCtl() {
    return bin.resolve("pg_ctl").toString();
  }
}
