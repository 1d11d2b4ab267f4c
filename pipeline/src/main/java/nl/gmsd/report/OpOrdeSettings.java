package nl.gmsd.report;

import java.io.Serializable;

/**
 * The [decision] settings of the op-orde report (SPEC 9): comparison groups and when something
 * is flagged. {@link #DEFAULTS} holds the documented defaults.
 *
 * @param minComparisonGroupSize smallest comparison group; neighbouring size classes are merged
 *     until every group holds at least this many gemeenten (default {@value
 *     ComparisonGroups#MIN_GROUP_SIZE})
 * @param minPeersForStatistics fewest published peers over which the median and bands are shown;
 *     with fewer, no comparison is shown, so that no single other gemeente can be read off
 *     (default 5)
 * @param jumpMinRelativeChange a change from the previous period is a jump when its absolute
 *     relative size is at least this (default 0.25 = 25%) ...
 * @param jumpMinAbsoluteChange ... and it is at least this many clients (default 20)
 * @param zeroFlagMinMedianRate a type group with zero clients is flagged when the group's median
 *     rate is at least this many clients per 1 000 inhabitants (default 1.0)
 * @param unknownBsnMaxShare the delivery in force is flagged when more than this share of its
 *     records has the unknown BSN 999999999 (W32; default 0.05 = 5%)
 */
public record OpOrdeSettings(
    int minComparisonGroupSize,
    int minPeersForStatistics,
    double jumpMinRelativeChange,
    long jumpMinAbsoluteChange,
    double zeroFlagMinMedianRate,
    double unknownBsnMaxShare) implements Serializable {

  public static final OpOrdeSettings DEFAULTS =
      new OpOrdeSettings(ComparisonGroups.MIN_GROUP_SIZE, 5, 0.25, 20, 1.0, 0.05);

  public OpOrdeSettings {
    if (minComparisonGroupSize < 1 || minPeersForStatistics < 1) {
      throw new IllegalArgumentException("group sizes must be positive");
    }
  }
}
