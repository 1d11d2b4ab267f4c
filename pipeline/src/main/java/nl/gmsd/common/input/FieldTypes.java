package nl.gmsd.common.input;

import java.io.Serializable;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import nl.gmsd.common.Period;
import nl.gmsd.common.Provinces;

/**
 * The field types of the input files (SPEC 2, 6, 10, 11). Each checks the whole text, with no
 * trimming unless it says so, and gives a normalised value.
 */
public final class FieldTypes {

  private FieldTypes() {}

  /** A parse function that travels with the description to workers. */
  @FunctionalInterface
  interface Parser<T> extends Serializable {
    T parse(String text);
  }

  private record Simple<T>(String what, String form, Parser<T> parser) implements FieldType<T> {
    @Override
    public T parse(String text) {
      return parser.parse(text);
    }
  }

  static <T> FieldType<T> of(String what, String form, Parser<T> parser) {
    return new Simple<>(what, form, parser);
  }

  /** A year, 4 digits. */
  public static final FieldType<Integer> YEAR = of("a year", "4 digits, e.g. 2025", t -> {
    if (!digits(t, 4, 4) || t.charAt(0) == '0') {
      return null;
    }
    return Integer.parseInt(t);
  });

  /** A gemeentecode as the archive's registers write it: exactly 4 digits. */
  public static final FieldType<String> GEMEENTECODE = of("a gemeentecode", "4 digits, e.g. 0363",
      t -> digits(t, 4, 4) ? t : null);

  /** A gemeentecode as 4 digits or as CBS's {@code GM0363}; the value is the 4 digits. */
  public static final FieldType<String> GEMEENTECODE_OR_GM = of("a gemeentecode",
      "4 digits, e.g. 0363, or with CBS's prefix, e.g. GM0363", FieldTypes::gemeentecodeOrGm);

  /** CBS's {@code GemeentecodeGM}: GM and 4 digits; the value is the 4 digits. */
  public static final FieldType<String> GM_CODE = of("a CBS gemeentecode", "GM and 4 digits, e.g. GM0363",
      t -> t.length() == 6 && t.regionMatches(true, 0, "GM", 0, 2) && digits(t.substring(2), 4, 4) ? t.substring(2) : null);

  /**
   * CBS's numeric {@code Gemeentecode}: 1 to 4 digits, since a spreadsheet drops the leading
   * zeros of a number ({@code 14} for {@code 0014}); also as 4 digits or with GM. The value is
   * the 4 digits.
   */
  public static final FieldType<String> GEMEENTECODE_NUMBER = of("a gemeentecode",
      "the number of the gemeente, e.g. 363 or 0363", t -> {
        if (digits(t, 1, 4)) {
          return "0".repeat(4 - t.length()) + t;
        }
        return gemeentecodeOrGm(t);
      });

  /** A province by its CBS code or by any CBS spelling of its name (SPEC 6). */
  public static final FieldType<Provinces.Province> PROVINCE = of("a province",
      "the province's name (" + Provinces.shipped().knownNames() + ") or its CBS code PV20 to PV31",
      t -> Provinces.shipped().parse(t).orElse(null));

  /** CBS's {@code ProvinciecodePV}: PV and 2 digits of a province; the value is the code. */
  public static final FieldType<String> PROVINCE_PV = of("a CBS province code", "PV20 to PV31, e.g. PV27", t -> {
    String upper = t.toUpperCase(Locale.ROOT);
    return Provinces.shipped().isCode(upper) ? upper : null;
  });

  /** CBS's numeric {@code Provinciecode}: 20 to 31; the value is the PV code. */
  public static final FieldType<String> PROVINCE_NUMBER = of("a CBS province number", "20 to 31, e.g. 27", t -> {
    String code = "PV" + t;
    return t.length() == 2 && digits(t, 2, 2) && Provinces.shipped().isCode(code) ? code : null;
  });

  /** A name (of a gemeente): any text without control characters; spaces around it dropped. */
  public static final FieldType<String> NAME = of("a name", "the name as text, e.g. Amsterdam", t -> {
    String s = t.strip();
    return s.isEmpty() || hasControl(s) ? null : s;
  });

  /** A whole number of at least 1, digits only (no sign, no separators), at most 1 000 000 000. */
  public static final FieldType<Long> POSITIVE_COUNT = of("a whole number of at least 1",
      "digits only, without separators, e.g. 931298", t -> {
        if (!digits(t, 1, 10)) {
          return null;
        }
        long v = Long.parseLong(t);
        return v >= 1 && v <= 1_000_000_000L ? v : null;
      });

