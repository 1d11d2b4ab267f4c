package nl.gmsd.common;

import java.io.Serializable;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A half year, written {@code H1YYYY} (1 Jan - 30 Jun) or {@code H2YYYY} (1 Jul - 31 Dec). */
public record Period(int half, int year) implements Serializable, Comparable<Period> {

  private static final Pattern CODE = Pattern.compile("H([12])(\\d{4})");

  public Period {
    if (half != 1 && half != 2) {
      throw new IllegalArgumentException("half must be 1 or 2: " + half);
    }
    if (year < 1000 || year > 9999) {
      throw new IllegalArgumentException("year must have 4 digits: " + year);
    }
  }

  /** Parses {@code H1YYYY}/{@code H2YYYY}; throws IllegalArgumentException naming the accepted form. */
  public static Period parse(String code) {
    Matcher m = CODE.matcher(code == null ? "" : code);
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "not a period code: '" + code + "' (expected H1YYYY or H2YYYY, e.g. H12025)");
    }
    return new Period(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
  }

  /** The half year as one number, {@code year * 2 + half - 1}: ordered as the periods are, 4 bytes in a record. */
  public int index() {
    return year * 2 + half - 1;
  }

  /** The period of an {@link #index()}. */
  public static Period ofIndex(int index) {
    return new Period(index % 2 + 1, index / 2);
  }

  public static boolean isCode(String code) {
    return code != null && CODE.matcher(code).matches();
  }

  /** The half year containing the given day. */
  public static Period containing(LocalDate day) {
    return new Period(day.getMonthValue() <= 6 ? 1 : 2, day.getYear());
  }

  /**
   * The delivery window an upload belongs to (SPEC 1): the half year before the half year that
   * contains {@code receivedAt} (UTC).
   */
  public static Period windowOf(Instant receivedAt) {
    return containing(receivedAt.atOffset(ZoneOffset.UTC).toLocalDate()).previous();
  }

  public String code() {
    return "H" + half + year;
  }

  public LocalDate start() {
    return LocalDate.of(year, half == 1 ? 1 : 7, 1);
  }

  public LocalDate end() {
    return half == 1 ? LocalDate.of(year, 6, 30) : LocalDate.of(year, 12, 31);
  }

  public int startEpochDay() {
    return (int) start().toEpochDay();
  }

  public int endEpochDay() {
    return (int) end().toEpochDay();
  }

  public Period previous() {
    return half == 2 ? new Period(1, year) : new Period(2, year - 1);
  }

  public Period next() {
    return half == 1 ? new Period(2, year) : new Period(1, year + 1);
  }

  /** The other half of the same calendar year. */
  public Period sibling() {
    return new Period(3 - half, year);
  }

  /** True when [start, end] (end null = open) overlaps this period. Days since epoch. */
  public boolean overlaps(int startDay, Integer endDay) {
    return startDay <= endEpochDay() && (endDay == null || endDay >= startEpochDay());
  }

  @Override
  public int compareTo(Period o) {
    return year != o.year ? Integer.compare(year, o.year) : Integer.compare(half, o.half);
  }

  @Override
  public String toString() {
    return code();
  }
}
