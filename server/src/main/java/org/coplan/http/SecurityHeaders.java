package org.coplan.http;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Security headers on every response, including the ones Jetty writes itself (errors before Jersey
 * sees the request), which is why this is a Jetty handler and not a Jersey filter.
 *
 * <ul>
 *   <li>{@code Content-Security-Policy}: only our own scripts, no inline script or style; images
 *       from us, {@code data:} and {@code blob:} (MapLibre's icons and sprites) and the configured
 *       basemap; MapLibre's workers from us or {@code blob:}. MapLibre 6 sets styles only through
 *       the CSSOM ({@code element.style.x = ...}), which CSP does not restrict, so {@code style-src}
 *       needs no {@code 'unsafe-inline'}. {@code frame-ancestors} is configurable for embedding.
 *   <li>{@code X-Content-Type-Options: nosniff}: a JSON string holding HTML stays JSON.
 *   <li>{@code Referrer-Policy: strict-origin-when-cross-origin}: share tokens in our URLs never
 *       reach a basemap server in a Referer.
 * </ul>
 */
public final class SecurityHeaders extends Handler.Wrapper {
  private static final Logger LOG = LoggerFactory.getLogger(SecurityHeaders.class);
  private static final Pattern ORIGIN = Pattern.compile("^(https?)://([^/?#]+)", Pattern.CASE_INSENSITIVE);

  private final String contentSecurityPolicy;

  public SecurityHeaders(String basemapUrl, String frameAncestors, Handler next) {
    super(next);
    this.contentSecurityPolicy = contentSecurityPolicy(basemapSource(basemapUrl), frameAncestors);
  }

  static String contentSecurityPolicy(String basemapSource, String frameAncestors) {
    String extra = basemapSource == null ? "" : " " + basemapSource;
    return "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:" + extra
        + "; connect-src 'self'" + extra
        + "; font-src 'self'; worker-src 'self' blob:; child-src 'self' blob:; object-src 'none'; base-uri 'self';"
        + " form-action 'self'; frame-ancestors " + frameAncestors;
  }

  /**
   * The CSP source that admits a basemap URL template: its origin, with a leading {@code {s}}
   * subdomain label as a wildcard; null when there is no basemap or it is on our own origin.
   */
  static String basemapSource(String template) {
    if (template == null || template.isBlank()) {
      return null;
    }
    Matcher m = ORIGIN.matcher(template.trim());
    if (!m.find()) {
      return null;
    }
    String scheme = m.group(1).toLowerCase();
    String host = m.group(2).toLowerCase();
    int firstDot = host.indexOf('.');
    if (host.startsWith("{") && firstDot > 0 && host.indexOf('{', firstDot) < 0) {
      return scheme + "://*" + host.substring(firstDot);
    }
    if (host.contains("{") || host.contains(";") || host.contains(" ") || host.contains("'")) {
      LOG.warn("Cannot express the basemap host {} in a Content-Security-Policy; allowing any {} origin", host, scheme);
      return scheme + ":";
    }
    return scheme + "://" + host;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    addTo(response);
    return super.handle(request, response, callback);
  }

  /**
   * Jetty's error handler, with the same headers: it answers requests that fail before any handler
   * runs (a malformed request line, say).
   */
  public ErrorHandler errorHandler() {
    return new ErrorHandler() {
      @Override
      public boolean handle(Request request, Response response, Callback callback) throws Exception {
        addTo(response);
        return super.handle(request, response, callback);
      }
    };
  }

  private void addTo(Response response) {
    HttpFields.Mutable headers = response.getHeaders();
    headers.put("Content-Security-Policy", contentSecurityPolicy);
    headers.put("X-Content-Type-Options", "nosniff");
    headers.put("Referrer-Policy", "strict-origin-when-cross-origin");
  }
}