  /** A date {@code YYYYMMDD} that exists; the value is the text. */
  public static final FieldType<String> DATE = of("a date", "YYYYMMDD, e.g. 20250101",
      t -> epochDay(t, 0, t.length()) == Integer.MIN_VALUE ? null : t);

  /** An ISO-8601 UTC timestamp (Z or +00:00, fractions allowed, a 4-digit year). */
  public static final FieldType<Instant> TIMESTAMP_UTC = of("an ISO-8601 UTC timestamp",
      "like 2025-07-15T10:00:00Z (UTC, fractional seconds allowed)", t -> {
        OffsetDateTime d;
        try {
          d = OffsetDateTime.parse(t, DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        } catch (DateTimeException e) {
          return null;
        }
        // Four-digit years only: every period code has one, and epoch millis cannot overflow.
        if (d.getOffset().getTotalSeconds() != 0 || d.getYear() < 1001 || d.getYear() > 9999) {
          return null;
        }
        return d.toInstant();
      });

  /** A period code, H1YYYY or H2YYYY. */
  public static final FieldType<Period> PERIOD = of("a period code", "H1YYYY or H2YYYY, e.g. H12025",
      t -> Period.isCode(t) ? Period.parse(t) : null);

  /** A BSN of a person: 9 digits passing the 11-test (so not 999999999 or 000000000). */
  public static final FieldType<String> BSN = of("a BSN", "9 digits that pass the 11-test, with leading zeros",
      t -> isBsn(t, 0, t.length()) ? t : null);

  /** Sex as the register writes it: M or V. */
  public static final FieldType<String> SEX = of("M or V", "M (man) or V (vrouw), in capitals",
      t -> t.equals("M") ? "M" : t.equals("V") ? "V" : null);

  /** An identifier: any text without control characters, taken as written. */
  public static final FieldType<String> IDENTIFIER = of("an identifier", "letters, digits and punctuation, e.g. HH-0363-17",
      t -> hasControl(t) ? null : t);

  // ---- shared checks, usable without objects on a hot path ----

  static String gemeentecodeOrGm(String t) {
    if (digits(t, 4, 4)) {
      return t;
    }
    if (t.length() == 6 && t.regionMatches(true, 0, "GM", 0, 2) && digits(t.substring(2), 4, 4)) {
      return t.substring(2);
    }
    return null;
  }

  /** True when {@code s} is between {@code min} and {@code max} ASCII digits. */
  static boolean digits(String s, int min, int max) {
    if (s.length() < min || s.length() > max) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  private static boolean hasControl(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (Character.isISOControl(s.charAt(i))) {
        return true;
      }
    }
    return false;
  }

  /** 9 ASCII digits in {@code s[from, to)} that pass the 11-test (SPEC 3). */
  public static boolean isBsn(String s, int from, int to) {
    if (to - from != 9) {
      return false;
    }
    int sum = 0;
    for (int i = 0; i < 9; i++) {
      char c = s.charAt(from + i);
      if (c < '0' || c > '9') {
        return false;
      }
      sum += i < 8 ? (9 - i) * (c - '0') : -(c - '0');
    }
    return Math.floorMod(sum, 11) == 0 && !s.regionMatches(from, "000000000", 0, 9);
  }

  /**
   * {@code YYYYMMDD} in {@code s[from, to)} as days since 1970-01-01, or
   * {@link Integer#MIN_VALUE} when it is not a date that exists. No objects.
   */
  public static int epochDay(String s, int from, int to) {
    if (to - from != 8) {
      return Integer.MIN_VALUE;
    }
    int value = 0;
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return Integer.MIN_VALUE;
      }
      value = value * 10 + (c - '0');
    }
    int year = value / 10000;
    int month = value / 100 % 100;
    int day = value % 100;
    if (year < 1 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
      return Integer.MIN_VALUE;
    }
    return (int) daysSinceEpoch(year, month, day);
  }

  private static int daysInMonth(int year, int month) {
    switch (month) {
      case 2:
        boolean leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
        return leap ? 29 : 28;
      case 4:
      case 6:
      case 9:
      case 11:
        return 30;
      default:
        return 31;
    }
  }

  /** The proleptic Gregorian day count of java.time.LocalDate, without the object. */
  private static long daysSinceEpoch(int year, int month, int day) {
    // Howard Hinnant's days_from_civil.
    int y = month <= 2 ? year - 1 : year;
    int era = Math.floorDiv(y, 400);
    int yoe = y - era * 400;
    int mp = (month + 9) % 12;
    int doy = (153 * mp + 2) / 5 + day - 1;
    int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return (long) era * 146097 + doe - 719468;
  }
}
