package org.coplan.config;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The whole configuration, built once at start-up from {@link Arguments} and immutable after.
 *
 * @param http the HTTP listener and request limits
 * @param database where the data lives: the embedded cluster or an external PostgreSQL
 * @param demo whether and from where to load the demo settlement
 * @param map what the map page shows beyond coplan's own layers
 * @param security accounts, sessions, browser security headers and CORS
 * @param tiles the vector tile cache
 */
public record CoplanConfig(Http http, Database database, Demo demo, MapPage map, Security security, Tiles tiles) {

  /**
   * @param port TCP port; 0 picks a free one (tests)
   * @param host interface to bind
   * @param maxBodyBytes largest request body accepted
   * @param eventStreamSeconds an event stream is closed after this long (the browser reconnects,
   *     passing the access checks again)
   * @param maxUploadBytes largest file upload accepted (imports, household enumerations)
   */
  public record Http(int port, String host, long maxBodyBytes, int eventStreamSeconds, long maxUploadBytes) {}

  /**
   * @param url JDBC URL of an external database, or null for the embedded cluster
   * @param home data directory of the embedded cluster and other local state
   * @param pgBin directory of the PostgreSQL server binaries, or null to search for them
   * @param poolSize largest number of pooled connections
   * @param replicaUrl JDBC URL of a streaming (hot standby) replica of the database that serves
   *     tiles, or null for none
   * @param replicaUser user for {@code replicaUrl}
   * @param replicaPassword password for {@code replicaUrl}
   */
  public record Database(
      String url,
      String user,
      String password,
      Path home,
      Path pgBin,
      int poolSize,
      String replicaUrl,
      String replicaUser,
      String replicaPassword) {
    public boolean embedded() {
      return url == null || url.isBlank();
    }

    public boolean hasReplica() {
      return replicaUrl != null && !replicaUrl.isBlank();
    }
  }

  /**
   * @param cacheBytes bytes of tiles kept in memory (0 turns the cache off)
   * @param cacheDir directory of the on-disk tier, or null for none
   * @param cacheDiskBytes bytes of tiles kept in {@code cacheDir}
   */
  public record Tiles(long cacheBytes, Path cacheDir, long cacheDiskBytes) {
    public Tiles {
      if (cacheBytes < 0 || cacheDiskBytes < 0) {
        throw new ConfigException("tile-cache-bytes and tile-cache-disk-bytes must not be negative");
      }
    }
  }

  /**
   * @param load load the Tandale demo on start when it is not there yet
   * @param dataDir the {@code data/} folder of the repository (holds {@code tandale/})
   */
  public record Demo(boolean load, Path dataDir) {}

  /**
   * @param basemapUrl optional raster XYZ template drawn beneath the layers; null keeps the map
   *     offline
   */
  public record MapPage(String basemapUrl, String basemapAttribution) {}

  /**
   * @param adminPassword password of the {@code admin} account created on first run; null = random,
   *     printed once
   * @param demoPassword password of the demo accounts created with the demo; null = random each
   * @param sessionIdleHours a browser session ends after this long without a request
   * @param sessionMaxDays a browser session ends this long after sign-in, however busy
   * @param frameAncestors CSP {@code frame-ancestors} sources: who may embed coplan in a frame
   * @param corsOrigins origins allowed to call the API from scripts (bearer tokens and share links
   *     only, never cookies); empty = CORS off
   * @param trustedProxies reverse proxies whose Forwarded / X-Forwarded-* headers are believed
   */
  public record Security(
      String adminPassword,
      String demoPassword,
      int sessionIdleHours,
      int sessionMaxDays,
      String frameAncestors,
      List<String> corsOrigins,
      List<InetAddress> trustedProxies) {
    public Security {
      if (sessionIdleHours < 1 || sessionMaxDays < 1) {
        throw new ConfigException("session-idle-hours and session-max-days must be at least 1");
      }
      corsOrigins = List.copyOf(corsOrigins);
      trustedProxies = List.copyOf(trustedProxies);
    }
  }

