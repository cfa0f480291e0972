package org.coplan.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.coplan.db.PgConnection;
import org.coplan.layers.Attribute;
import org.coplan.layers.Layer;

/**
 * MapServer 8 serving the same tiles from the same database, as a peer to measure coplan against:
 * Debian's {@code mapserv} under FastCGI ({@code spawn-fcgi}, one process per connection the
 * benchmark uses), behind {@code nginx} (Debian {@code nginx-light}) on a free loopback port. One
 * mapfile per settlement reads the same plan views and stored Web Mercator column as coplan's tile
 * SQL, with the same attributes and 4096-unit tiles, so both answer the same features.
 */
final class MapServerPeer implements AutoCloseable {
  static final String MAPSERV = "/usr/lib/cgi-bin/mapserv";

  private final Path dir;
  private final Process nginx;
  private final List<Long> fcgiPids;
  private final int port;
  /** Stops the FastCGI processes if the benchmark is interrupted (they are not children of this JVM). */
  private final Thread stopOnExit = new Thread(this::stopProcesses, "mapserver-stop");

  private MapServerPeer(Path dir, Process nginx, List<Long> fcgiPids, int port) {
    this.dir = dir;
    this.nginx = nginx;
    this.fcgiPids = fcgiPids;
    this.port = port;
  }

  static void require() {
    Tools.require(MAPSERV, "cgi-mapserver mapserver-bin");
    Tools.require("spawn-fcgi", "spawn-fcgi");
    if (!Tools.onPath("nginx") && !new java.io.File("/usr/sbin/nginx").canExecute()) {
      throw new IllegalStateException("nginx is missing: apt-get install nginx-light");
    }
  }

  static MapServerPeer start(Path dir, PgConnection db, List<String> settlementIds, int processes)
      throws IOException, InterruptedException {
    Files.createDirectories(dir.resolve("tmp"));
    for (String sid : settlementIds) {
      Files.writeString(dir.resolve(sid + ".map"), mapfile(db, sid));
    }
    Files.writeString(dir.resolve("mapserver.conf"),
        "CONFIG\n  ENV\n    MS_MAP_PATTERN \"^" + dir + "/[a-z0-9-]+\\.map$\"\n  END\nEND\n");
    Path socket = dir.resolve("mapserv.sock");
    Path pids = dir.resolve("fcgi.pid");
    Files.deleteIfExists(socket);
    Tools.run(List.of("spawn-fcgi", "-s", socket.toString(), "-M", "0666", "-F", Integer.toString(processes),
        "-P", pids.toString(), "--", MAPSERV), java.util.Map.of("MAPSERVER_CONFIG_FILE", dir.resolve("mapserver.conf").toString()), 30);
    List<Long> fcgi = new ArrayList<>();
    for (String line : Files.readAllLines(pids)) {
      if (!line.isBlank()) {
        fcgi.add(Long.parseLong(line.trim()));
      }
    }
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Path conf = dir.resolve("nginx.conf");
    Files.writeString(conf, nginxConf(dir, socket, port));
    String nginxBin = Tools.onPath("nginx") ? "nginx" : "/usr/sbin/nginx";
    Process nginx = new ProcessBuilder(nginxBin, "-c", conf.toString(), "-p", dir.toString())
        .redirectErrorStream(true).redirectOutput(dir.resolve("nginx.out").toFile()).start();
    MapServerPeer peer = new MapServerPeer(dir, nginx, fcgi, port);
    Runtime.getRuntime().addShutdownHook(peer.stopOnExit);
    for (int i = 0; i < 50 && !listening(port); i++) {
      Thread.sleep(100);
    }
    return peer;
  }

