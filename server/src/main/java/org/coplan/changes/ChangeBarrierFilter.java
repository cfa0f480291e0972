package org.coplan.changes;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import java.time.Duration;
import java.util.Set;

/**
 * Read-your-writes for this instance's caches: a successful change request is answered only once
 * the change feed has handed its committed changes to the listeners ({@link ChangeFeed#sync}), so
 * the tile its author asks for next is not an old cached one. The resource method has returned,
 * so its transaction has committed. Other instances hear the change a moment later.
 */
public final class ChangeBarrierFilter implements ContainerResponseFilter {
  private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");
  /** Long enough for a loaded machine; a missed barrier only delays, never fails, the answer. */
  private static final Duration TIMEOUT = Duration.ofSeconds(2);

  private final ChangeFeed feed;

  public ChangeBarrierFilter(ChangeFeed feed) {
    this.feed = feed;
  }

  @Override
  public void filter(ContainerRequestContext request, ContainerResponseContext response) {
    if (!SAFE_METHODS.contains(request.getMethod()) && response.getStatus() < 400
        && request.getUriInfo().getPath().startsWith("api/settlements")) {
      feed.sync(TIMEOUT);
    }
  }
}
