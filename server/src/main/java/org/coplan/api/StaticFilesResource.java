package org.coplan.api;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.coplan.auth.PublicEndpoint;
import org.coplan.http.ApiProblem;

/**
 * Serves the web app's build (copied into the jar under {@code web/}). Vite names assets by
 * content hash, so {@code assets/} may be cached for a year; {@code index.html} is revalidated by
 * ETag so a new build shows at once. Unknown paths get the same problem+json 404 as the API.
 */
@Path("/")
@PublicEndpoint
public final class StaticFilesResource {
  private record File(byte[] bytes, String type, EntityTag etag) {}

  private static final Map<String, String> TYPES =
      Map.ofEntries(
          Map.entry("html", "text/html; charset=utf-8"),
          Map.entry("js", "text/javascript; charset=utf-8"),
          Map.entry("mjs", "text/javascript; charset=utf-8"),
          Map.entry("css", "text/css; charset=utf-8"),
          Map.entry("json", "application/json"),
          Map.entry("svg", "image/svg+xml"),
          Map.entry("png", "image/png"),
          Map.entry("ico", "image/x-icon"),
          Map.entry("webmanifest", "application/manifest+json"),
          Map.entry("woff2", "font/woff2"),
          Map.entry("txt", "text/plain; charset=utf-8"));

  private final Map<String, File> cache = new ConcurrentHashMap<>();

  @GET
  public Response index(@Context Request request) {
    return serve("index.html", request);
  }

  @GET
  @Path("{path: (?!api/|api$|health$).+}")
  public Response file(@PathParam("path") String path, @Context Request request) {
    return serve(path, request);
  }

  private Response serve(String path, Request request) {
    if (path.contains("..") || path.contains("//") || path.startsWith("/") || path.contains("\\")) {
      throw ApiProblem.notFound("no file " + path);
    }
    File file = cache.computeIfAbsent(path, StaticFilesResource::load);
    if (file.bytes == null) {
      cache.remove(path);
      throw ApiProblem.notFound("no resource at /" + path);
    }
    Response.ResponseBuilder notModified = request.evaluatePreconditions(file.etag);
    String cacheControl =
        path.startsWith("assets/") ? "public, max-age=31536000, immutable" : "no-cache";
    if (notModified != null) {
      return notModified.header("Cache-Control", cacheControl).build();
    }
    return Response.ok(file.bytes, file.type).tag(file.etag).header("Cache-Control", cacheControl).build();
  }

  private static File load(String path) {
    try (InputStream in = StaticFilesResource.class.getClassLoader().getResourceAsStream("web/" + path)) {
      if (in == null) {
        return new File(null, null, null);
      }
      byte[] bytes = in.readAllBytes();
      String ext = path.substring(path.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
      String etag = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes), 0, 16);
      return new File(bytes, TYPES.getOrDefault(ext, "application/octet-stream"), new EntityTag(etag));
    } catch (IOException | NoSuchAlgorithmException e) {
      throw new IllegalStateException("cannot read web/" + path, e);
    }
  }
}
