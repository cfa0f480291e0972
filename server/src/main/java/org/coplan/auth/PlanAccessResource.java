package org.coplan.auth;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.util.Locale;
import org.coplan.settlements.Plan;
import org.coplan.settlements.Settlement;
import org.coplan.settlements.SettlementService;

/**
 * {@code GET /api/settlements/{sid}/plans/{pid}/access}: what the caller may do with this plan, and
 * the little the app needs to open it (names, extent). A share link cannot read the settlement's
 * detail (that lists every plan), so this is where an app opened from a share link starts. The
 * server enforces every rule regardless; this only lets the app hide what would be refused.
 */
@Path("/api/settlements/{sid}/plans/{pid}/access")
@Produces(MediaType.APPLICATION_JSON)
public final class PlanAccessResource {
  /** How the caller came to read the plan. */
  enum Via {
    ADMIN,
    MEMBER,
    PUBLIC,
    SHARE_LINK
  }

  @JsonInclude(JsonInclude.Include.ALWAYS)
  record PlanAccess(
      String settlement,
      String settlementName,
      double[] bbox,
      String plan,
      String planName,
      String planStatus,
      String via,
      String role,
      boolean canEdit,
      boolean canManage) {}

  private final SettlementService settlements;

  PlanAccessResource(SettlementService settlements) {
    this.settlements = settlements;
  }

  @GET
  public PlanAccess get(@PathParam("sid") String sid, @PathParam("pid") String pid, @Context SecurityContext security) {
    Caller caller = Caller.of(security);
    Plan plan = settlements.requirePlan(sid, pid);
    Settlement settlement = settlements.require(sid);
    Role role = caller.roleIn(sid).orElse(null);
    // A valid link is named even on a public settlement: the app opened from a link tells a live
    // link ("share-link") from a revoked one (which is ignored there, so "public") by this alone.
    Via via =
        caller.adminIn(sid)
            ? Via.ADMIN
            : role != null ? Via.MEMBER : caller.sharesPlan(sid, pid) ? Via.SHARE_LINK : Via.PUBLIC;
    boolean writes = !caller.readOnly();
    boolean admin = caller.adminIn(sid);
    return new PlanAccess(
        sid,
        settlement.name(),
        settlement.bbox(),
        pid,
        plan.name(),
        plan.status(),
        via.name().toLowerCase(Locale.ROOT).replace('_', '-'),
        role == null ? null : role.id(),
        writes && (admin || (role != null && role.includes(Role.ENGINEER))),
        writes && (admin || (role != null && role.includes(Role.PLANNER))));
  }
}
