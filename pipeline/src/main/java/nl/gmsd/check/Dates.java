package nl.gmsd.check;

/** Calendar arithmetic without objects, for the hot path (proleptic Gregorian, as LocalDate). */
final class Dates {

  private static final String[] MONTHS_NL = {"januari", "februari", "maart", "april", "mei", "juni", "juli",
    "augustus", "september", "oktober", "november", "december"};

  private Dates() {}

  /** A day as Dutch readers write it: {@code 1 juli 2025}. */
  static String dutch(java.time.LocalDate day) {
    return day.getDayOfMonth() + " " + MONTHS_NL[day.getMonthValue() - 1] + " " + day.getYear();
  }

  static boolean leap(int y) {
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  }

  static int daysInMonth(int y, int m) {
    return switch (m) {
      case 2 -> leap(y) ? 29 : 28;
      case 4, 6, 9, 11 -> 30;
      default -> 31;
    };
  }

  /** Days since 1970-01-01 (H. Hinnant's days_from_civil). */
  static int epochDay(int y, int m, int d) {
    y -= m <= 2 ? 1 : 0;
    int era = Math.floorDiv(y, 400);
    int yoe = y - era * 400;
    int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
  }
}