  public static CoplanConfig from(Arguments args) {
    Http http =
        new Http(
            args.getInt("port", "HTTP port (0 = any free port)", 8080),
            args.getString("host", "interface to listen on", "0.0.0.0"),
            args.getLong("max-body-bytes", "largest accepted request body in bytes", 5L << 20),
            args.getInt("event-stream-seconds", "longest life of a plan's event stream before the browser reconnects", 300),
            args.getLong("max-upload-bytes", "largest accepted file upload (imports) in bytes", 200L << 20));
    Database db =
        new Database(
            args.getString("db-url", "JDBC URL of an external PostgreSQL+PostGIS; empty = embedded", null),
            args.getString("db-user", "database user for db-url", "postgres"),
            args.getString("db-password", "database password for db-url", null),
            args.getPath("home", "data directory (embedded database, caches)", defaultHome()),
            args.getPath("pg-bin", "PostgreSQL server binaries; empty = search /usr/lib/postgresql", null),
            args.getInt("db-pool-size", "largest number of pooled database connections (two stay with the change feeds)", 10),
            args.getString("db-replica-url", "JDBC URL of a streaming replica that serves tiles; empty = none", null),
            args.getString("db-replica-user", "database user for db-replica-url; empty = db-user", null),
            args.getString("db-replica-password", "database password for db-replica-url; empty = db-password", null));
    if (db.hasReplica() && db.replicaUser() == null) {
      // the same credentials as the primary unless told otherwise: a streaming replica has its roles
      db = new Database(db.url(), db.user(), db.password(), db.home(), db.pgBin(), db.poolSize(),
          db.replicaUrl(), db.user(), db.replicaPassword() == null ? db.password() : db.replicaPassword());
    }
    Demo demo =
        new Demo(
            args.getBoolean("demo", "load the Tandale demo settlement when missing", true),
            args.getPath("data-dir", "folder holding the demo data (tandale/)", defaultDataDir()));
    MapPage map =
        new MapPage(
            args.getString("basemap-url", "optional raster basemap XYZ URL template", null),
            args.getString("basemap-attribution", "attribution of the basemap", null));
    Security security =
        new Security(
            args.getString("admin-password", "password of the first-run admin account; empty = random, printed once", null),
            args.getString("demo-password", "password of the demo accounts; empty = random, printed once", null),
            args.getInt("session-idle-hours", "a browser session ends after this many idle hours", 12),
            args.getInt("session-max-days", "a browser session ends this many days after sign-in", 7),
            SecuritySettings.frameAncestors(
                args.getString("frame-ancestors", "CSP frame-ancestors: who may embed coplan", "'self'")),
            SecuritySettings.corsOrigins(
                args.getString("cors-origins", "comma-separated origins allowed by CORS; empty = CORS off", "")),
            SecuritySettings.trustedProxies(
                args.getString(
                    "trusted-proxies",
                    "comma-separated IP addresses of reverse proxies whose X-Forwarded-* headers are honoured",
                    "127.0.0.1, ::1")));
    Tiles tiles =
        new Tiles(
            args.getLong("tile-cache-bytes", "bytes of vector tiles cached in memory; 0 = no cache", 256L << 20),
            args.getPath("tile-cache-dir", "directory of the on-disk tile cache tier; empty = none", null),
            args.getLong("tile-cache-disk-bytes", "bytes of vector tiles kept in tile-cache-dir", 2L << 30));
    return new CoplanConfig(http, db, demo, map, security, tiles);
  }

  /**
   * As root the embedded cluster runs as the {@code postgres} OS user, which cannot enter
   * {@code /root}; so root keeps its data under {@code /var/lib/coplan}. Other users keep it under
   * their XDG data home.
   */
  static Path defaultHome() {
    if ("root".equals(System.getProperty("user.name"))) {
      return Path.of("/var/lib/coplan");
    }
    String xdg = System.getenv("XDG_DATA_HOME");
    Path base =
        xdg != null && !xdg.isBlank()
            ? Path.of(xdg)
            : Path.of(System.getProperty("user.home"), ".local", "share");
    return base.resolve("coplan");
  }

  /** The repository's {@code data/} folder: beside the working directory or above the jar. */
  static Path defaultDataDir() {
    Path cwd = Path.of("").toAbsolutePath();
    for (Path candidate : new Path[] {cwd.resolve("data"), cwd.resolve("../data"), jarDir().resolve("../../data")}) {
      if (Files.isDirectory(candidate.resolve("tandale"))) {
        return candidate.normalize();
      }
    }
    return cwd.resolve("data");
  }

  private static Path jarDir() {
    try {
      Path location =
          Path.of(CoplanConfig.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      return Files.isDirectory(location) ? location : location.getParent();
    } catch (Exception e) {
      return Path.of("");
    }
  }
}
