package org.coplan.analysis;

import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.coplan.analysis.engine.Access;
import org.coplan.analysis.engine.Analysis;
import org.coplan.analysis.engine.Conflict;
import org.coplan.analysis.engine.ConflictType;
import org.coplan.analysis.engine.RuleSet;
import org.coplan.analysis.engine.Structure;

/**
 * What informs a settlement's category, from the analysis of its existing conditions (the
 * baseline): how many structures stand in no-build areas, how many are outside each agreed service
 * norm, and how dense it is. Shares are of all structures (0–1). While the baseline is being
 * analysed for the first time only {@code state} is given ({@code analysing}).
 *
 * @param areaHa the settlement boundary's area in hectares (in its metric CRS)
 */
public record SettlementIndicators(
    String state,
    Instant analysedAt,
    Integer structures,
    Integer households,
    Integer people,
    Double areaHa,
    Double structuresPerHa,
    Double householdsPerHa,
    Double shareInNoBuild,
    Double shareOutsideWater,
    Double shareOutsideToilet,
    Double shareOutsideFire,
    Double shareNotConnected,
    Double shareWithoutFrontage) {

  static SettlementIndicators analysing() {
    return new SettlementIndicators("analysing", null, null, null, null, null, null, null, null, null, null, null, null, null);
  }

  static SettlementIndicators of(Analysis a, double areaM2, Instant analysedAt) {
    RuleSet r = a.rules();
    Set<UUID> noBuild = new HashSet<>();
    Set<UUID> noFrontage = new HashSet<>();
    for (Conflict c : a.conflicts()) {
      if (c.type() == ConflictType.CONSTRAINT_NO_BUILD && a.model().structure(c.primary()) != null) {
        noBuild.add(c.primary());
      } else if (c.type() == ConflictType.NO_FRONTAGE) {
        noFrontage.add(c.primary());
      }
    }
    int n = 0;
    int households = 0;
    int people = 0;
    int[] outside = new int[4];
    for (Structure s : a.model().structures()) {
      n++;
      households += s.households();
      people += s.people();
      Access x = a.access().get(s.id());
      if (x == null) {
        continue;
      }
      outside[0] += x.waterWithin(r) ? 0 : 1;
      outside[1] += x.toiletWithin(r) ? 0 : 1;
      outside[2] += x.fireWithin(r) ? 0 : 1;
      outside[3] += x.connected() ? 0 : 1;
    }
    double ha = areaM2 / 10_000;
    return new SettlementIndicators("analysed", analysedAt, n, households, people, round(ha, 100),
        ha > 0 ? round(n / ha, 10) : null, ha > 0 ? round(households / ha, 10) : null,
        share(noBuild.size(), n), share(outside[0], n), share(outside[1], n), share(outside[2], n), share(outside[3], n),
        share(noFrontage.size(), n));
  }

  private static Double share(int count, int of) {
    return of == 0 ? null : round((double) count / of, 10_000);
  }

  private static double round(double v, double scale) {
    return Math.round(v * scale) / scale;
  }
}
