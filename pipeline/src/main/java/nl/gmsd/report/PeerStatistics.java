package nl.gmsd.report;

import java.util.Arrays;
import java.util.Collection;

/**
 * Spread of one rate over the peers of a comparison group: median, P25-P75 and P10-P90.
 * Percentiles are interpolated linearly between the sorted values (Hyndman-Fan type 7, the
 * default of R and of spreadsheet PERCENTILE), so a band is never one named gemeente's figure
 * unless it happens to fall on a rank.
 */
public record PeerStatistics(int peers, double p10, double p25, double median, double p75, double p90) {

  /** Statistics of the given values; there must be at least one. */
  public static PeerStatistics of(Collection<Double> values) {
    if (values.isEmpty()) {
      throw new IllegalArgumentException("no peer values");
    }
    double[] v = values.stream().mapToDouble(Double::doubleValue).toArray();
    Arrays.sort(v);
    return new PeerStatistics(v.length, quantile(v, 0.10), quantile(v, 0.25), quantile(v, 0.50),
        quantile(v, 0.75), quantile(v, 0.90));
  }

  /** Type-7 quantile of sorted values. */
  static double quantile(double[] sorted, double q) {
    double h = (sorted.length - 1) * q;
    int lo = (int) Math.floor(h);
    if (lo + 1 >= sorted.length) {
      return sorted[sorted.length - 1];
    }
    return sorted[lo] + (h - lo) * (sorted[lo + 1] - sorted[lo]);
  }
}
