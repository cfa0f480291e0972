package org.coplan.auth;

import java.util.Optional;

import org.coplan.http.ApiProblem;
import org.coplan.settlements.SettlementService;

/**
 * Decides whether a caller may make a request, from the endpoint's declared rule, whether the
 * method changes anything, and the settlement and plan it addresses. Pure: no I/O, so the whole
 * rule table is unit-tested ({@code AccessPolicyTest}).
 *
 * <p>Statuses, in the order they are decided:
 *
 * <ul>
 *   <li>401 when the request needs more than anonymous or share-link access and no account signed
 *       in (a share link is not a sign-in);
 *   <li>404 when a signed-in caller may not see the settlement at all: the same answer, word for
 *       word, as for a settlement that does not exist, so that outsiders cannot learn which hidden
 *       settlements exist (RFC 9110 15.5.5 allows this); anonymous callers get the 401 whether or not
 *       the settlement exists, for the same reason;
 *   <li>403 when the caller may see the settlement but lacks the role, or the token's scope is too
 *       narrow: hiding is pointless there.
 * </ul>
 */
public final class AccessPolicy {
  /** What an endpoint declares. */
  public enum Kind {
    PUBLIC,
    SIGNED_IN,
    ADMIN,
    /** under /api/settlements/{sid}: read access for reads, {@link Rule#role} (default planner) for changes */
    SETTLEMENT,
    /** no rule at all: refused */
    UNDECLARED
  }

  /** @param role for SETTLEMENT: the role the endpoint requires, or null for the default */
  public record Rule(Kind kind, Role role) {
    public static final Rule PUBLIC = new Rule(Kind.PUBLIC, null);
    public static final Rule SIGNED_IN = new Rule(Kind.SIGNED_IN, null);
    public static final Rule ADMIN = new Rule(Kind.ADMIN, null);
    public static final Rule SETTLEMENT_DEFAULT = new Rule(Kind.SETTLEMENT, null);
    public static final Rule UNDECLARED = new Rule(Kind.UNDECLARED, null);

    public static Rule settlement(Role role) {
      return new Rule(Kind.SETTLEMENT, role);
    }
  }

  /**
   * @param sid the matched settlement id, or null outside a settlement
   * @param pid the matched plan id, or null
   * @param settlementPublic whether the settlement is public; null when it does not exist, or
   *     when it was not looked up because the caller's membership or admin flag already decides
   */
  public record Target(String sid, String pid, Boolean settlementPublic) {
    boolean isPublic() {
      return Boolean.TRUE.equals(settlementPublic);
    }
  }

  /** Null problem = allowed. */
  public record Decision(ApiProblem problem) {
    static final Decision ALLOW = new Decision(null);

    public boolean allowed() {
      return problem == null;
    }
  }

  private AccessPolicy() {}

  public static Decision decide(Caller caller, Rule rule, boolean unsafe, Target target) {
    return switch (rule.kind()) {
      case PUBLIC -> Decision.ALLOW;
      case SIGNED_IN -> signedIn(caller, unsafe);
      case ADMIN -> admin(caller, unsafe);
      case SETTLEMENT -> settlement(caller, rule.role(), unsafe, target);
      case UNDECLARED -> deny(AuthProblems.forbidden("this endpoint declares no access rule, so it is closed"));
    };
  }

  private static Decision signedIn(Caller caller, boolean unsafe) {
    if (!caller.signedIn()) {
      return deny(unauthenticated(caller, "sign in or send an API token to use this endpoint"));
    }
    if (unsafe && caller.narrowed()) {
      return deny(
          AuthProblems.forbidden(
              "a token limited to reading or to one settlement cannot change account settings or create"
                  + " credentials; use a session or an unrestricted read_write token"));
    }
    return Decision.ALLOW;
  }

  private static Decision admin(Caller caller, boolean unsafe) {
    if (!caller.signedIn()) {
      return deny(unauthenticated(caller, "sign in as an admin to use this endpoint"));
    }
    if (!caller.admin()) {
      return deny(AuthProblems.forbidden("only server admins may use this endpoint"));
    }
    if (unsafe && caller.readOnly()) {
      return deny(AuthProblems.forbidden("this token may only read"));
    }
    return Decision.ALLOW;
  }

  private static Decision settlement(Caller caller, Role required, boolean unsafe, Target t) {
    String sid = t.sid();
    boolean mayRead = caller.canSee(sid, t.isPublic()) || caller.sharesPlan(sid, t.pid());
    if (!mayRead) {
      if (!caller.signedIn()) {
        return deny(unauthenticated(caller, "sign in, send an API token or use a share link to see settlement '" + sid + "'"));
      }
      boolean knowsSettlement = caller.share() != null && caller.share().settlementId().equals(sid);
      return deny(
          knowsSettlement && t.pid() != null
              ? SettlementService.noSuchPlan(sid, t.pid())
              : SettlementService.noSuchSettlement(sid));
    }
    if (!unsafe && required == null) {
      return Decision.ALLOW;
    }
    Role needed = required == null ? Role.PLANNER : required;
    if (!caller.signedIn()) {
      return deny(
          unauthenticated(
              caller,
              "sign in as a " + needed.id() + " of settlement '" + sid + "' to do this"
                  + (caller.share() != null ? "; share links only read" : "")));
    }
    if (unsafe && caller.readOnly()) {
      return deny(AuthProblems.forbidden("this token may only read"));
    }
    if (caller.adminIn(sid) || caller.roleIn(sid).map(r -> r.includes(needed)).orElse(false)) {
      return Decision.ALLOW;
    }
    Optional<Role> current = caller.roleIn(sid);
    String has = current.map(r -> "your role there is " + r.id()).orElse("you are not a member");
    return deny(
        AuthProblems.forbiddenRole(
            "this needs the role " + needed.id() + " (or higher) in settlement '" + sid + "'; " + has,
            sid,
            needed,
            current.orElse(null)));
  }

  private static ApiProblem unauthenticated(Caller caller, String detail) {
    return switch (caller.ignored()) {
      case EXPIRED_SESSION -> AuthProblems.unauthenticated("your session has ended; sign in again");
      case INVALID_SHARE_LINK ->
          AuthProblems.unauthenticated("the share link is unknown or has been revoked; " + detail);
      case NOTHING -> AuthProblems.unauthenticated(detail);
    };
  }

  private static Decision deny(ApiProblem problem) {
    return new Decision(problem);
  }
}
