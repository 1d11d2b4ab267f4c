package nl.gmsd.generate;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;

/** {@code YYYYMMDD} for epoch days, cached for the range the generator uses. */
final class DateText {
  private static final int FIRST = (int) LocalDate.of(1900, 1, 1).toEpochDay();
  private static final int LAST = (int) LocalDate.of(2100, 12, 31).toEpochDay();
  private static final String[] CACHE = new String[LAST - FIRST + 1];
  private static final DateTimeFormatter BASIC = DateTimeFormatter.BASIC_ISO_DATE;

  static {
    for (int d = FIRST; d <= LAST; d++) {
      CACHE[d - FIRST] = LocalDate.ofEpochDay(d).format(BASIC);
    }
  }

  private DateText() {}

  static String of(int epochDay) {
    if (epochDay < FIRST || epochDay > LAST) {
      return LocalDate.ofEpochDay(epochDay).format(BASIC);
    }
    return CACHE[epochDay - FIRST];
  }
}
