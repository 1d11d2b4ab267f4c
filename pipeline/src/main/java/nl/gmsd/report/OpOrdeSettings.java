package nl.gmsd.report;

import java.io.Serializable;

/**
 * The [decision] settings of the op-orde report (SPEC 9): comparison groups and when something
 * is flagged. {@link #DEFAULTS} holds the documented defaults; the page states the rule with these
 * values (section "Hoe de aandachtspunten worden bepaald").
 *
 * <p>One principle behind every figure flag: a difference is flagged only when it is large for
 * the gemeente itself (in clients and relative to what it is compared with: its own previous
 * period, or what the group's median rate gives it) AND outside the spread of its comparison
 * group. Either alone flags what is normal: about one gemeente in five lies outside any P10-P90
 * band per row by definition, tight groups put a gemeente 2% off the median outside the fences,
 * and a change shared by the whole group (a new policy, a new provider) is no error in one
 * delivery.
 *
 * @param minComparisonGroupSize smallest comparison group; neighbouring size classes are merged
 *     until every group holds at least this many gemeenten (default {@value
 *     ComparisonGroups#MIN_GROUP_SIZE})
 * @param minPeersForStatistics fewest other published gemeenten of the group over which a median
 *     and spread are shown and compared with (default 10): peer figures are only ever aggregates
 *     over at least this many gemeenten
 * @param fenceFactor the group's spread ends at the fences {@code P25 - k*IQR} and {@code P75 +
 *     k*IQR} (IQR = P75 - P25); outside them a value is an outlier (default 1.5, Tukey's rule)
 * @param minRelativeDifference a difference is large for the gemeente when it is at least this
 *     share of what it is compared with: its previous count for a jump, the count the group's
 *     median rate gives it for a level (default 0.25 = 25%) ...
 * @param minDifferenceClients ... and at least this many clients (default 20)
 * @param zeroFlagMinExpectedClients a type group with zero clients is flagged when the group's
 *     median rate would give the gemeente at least this many (default 5: a count that low by
 *     chance alone is very unlikely)
 * @param unknownBsnMaxShare the delivery in force is flagged when more than this share of its
 *     records has the unknown BSN 999999999 (W32; default 0.05 = 5%)
 */
public record OpOrdeSettings(
    int minComparisonGroupSize,
    int minPeersForStatistics,
    double fenceFactor,
    double minRelativeDifference,
    long minDifferenceClients,
    double zeroFlagMinExpectedClients,
    double unknownBsnMaxShare) implements Serializable {

  public static final OpOrdeSettings DEFAULTS =
      new OpOrdeSettings(ComparisonGroups.MIN_GROUP_SIZE, 10, 1.5, 0.25, 20, 5.0, 0.05);

  public OpOrdeSettings {
    if (minComparisonGroupSize < 1 || minPeersForStatistics < 1) {
      throw new IllegalArgumentException("group sizes must be positive");
    }
    if (fenceFactor < 0 || minRelativeDifference < 0 || minDifferenceClients < 0 || zeroFlagMinExpectedClients < 0
        || unknownBsnMaxShare < 0) {
      throw new IllegalArgumentException("flag thresholds must not be negative");
    }
  }

  /** The same settings with another minimum number of peers. */
  public OpOrdeSettings withMinPeersForStatistics(int n) {
    return new OpOrdeSettings(minComparisonGroupSize, n, fenceFactor, minRelativeDifference, minDifferenceClients,
        zeroFlagMinExpectedClients, unknownBsnMaxShare);
  }
}
