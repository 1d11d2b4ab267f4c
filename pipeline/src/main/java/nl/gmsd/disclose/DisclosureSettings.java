package nl.gmsd.disclose;

import java.io.Serializable;

/**
 * The disclosure-control settings of SPEC 8, each a [decision] with its CBS default.
 *
 * @param minCount a true count below it (0 up to minCount - 1, zero included) is published as
 *     {@code .} with status {@code geheim} (CBS rule; default 8)
 * @param roundingBase every other count is rounded to a multiple of it (CBS "afgerond op
 *     vijftallen"; default 5)
 * @param roundingMode {@link RoundingMode#NEAREST} (halves up, default) or {@link
 *     RoundingMode#RANDOM} (down or up with a probability proportional to the distance, drawn
 *     from a seed derived from the cell key so a rerun publishes the same values)
 * @param minIntervalWidth the audit's protection: every secret cell must keep a feasible
 *     interval (largest minus smallest value the whole linked table allows) at least this wide
 *     (default 2)
 * @param maxAuditRounds rounds of the cheap heuristic (default 20); cells still unsafe after them
 *     go to the exact stage and the group fallback, which end safe by construction, so no value
 *     makes a run fail (0 skips the heuristic)
 */
public record DisclosureSettings(
    int minCount, int roundingBase, RoundingMode roundingMode, int minIntervalWidth, int maxAuditRounds)
    implements Serializable {

  /** How a count at or above minCount is rounded to a multiple of the rounding base. */
  public enum RoundingMode {
    /** To the nearest multiple, halves up: {@code floor((x + floor(b/2)) / b) * b}. */
    NEAREST,
    /**
     * Unbiased random rounding down or up, with a stable per-cell seed (period, region, cell). A
     * value that would round below minCount is rounded up, so no published count is below it.
     */
    RANDOM
  }

  public DisclosureSettings {
    if (minCount < 1) {
      throw new IllegalArgumentException("minCount must be at least 1: " + minCount);
    }
    if (roundingBase < 1) {
      throw new IllegalArgumentException("roundingBase must be at least 1: " + roundingBase);
    }
    if (roundingMode == null) {
      throw new IllegalArgumentException("roundingMode is required");
    }
    if (minIntervalWidth < 0) {
      throw new IllegalArgumentException("minIntervalWidth must not be negative: " + minIntervalWidth);
    }
    if (maxAuditRounds < 0) {
      throw new IllegalArgumentException("maxAuditRounds must not be negative: " + maxAuditRounds);
    }
  }

  /** The defaults of SPEC 8: 8, 5, nearest, 2, 20. */
  public static DisclosureSettings defaults() {
    return new DisclosureSettings(8, 5, RoundingMode.NEAREST, 2, 20);
  }

  /** A copy with another rounding mode. */
  public DisclosureSettings withRoundingMode(RoundingMode mode) {
    return new DisclosureSettings(minCount, roundingBase, mode, minIntervalWidth, maxAuditRounds);
  }

  /**
   * Smallest true value a published (rounded) value {@code r} can stand for. Nearest rounding:
   * {@code r - floor(b/2)}; random rounding: {@code r - b + 1}; never below minCount, since a
   * smaller true count is never published.
   */
  public long publishedLower(long r) {
    long lo = roundingMode == RoundingMode.NEAREST ? r - roundingBase / 2 : r - roundingBase + 1;
    return Math.max(minCount, lo);
  }

  /**
   * Largest true value a published value {@code r} can stand for: nearest {@code r + ceil(b/2) -
   * 1}, random {@code r + b - 1}.
   */
  public long publishedUpper(long r) {
    return roundingMode == RoundingMode.NEAREST
        ? r + (roundingBase + 1) / 2 - 1
        : r + roundingBase - 1;
  }
}
