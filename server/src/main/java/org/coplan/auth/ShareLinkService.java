package org.coplan.auth;

import java.util.List;
import org.coplan.http.ApiProblem;
import org.coplan.settlements.SettlementService;

/** Share links: read-only, revocable access to one plan, made and revoked by planners. */
final class ShareLinkService {
  /** A new link and its token, which exists only in this answer. */
  record Created(ShareLinkRepository.Listed link, String secret) {}

  private final ShareLinkRepository links;
  private final SettlementService settlements;

  ShareLinkService(ShareLinkRepository links, SettlementService settlements) {
    this.links = links;
    this.settlements = settlements;
  }

  Created create(String settlementId, String planId, String label, Caller caller) {
    settlements.requirePlan(settlementId, planId);
    if (label != null && label.codePointCount(0, label.length()) > 200) {
      throw AccountService.invalid("/label", "a label is at most 200 characters");
    }
    String secret = Secrets.SHARE_TOKEN_PREFIX + Secrets.randomToken();
    String cleanLabel = label == null || label.isBlank() ? null : label.strip();
    return new Created(
        links.insert(settlementId, planId, Secrets.sha256(secret), Secrets.shown(secret), cleanLabel, caller.actor()),
        secret);
  }

  List<ShareLinkRepository.Listed> list(String settlementId, String planId) {
    settlements.requirePlan(settlementId, planId);
    return links.list(settlementId, planId);
  }

  void revoke(String settlementId, String planId, long id, Caller caller) {
    settlements.requirePlan(settlementId, planId);
    if (!links.revoke(settlementId, planId, id, caller.actor())) {
      throw ApiProblem.notFound("plan '" + planId + "' has no live share link " + id);
    }
  }
}
