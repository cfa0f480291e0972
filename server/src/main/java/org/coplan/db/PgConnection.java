package org.coplan.db;

import java.net.URI;
import java.util.Map;
import org.coplan.config.ConfigException;

/**
 * Where the database is, in the terms libpq clients (GDAL's {@code ogr2ogr}, {@code psql}) use.
 * The password goes through the environment ({@code PGPASSWORD}), never onto a command line.
 */
public record PgConnection(String host, int port, String database, String user, String password) {

  /** Parses {@code jdbc:postgresql://host[:port]/database[?...]}. */
  public static PgConnection fromJdbcUrl(String jdbcUrl, String user, String password) {
    if (!jdbcUrl.startsWith("jdbc:postgresql://")) {
      throw new ConfigException("not a PostgreSQL JDBC URL: " + jdbcUrl);
    }
    URI uri = URI.create(jdbcUrl.substring("jdbc:".length()));
    String path = uri.getPath() == null ? "" : uri.getPath();
    String db = path.startsWith("/") ? path.substring(1) : path;
    return new PgConnection(
        uri.getHost() == null ? "localhost" : uri.getHost(),
        uri.getPort() < 0 ? 5432 : uri.getPort(),
        db.isEmpty() ? user : db,
        user,
        password);
  }

  /** The GDAL data source name, e.g. {@code PG:host=127.0.0.1 port=5432 dbname=coplan user=postgres}. */
  public String gdalSource() {
    return "PG:host=" + host + " port=" + port + " dbname=" + database + " user=" + user;
  }


  /** Environment for a libpq client process. */
  public Map<String, String> environment() {
    return password == null ? Map.of() : Map.of("PGPASSWORD", password);
  }
}
