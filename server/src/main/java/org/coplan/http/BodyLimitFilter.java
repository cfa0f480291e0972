package org.coplan.http;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * The request body limit ({@code max-body-bytes}): a body that declares a larger Content-Length is
 * refused before a byte of it is read; a body without one (chunked) is cut off as soon as reading
 * it passes the limit. Both are answered 413 as problem+json. The limit is checked while the
 * resource reads, so a client cannot make the server buffer more than the limit.
 *
 * <p>A request answered before its body was read to the end (a 404, 415 or 428 found first, or the
 * 413 itself) is answered with {@code Connection: close}. The rest of its body may still be on the
 * way, so the connection cannot carry another request; without the header a client that keeps
 * connections alive would send its next request into a connection the server is closing.
 */
@PreMatching
@Priority(Priorities.ENTITY_CODER)
public final class BodyLimitFilter implements ContainerRequestFilter, ContainerResponseFilter {
  private static final String STREAM = BodyLimitFilter.class.getName() + ".stream";

  /** File uploads (imports, household enumerations) have their own, larger limit. */
  private static final java.util.regex.Pattern UPLOAD =
      java.util.regex.Pattern.compile("^/?api/(settlements/[^/]+/(plans/[^/]+/)?)?(imports|households)/?$");

  private final long maxBytes;
  private final long maxUploadBytes;

  public BodyLimitFilter(long maxBytes) {
    this(maxBytes, maxBytes);
  }

  /** @param maxUploadBytes the limit of file uploads ({@code max-upload-bytes}) */
  public BodyLimitFilter(long maxBytes, long maxUploadBytes) {
    this.maxBytes = maxBytes;
    this.maxUploadBytes = maxUploadBytes;
  }

  @Override
  public void filter(ContainerRequestContext request) {
    String length = request.getHeaderString("Content-Length");
    if (length == null && request.getHeaderString("Transfer-Encoding") == null) {
      return;
    }
    long limit = UPLOAD.matcher(request.getUriInfo().getPath()).matches() ? maxUploadBytes : maxBytes;
    Limited limited = new Limited(request.getEntityStream(), limit);
    request.setProperty(STREAM, limited);
    request.setEntityStream(limited);
    if (length != null) {
      long declared;
      try {
        declared = Long.parseLong(length.trim());
      } catch (NumberFormatException e) {
        // Jetty refuses a malformed Content-Length before the request gets here
        declared = -1;
      }
      if (declared == 0) {
        limited.ended = true;
      } else if (declared > limit) {
        throw tooLarge(limit);
      }
    }
  }

  @Override
  public void filter(ContainerRequestContext request, ContainerResponseContext response) {
    if (request.getProperty(STREAM) instanceof Limited body && !body.ended) {
      response.getHeaders().putSingle("Connection", "close");
    }
  }

  /**
   * The 413, closing the connection: the rest of the body is never read, so the connection cannot
   * carry another request. Without it Jetty aborts the connection, and a client still sending its
   * body may lose the answer to the reset.
   */
  static ApiProblem tooLarge(long limit) {
    return ApiProblem.contentTooLarge(limit).withHeader("Connection", "close");
  }

  /** Counts what is read and fails on the first byte past the limit. */
  private static final class Limited extends FilterInputStream {
    private final long limit;
    private long read;
    /** Whether the body was read to its end. */
    private boolean ended;

    Limited(InputStream in, long limit) {
      super(in);
      this.limit = limit;
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        count(1);
      } else {
        ended = true;
      }
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      // ask for at most one byte past the limit: enough to know it was passed
      int n = super.read(buffer, offset, (int) Math.min(length, Math.max(1, limit - read + 1)));
      if (n > 0) {
        count(n);
      } else if (n < 0) {
        ended = true;
      }
      return n;
    }

    @Override
    public long skip(long n) throws IOException {
      long skipped = super.skip(Math.min(n, limit - read + 1));
      count(skipped);
      return skipped;
    }

    private void count(long n) {
      read += n;
      if (read > limit) {
        throw tooLarge(limit);
      }
    }
  }
}
