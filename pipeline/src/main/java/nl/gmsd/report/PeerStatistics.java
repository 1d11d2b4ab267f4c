package nl.gmsd.report;

import java.util.Arrays;
import java.util.Collection;

/**
 * Spread of one figure over the peers of a comparison group: median, quartiles and the fences
 * beyond which a value is an outlier. Percentiles are interpolated linearly between the sorted
 * values (Hyndman-Fan type 7, the default of R and of spreadsheet PERCENTILE). Only aggregates
 * leave this class, never a single peer's value by name.
 */
public record PeerStatistics(int peers, double p25, double median, double p75) {

  /** Statistics of the given values; there must be at least one. */
  public static PeerStatistics of(Collection<Double> values) {
    if (values.isEmpty()) {
      throw new IllegalArgumentException("no peer values");
    }
    double[] v = values.stream().mapToDouble(Double::doubleValue).toArray();
    Arrays.sort(v);
    return new PeerStatistics(v.length, quantile(v, 0.25), quantile(v, 0.50), quantile(v, 0.75));
  }

  /** The interquartile range P75 - P25. */
  public double iqr() {
    return p75 - p25;
  }

  /** Tukey's lower fence {@code P25 - k * IQR}. */
  public double lowerFence(double k) {
    return p25 - k * iqr();
  }

  /** Tukey's upper fence {@code P75 + k * IQR}. */
  public double upperFence(double k) {
    return p75 + k * iqr();
  }

  /** True when {@code x} lies outside the fences (on a fence is inside). */
  public boolean outside(double x, double k) {
    return x < lowerFence(k) || x > upperFence(k);
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
