package org.coplan.demo;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.coplan.config.ConfigException;
import org.coplan.db.Jdbc;
import org.coplan.db.PgConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads the Tandale demo settlement (OpenStreetMap via Ramani Huria, ODbL; see data/README.md)
 * once: GDAL's {@code ogr2ogr} reads the shapefiles into a staging schema, then {@code
 * demo/tandale.sql} turns them into coplan layers in one transaction. A half-finished earlier load
 * leaves at most a staging schema, which the next attempt drops, so loading is idempotent.
 */
public final class DemoLoader {
  private static final Logger LOG = LoggerFactory.getLogger(DemoLoader.class);
  public static final String SETTLEMENT_ID = "tandale";
  private static final String STAGING = "demo_staging";

  private final Jdbc jdbc;
  private final PgConnection connection;
  private final Path dataDir;

  public DemoLoader(Jdbc jdbc, PgConnection connection, Path dataDir) {
    this.jdbc = jdbc;
    this.connection = connection;
    this.dataDir = dataDir;
  }

  /** Loads the demo unless it is there already; returns whether it loaded it now. */
  public boolean loadIfMissing() {
    if (exists()) {
      return false;
    }
    Path tandale = dataDir.resolve("tandale");
    if (!Files.isRegularFile(tandale.resolve("tandale-buildings.shp"))) {
      LOG.warn("Demo data not found in {}; starting without the demo (set COPLAN_DATA_DIR)", tandale);
      return false;
    }
    long start = System.nanoTime();
    jdbc.inTransaction(c -> execute(c, "DROP SCHEMA IF EXISTS " + STAGING + " CASCADE; CREATE SCHEMA " + STAGING));
    stage(tandale.resolve("tandale-buildings.shp"), "buildings", "MULTIPOLYGON");
    stage(tandale.resolve("tandale-roads.shp"), "roads", "MULTILINESTRING");
    stage(tandale.resolve("tandale-waterways.shp"), "waterways", "MULTILINESTRING");
    String sql = resource("demo/tandale.sql");
    jdbc.inTransaction(
        c -> {
          execute(c, sql);
          execute(c, "DROP SCHEMA " + STAGING + " CASCADE");
          return null;
        });
    LOG.info(
        "Loaded the Tandale demo: {} structures, {} footpaths, {} constraints in {} ms",
        count("structures"), count("footpaths"), count("constraints"),
        (System.nanoTime() - start) / 1_000_000);
    return true;
  }

  private boolean exists() {
    return jdbc.read(
        c -> {
          try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM settlement WHERE id = ?")) {
            ps.setString(1, SETTLEMENT_ID);
            try (ResultSet rs = ps.executeQuery()) {
              return rs.next();
            }
          }
        });
  }

  private long count(String table) {
    return jdbc.read(
        c -> {
          // table names here come from the fixed list above, never from input
          try (PreparedStatement ps =
              c.prepareStatement("SELECT count(*) FROM " + table + " WHERE settlement_id = ?")) {
            ps.setString(1, SETTLEMENT_ID);
            try (ResultSet rs = ps.executeQuery()) {
              rs.next();
              return rs.getLong(1);
            }
          }
        });
  }

  private void stage(Path shapefile, String table, String geometryType) {
    List<String> cmd =
        new ArrayList<>(
            List.of(
                "ogr2ogr", "-f", "PostgreSQL", connection.gdalSource(), shapefile.toString(),
                "-nln", STAGING + "." + table, "-lco", "GEOMETRY_NAME=geom", "-lco", "FID=ogc_fid",
                "-lco", "SPATIAL_INDEX=NONE", "-nlt", geometryType, "-t_srs", "EPSG:4326",
                "-overwrite"));
    try {
      ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
      pb.environment().putAll(connection.environment());
      Process p = pb.start();
      String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(120, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new ConfigException("ogr2ogr timed out loading " + shapefile.getFileName());
      }
      if (p.exitValue() != 0) {
        throw new ConfigException("ogr2ogr failed loading " + shapefile.getFileName() + ": " + output.strip());
      }
    } catch (IOException e) {
      throw new ConfigException(
          "cannot run ogr2ogr (GDAL) to load the demo: " + e.getMessage()
              + ". Install GDAL (Debian/Ubuntu: apt-get install gdal-bin) or start with --demo false.");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ConfigException("interrupted while loading the demo");
    }
  }

  private static Void execute(Connection c, String sql) throws SQLException {
    try (Statement st = c.createStatement()) {
      st.execute(sql);
    }
    return null;
  }

  private static String resource(String name) {
    try (InputStream in = DemoLoader.class.getClassLoader().getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException(name + " missing from the classpath");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
