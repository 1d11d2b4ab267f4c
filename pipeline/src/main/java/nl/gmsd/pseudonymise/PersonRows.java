package nl.gmsd.pseudonymise;

import java.io.Serializable;
import java.util.Optional;
import nl.gmsd.avro.Person;
import nl.gmsd.common.input.FieldTypes;

/**
 * Rows of {@code personen.csv} (SPEC 6, 10): {@code bsn;geboortedatum;geslacht;huishouden}, dates
 * {@code YYYYMMDD}, geslacht {@code M}/{@code V}. Parsed by hand, without regular expressions:
 * the national file has about 18 million rows.
 *
 * <p>A row is usable when it has exactly four fields and a BSN of 9 digits. Within a usable row an
 * unreadable birth date, sex or an empty household becomes null: the person still joins, and the
 * tables count that attribute as {@code onbekend}. BSN {@code 999999999} (an unknown person) is
 * not usable: it has no pseudonym, so it can never join.
 */
public final class PersonRows {

  public static final String HEADER = "bsn;geboortedatum;geslacht;huishouden";
  private static final int FIELDS = 4;

  private PersonRows() {}

  /**
   * A parsed row, still holding the BSN: internal to this stage. Its {@link #toString()} leaves
   * the BSN out.
   *
   * @param bsn the 9-digit BSN
   * @param birthDate days since 1970-01-01, or null when unreadable
   * @param sex {@code M} or {@code V}, or null
   * @param household the household id, or null when empty
   */
  public record ParsedPerson(String bsn, Integer birthDate, String sex, String household)
      implements Serializable {
    @Override
    public String toString() {
      return "ParsedPerson[bsn=redacted, birthDate=" + birthDate + ", sex=" + sex
          + ", household=" + household + "]";
    }
  }

  /**
   * Parses one line (a final CR is dropped, a byte order mark before the header too). Empty for
   * the header line or an unusable row (see the class comment).
   */
  public static Optional<ParsedPerson> parse(String line) {
    int end = line.length();
    if (end > 0 && line.charAt(end - 1) == '\r') {
      end--;
    }
    int start = end > 0 && line.charAt(0) == '\uFEFF' ? 1 : 0;
    if (end - start == HEADER.length() && line.regionMatches(true, start, HEADER, 0, end - start)) {
      return Optional.empty();
    }
    int s1 = line.indexOf(';', start);
    if (s1 < 0 || s1 >= end) {
      return Optional.empty();
    }
    int s2 = line.indexOf(';', s1 + 1);
    if (s2 < 0 || s2 >= end) {
      return Optional.empty();
    }
    int s3 = line.indexOf(';', s2 + 1);
    if (s3 < 0 || s3 >= end) {
      return Optional.empty();
    }
    int s4 = line.indexOf(';', s3 + 1);
    if (s4 >= 0 && s4 < end) {
      return Optional.empty(); // more than four fields
    }
    if (s1 - start != 9 || !Pseudonymiser.isNineDigits(line.substring(start, s1))) {
      return Optional.empty();
    }
    String bsn = line.substring(start, s1);
    if (bsn.equals(Pseudonymiser.UNKNOWN_BSN)) {
      return Optional.empty();
    }
    Integer birthDate = epochDay(line, s1 + 1, s2);
    String sex = null;
    if (s3 - s2 == 2) {
      char c = line.charAt(s2 + 1);
      sex = c == 'M' ? "M" : c == 'V' ? "V" : null;
    }
    String household = s3 + 1 < end ? line.substring(s3 + 1, end) : null;
    return Optional.of(new ParsedPerson(bsn, birthDate, sex, household));
  }

  /** The Avro row for the join: the BSN replaced by its pseudonym. */
  public static Person toAvro(ParsedPerson p, Pseudonymiser pseudonymiser) {
    String pseudonym = pseudonymiser.pseudonym(p.bsn());
    if (pseudonym == null) {
      throw new IllegalArgumentException("an unknown person (BSN 999999999) has no pseudonym");
    }
    return new Person(pseudonym, p.birthDate(), p.sex(), p.household());
  }

  /** {@code YYYYMMDD} in {@code line[from, to)} as days since 1970-01-01, or null. */
  static Integer epochDay(String line, int from, int to) {
    int day = FieldTypes.epochDay(line, from, to);
    return day == Integer.MIN_VALUE ? null : day;
  }
}
