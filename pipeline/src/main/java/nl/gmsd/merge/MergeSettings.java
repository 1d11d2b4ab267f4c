package nl.gmsd.merge;

import java.io.Serializable;
import java.util.List;

/**
 * The [decision]s of merging records into arrangements (SPEC 5, 11).
 *
 * @param maxGapDays stage 2 joins a record to the current arrangement when {@code start <= end +
 *     maxGapDays} (this also covers equal dates, containment and overlap). Default 3.
 * @param decidingOrder stage 1: the record whose leveringsvorm and reden beeindiging a merged
 *     arrangement keeps is the greatest under these rules, applied in order. Default: latest
 *     start, then latest end (open = latest), then later half year, then higher line number.
 *     Stage 2 keeps the reden beeindiging of the member with the latest end (open = latest), ties
 *     broken by the same rules (a stage-1 member's half year and line are those of its deciding
 *     record).
 */
public record MergeSettings(int maxGapDays, List<DecidingRecordRule> decidingOrder)
    implements Serializable {

  public static final int DEFAULT_MAX_GAP_DAYS = 3;

  public static final List<DecidingRecordRule> DEFAULT_DECIDING_ORDER =
      List.of(
          DecidingRecordRule.LATEST_START,
          DecidingRecordRule.LATEST_END,
          DecidingRecordRule.LATEST_HALF_YEAR,
          DecidingRecordRule.HIGHEST_LINE);

  public MergeSettings {
    if (maxGapDays < 0) {
      throw new IllegalArgumentException("maxGapDays must not be negative: " + maxGapDays);
    }
    if (decidingOrder == null || decidingOrder.isEmpty()) {
      throw new IllegalArgumentException("decidingOrder must name at least one rule");
    }
    decidingOrder = List.copyOf(decidingOrder);
  }

  public static MergeSettings defaults() {
    return new MergeSettings(DEFAULT_MAX_GAP_DAYS, DEFAULT_DECIDING_ORDER);
  }

  public MergeSettings withMaxGapDays(int days) {
    return new MergeSettings(days, decidingOrder);
  }

  public MergeSettings withDecidingOrder(List<DecidingRecordRule> order) {
    return new MergeSettings(maxGapDays, order);
  }
}
