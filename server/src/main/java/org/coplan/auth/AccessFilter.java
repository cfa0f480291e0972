package org.coplan.auth;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MultivaluedMap;
import java.lang.reflect.Method;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.coplan.settlements.SettlementService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Enforces access on every matched request, after {@link Authenticator}: reads the resource
 * method's rule ({@link AccessRules}) and the matched {@code sid}/{@code pid} path parameters, checks
 * the CSRF token of cookie-authenticated changes, and lets {@link AccessPolicy} decide. Endpoints
 * added later under {@code /api/settlements/{sid}/...} are covered without doing anything.
 *
 * <p>On the way out it keeps personal answers out of shared caches: a response to a request that
 * carried credentials, or about a settlement that is not public, gets {@code Cache-Control:
 * private} (replacing {@code public}), and every response varies by the credential headers.
 */
@Priority(Priorities.AUTHORIZATION)
public final class AccessFilter implements ContainerRequestFilter, ContainerResponseFilter {
  static final String CSRF_HEADER = "X-CSRF-Token";
  private static final Logger LOG = LoggerFactory.getLogger(AccessFilter.class);
  private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");
  private static final String PERSONAL = AccessFilter.class.getName() + ".personal";

  private final SettlementService settlements;
  private final Set<Method> reportedUndeclared = ConcurrentHashMap.newKeySet();

  @Context ResourceInfo resource;

  AccessFilter(SettlementService settlements) {
    this.settlements = settlements;
  }

  @Override
  public void filter(ContainerRequestContext request) {
    String method = request.getMethod();
    if ("OPTIONS".equals(method)) {
      // Jersey's own answer: the Allow header, no data
      return;
    }
    boolean unsafe = !SAFE_METHODS.contains(method);
    MultivaluedMap<String, String> path = request.getUriInfo().getPathParameters();
    String sid = path.getFirst("sid");
    String pid = sid == null ? null : path.getFirst("pid");
    AccessPolicy.Rule rule = AccessRules.of(resource.getResourceMethod(), resource.getResourceClass(), sid != null);
    if (rule.kind() == AccessPolicy.Kind.UNDECLARED && reportedUndeclared.add(resource.getResourceMethod())) {
      LOG.error("Endpoint {} declares no access rule (or two); it is closed", resource.getResourceMethod());
    }
    Caller caller = Caller.of(request.getSecurityContext());
    if (unsafe && caller.credential() == Caller.Credential.SESSION && rule.kind() != AccessPolicy.Kind.PUBLIC) {
      checkCsrf(caller, request.getHeaderString(CSRF_HEADER));
    }
    // members and admins see the settlement whatever its flag: spare them (and their tiles) the lookup
    boolean knownInside = sid != null && (caller.adminIn(sid) || caller.roleIn(sid).isPresent());
    AccessPolicy.Target target =
        sid == null || knownInside
            ? new AccessPolicy.Target(sid, pid, null)
            : new AccessPolicy.Target(sid, pid, settlements.isPublic(sid).orElse(null));
    // set before deciding: a refusal (a 404 for a hidden settlement) is personal too
    boolean credentials = caller.signedIn() || caller.share() != null;
    request.setProperty(PERSONAL, credentials || (sid != null && !target.isPublic()));
    AccessPolicy.Decision decision = AccessPolicy.decide(caller, rule, unsafe, target);
    if (!decision.allowed()) {
      throw decision.problem();
    }
  }

  /** Cookie-authenticated changes must echo the session's CSRF token, which other sites cannot read. */
  static void checkCsrf(Caller caller, String presented) {
    if (presented == null || presented.isEmpty()) {
      throw AuthProblems.csrf(
          "changes made with a session cookie need the header " + CSRF_HEADER + " with the csrfToken from sign-in or /api/auth/me");
    }
    if (!Secrets.sameSecret(caller.csrfToken(), presented)) {
      throw AuthProblems.csrf("the " + CSRF_HEADER + " header does not match this session's CSRF token");
    }
  }

  @Override
  public void filter(ContainerRequestContext request, ContainerResponseContext response) {
    MultivaluedMap<String, Object> headers = response.getHeaders();
    // the whole list in one field: Jetty's GzipHandler does not add Accept-Encoding to a Vary
    // that the application has already set
    headers.add("Vary", "Accept-Encoding, Authorization, Cookie, " + Authenticator.SHARE_HEADER);
    if (Boolean.TRUE.equals(request.getProperty(PERSONAL))) {
      Object cacheControl = headers.getFirst("Cache-Control");
      String value = cacheControl == null ? "" : cacheControl.toString();
      if (!value.contains("private") && !value.contains("no-store")) {
        String replaced = value.replace("public", "private");
        headers.putSingle("Cache-Control", replaced.contains("private") ? replaced : (value.isEmpty() ? "private" : "private, " + value));
      }
    }
  }
}