  private static boolean listening(int port) {
    try (java.net.Socket s = new java.net.Socket("127.0.0.1", port)) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  String baseUrl() {
    return "http://127.0.0.1:" + port;
  }

  /** The URL path of a tile (XYZ, MapServer's "gmap" tile mode). */
  String path(String settlementId, TileSets.Tile t) {
    return "/?map=" + dir.resolve(settlementId + ".map") + "&mode=tile&tilemode=gmap&tile=" + t.x() + "+" + t.y() + "+" + t.z()
        + "&layers=all";
  }

  static String mapfile(PgConnection db, String sid) {
    String connection = "host=" + db.host() + " port=" + db.port() + " dbname=" + db.database() + " user=" + db.user();
    StringBuilder m = new StringBuilder();
    m.append("""
        MAP
          NAME "coplan"
          EXTENT -20037508.342789244 -20037508.342789244 20037508.342789244 20037508.342789244
          SIZE 256 256
          UNITS METERS
          IMAGETYPE "mvt"
          OUTPUTFORMAT
            NAME "mvt"
            DRIVER MVT
            FORMATOPTION "EXTENT=4096"
            FORMATOPTION "EDGE_BUFFER=4"
          END
          PROJECTION "init=epsg:3857" END
        """);
    for (Layer layer : Layer.values()) {
      StringBuilder columns = new StringBuilder("fid, id::text AS id");
      for (Attribute a : layer.tileAttributes()) {
        columns.append(", \\\"").append(a.name()).append("\\\"");
      }
      String select = "SELECT " + columns + ", geom_3857 FROM " + layer.planViewFunction() + "('" + sid + "', 'baseline')";
      // a MapServer layer writes every shape as its one TYPE, so mixed layers are split by geometry
      switch (layer) {
        case STRUCTURES -> {
          m.append(layerText(layer.id(), "POLYGON", connection, select).replace(SCALE, "MAXSCALEDENOM " + Z14_15));
          m.append(layerText("structure_density", "POLYGON", connection, densitySql(sid)).replace(SCALE, "MINSCALEDENOM " + Z14_15));
        }
        case FOOTPATHS -> m.append(layerText(layer.id(), "LINE", connection, select));
        case SERVICES -> {
          m.append(layerText(layer.id(), "POINT", connection, select + " WHERE GeometryType(geom_3857) = 'POINT'"));
          m.append(layerText(layer.id() + "-lines", "LINE", connection, select + " WHERE GeometryType(geom_3857) <> 'POINT'"));
        }
        case CONSTRAINTS -> {
          m.append(layerText(layer.id(), "POLYGON", connection, select + " WHERE GeometryType(geom_3857) IN ('POLYGON', 'MULTIPOLYGON')"));
          m.append(layerText(layer.id() + "-lines", "LINE", connection, select + " WHERE GeometryType(geom_3857) IN ('LINESTRING', 'MULTILINESTRING')"));
        }
      }
    }
    // conflicts: points, lines and polygons
    String conflicts = "SELECT fid, type, severity, check_no AS \\\"check\\\", sentence, geom_3857 FROM plan_conflicts('" + sid + "', 'baseline')";
    String z15 = "MAXSCALEDENOM " + Z14_15;
    m.append(layerText("conflicts", "POINT", connection, conflicts + " WHERE GeometryType(geom_3857) IN ('POINT', 'MULTIPOINT')").replace(SCALE, z15));
    m.append(layerText("conflicts-lines", "LINE", connection, conflicts + " WHERE GeometryType(geom_3857) IN ('LINESTRING', 'MULTILINESTRING')").replace(SCALE, z15));
    m.append(layerText("conflicts-polygons", "POLYGON", connection, conflicts + " WHERE GeometryType(geom_3857) IN ('POLYGON', 'MULTIPOLYGON')").replace(SCALE, z15));
    return m.append("END\n").toString();
  }
  /**
   * The scale between z14 and z15 tiles as MapServer computes it for 256-pixel tiles (z14 about
   * 1:27,000, z15 about 1:13,500): coplan's tiles carry structures and conflicts from z15 and the
   * structure density below.
   */
  private static final int Z14_15 = 20_000;

  private static final String SCALE = "#SCALE";

  /**
   * coplan's z14 density layer for the baseline: the stored cells (z20 tiles) summed 2 × 2 into a
   * 32 × 32 grid per z14 tile, with their count and structures per hectare, as TileRepository's
   * density SQL computes them at z14.
   */
  private static String densitySql(String sid) {
    String r = "20037508.342789244";
    return "SELECT row_number() OVER () AS fid, g.n::integer AS structures, coplan_density_per_ha(g.n / (power(k.s * cos(2 * atan(exp(("
        + r + " - (g.gy + 0.5) * k.s) / 6378137)) - pi() / 2), 2) / 10000)) AS per_ha, ST_MakeEnvelope(-" + r
        + " + g.gx * k.s, " + r + " - (g.gy + 1) * k.s, -" + r + " + (g.gx + 1) * k.s, " + r
        + " - g.gy * k.s, 3857) AS geom_3857 FROM (SELECT d.cx >> 1 AS gx, d.cy >> 1 AS gy, sum(d.structures) AS n"
        + " FROM structure_density d WHERE d.settlement_id = '" + sid + "' GROUP BY 1, 2 HAVING sum(d.structures) > 0) AS g,"
        + " (SELECT 2 * " + r + " / (1::bigint << 19) AS s) AS k";
  }

  private static String layerText(String name, String type, String connection, String select) {
    return """
          LAYER
            NAME "%s"
            TYPE %s
            STATUS ON
            #SCALE
            CONNECTIONTYPE POSTGIS
            CONNECTION "%s"
            DATA "geom_3857 FROM (%s) AS q USING UNIQUE fid USING SRID=3857"
            PROCESSING "CLOSE_CONNECTION=DEFER"
            PROJECTION "init=epsg:3857" END
            METADATA
              "gml_include_items" "all"
              "gml_types" "auto"
            END
            CLASS
              STYLE END
            END
          END
        """.formatted(name, type, connection, select);
  }

  private static String nginxConf(Path dir, Path socket, int port) {
    return """
        daemon off;
        user root;
        worker_processes 2;
        pid %1$s/nginx.pid;
        error_log %1$s/nginx-error.log;
        events { worker_connections 1024; }
        http {
          access_log off;
          client_body_temp_path %1$s/tmp;
          fastcgi_temp_path %1$s/tmp;
          proxy_temp_path %1$s/tmp;
          uwsgi_temp_path %1$s/tmp;
          scgi_temp_path %1$s/tmp;
          server {
            listen 127.0.0.1:%2$d;
            location / {
              fastcgi_param QUERY_STRING $query_string;
              fastcgi_param REQUEST_METHOD $request_method;
              fastcgi_param CONTENT_TYPE $content_type;
              fastcgi_param CONTENT_LENGTH $content_length;
              fastcgi_param SCRIPT_NAME $fastcgi_script_name;
              fastcgi_param REQUEST_URI $request_uri;
              fastcgi_param SERVER_NAME $server_name;
              fastcgi_param SERVER_PORT $server_port;
              fastcgi_param SERVER_PROTOCOL $server_protocol;
              fastcgi_param REMOTE_ADDR $remote_addr;
              fastcgi_param HTTP_HOST $host;
              fastcgi_pass unix:%3$s;
            }
          }
        }
        """.formatted(dir, port, socket);
  }

  @Override
  public void close() {
    Runtime.getRuntime().removeShutdownHook(stopOnExit);
    stopProcesses();
  }

  private void stopProcesses() {
    nginx.destroy();
    try {
      if (!nginx.waitFor(5, TimeUnit.SECONDS)) {
        nginx.destroyForcibly();
      }
    } catch (InterruptedException e) {
      nginx.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    // mapserv waits in FastCGI accept and outlives SIGTERM there; these are our own children's pids
    for (long pid : fcgiPids) {
      ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
    }
  }
}
