package nl.gmsd.report;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Numbers written the Dutch way, independent of the JVM's default locale: thousands grouped with
 * a dot ({@code 1.234}), a decimal comma ({@code 12,5}), halves rounded up (away from zero).
 */
public final class DutchNumbers {

  private DutchNumbers() {}

  /** A whole number with thousands dots: {@code 1234567 -> 1.234.567}. */
  public static String integer(long n) {
    String digits = Long.toString(Math.abs(n));
    StringBuilder sb = new StringBuilder();
    int first = digits.length() % 3 == 0 ? 3 : digits.length() % 3;
    sb.append(digits, 0, first);
    for (int i = first; i < digits.length(); i += 3) {
      sb.append('.').append(digits, i, i + 3);
    }
    return n < 0 ? "-" + sb : sb.toString();
  }

  /** A number with exactly {@code decimals} decimals after a comma: {@code 12.25, 1 -> 12,3}. */
  public static String decimal(double x, int decimals) {
    if (Double.isNaN(x) || Double.isInfinite(x)) {
      throw new IllegalArgumentException("not a finite number");
    }
    BigDecimal v = BigDecimal.valueOf(x).setScale(decimals, RoundingMode.HALF_UP);
    boolean negative = v.signum() < 0;
    String plain = v.abs().toPlainString();
    int dot = plain.indexOf('.');
    String whole = dot < 0 ? plain : plain.substring(0, dot);
    String frac = dot < 0 ? "" : plain.substring(dot + 1);
    String s = integer(Long.parseLong(whole)) + (frac.isEmpty() ? "" : "," + frac);
    return negative ? "-" + s : s;
  }

  /** A signed change in percent with one decimal: {@code +12,5%}, {@code -3,0%}, {@code 0,0%}. */
  public static String signedPercent(double percent) {
    String s = decimal(percent, 1);
    if (!s.startsWith("-") && !s.equals("0,0")) {
      s = "+" + s;
    }
    return s + "%";
  }

  /** A signed whole number: {@code +12}, {@code -3}, {@code 0}. */
  public static String signedInteger(long n) {
    return n > 0 ? "+" + integer(n) : integer(n);
  }
}
