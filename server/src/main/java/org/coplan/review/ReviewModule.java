package org.coplan.review;

import java.util.List;
import org.coplan.db.Jdbc;
import org.coplan.settlements.SettlementService;

/** The review feature's resources, wired for the composition root. */
public final class ReviewModule {
  private ReviewModule() {}

  public static List<Object> components(Jdbc jdbc, SettlementService settlements) {
    ProposalService proposals = new ProposalService(settlements, jdbc);
    return List.of(
        new RepresentationResource(new RepresentationService(settlements, jdbc), new CellMembershipService(settlements, jdbc)),
        new ReviewResource(proposals, new ReviewService(settlements, proposals, jdbc)));
  }
}
