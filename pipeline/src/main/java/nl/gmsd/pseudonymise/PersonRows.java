package nl.gmsd.pseudonymise;

import java.io.Serializable;
import nl.gmsd.avro.Person;
import nl.gmsd.common.ReferenceFiles.Personen;
import nl.gmsd.common.input.Column;
import nl.gmsd.common.input.FieldTypes;
import nl.gmsd.common.input.Header;
import nl.gmsd.common.input.InputFile;

/**
 * Rows of {@code personen.csv} (SPEC 6, 10), checked by its description
 * ({@link Personen#FILE}: {@code bsn;geboortedatum;geslacht;huishouden} in any order, a BSN that
 * passes the 11-test, a birth date {@code YYYYMMDD} that exists, {@code M} or {@code V}, an
 * optional household id). Parsed by hand, without regular expressions or objects beyond the row
 * itself: the national file has about 18 million rows, and every one is checked in the pass that
 * reads it for the join.
 */
public final class PersonRows {

  private PersonRows() {}

  /** What is wrong with a row, when something is. */
  public enum Defect {
    /** Not as many fields as the header has columns. */
    FIELD_COUNT,
    /** A required field is empty. */
    EMPTY,
    /** A field is not of its column's type. */
    INVALID,
    /** The line is not valid UTF-8. */
    NOT_UTF8,
    /** The line is longer than {@link #MAX_LINE_BYTES}. */
    TOO_LONG
  }

  /** [decision] A register row is under 100 bytes; a longer line than this is a defect, not read. */
  public static final int MAX_LINE_BYTES = 64 * 1024;

  /**
   * A parsed row, still holding the BSN: internal to this stage. Its {@link #toString()} leaves
   * the BSN out.
   *
   * @param bsn the 9-digit BSN
   * @param birthDate days since 1970-01-01
   * @param sex {@code M} or {@code V}
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
   * Parses the data lines of one file, whose header gave the column positions. Not thread-safe:
   * after a null from {@link #parse}, {@link #defect()} and {@link #defectColumn()} say why.
   */
  public static final class Parser implements Serializable {
    private static final long serialVersionUID = 1L;

    private final char separator;
    private final int n;
    private final int bsnAt;
    private final int dateAt;
    private final int sexAt;
    private final int householdAt;
    private final int[] start;
    private final int[] end;
    private Defect defect;
    private Column<?> defectColumn;
    private int fieldsFound;

    public Parser(Header header) {
      InputFile file = Personen.FILE;
      this.separator = header.separator();
      this.n = file.columns().size();
      this.bsnAt = header.position(Personen.BSN);
      this.dateAt = header.position(Personen.GEBOORTEDATUM);
      this.sexAt = header.position(Personen.GESLACHT);
      this.householdAt = header.position(Personen.HUISHOUDEN);
      this.start = new int[n];
      this.end = new int[n];
    }

    /** True for a line that holds no row: empty, blanks, or separators only (a spreadsheet's). */
    public boolean isBlank(String line) {
      for (int i = 0; i < line.length(); i++) {
        char c = line.charAt(i);
        if (c != separator && c != ' ' && c != '\t' && c != '\r') {
          return false;
        }
      }
      return true;
    }

    /** The row of a data line (a final CR dropped), or null when it has a defect. */
    public ParsedPerson parse(String line) {
      int len = line.length();
      if (len > 0 && line.charAt(len - 1) == '\r') {
        len--;
      }
      int f = 0;
      start[0] = 0;
      for (int i = 0; i < len; i++) {
        if (line.charAt(i) == separator) {
          if (f + 1 >= n) {
            return fail(Defect.FIELD_COUNT, null, countFields(line, len));
          }
          end[f] = i;
          start[++f] = i + 1;
        }
      }
      end[f] = len;
      if (f + 1 != n) {
        return fail(Defect.FIELD_COUNT, null, f + 1);
      }
      int s = start[bsnAt];
      int e = end[bsnAt];
      if (s == e) {
        return fail(Defect.EMPTY, Personen.BSN, n);
      }
      if (!FieldTypes.isBsn(line, s, e)) {
        return fail(Defect.INVALID, Personen.BSN, n);
      }
      String bsn = line.substring(s, e);
      s = start[dateAt];
      e = end[dateAt];
      if (s == e) {
        return fail(Defect.EMPTY, Personen.GEBOORTEDATUM, n);
      }
      int day = FieldTypes.epochDay(line, s, e);
      if (day == Integer.MIN_VALUE) {
        return fail(Defect.INVALID, Personen.GEBOORTEDATUM, n);
      }
      s = start[sexAt];
      e = end[sexAt];
      if (s == e) {
        return fail(Defect.EMPTY, Personen.GESLACHT, n);
      }
      char c = line.charAt(s);
      if (e - s != 1 || (c != 'M' && c != 'V')) {
        return fail(Defect.INVALID, Personen.GESLACHT, n);
      }
      String sex = c == 'M' ? "M" : "V";
      s = start[householdAt];
      e = end[householdAt];
      String household = null;
      if (s < e) {
        for (int i = s; i < e; i++) {
          if (Character.isISOControl(line.charAt(i))) {
            return fail(Defect.INVALID, Personen.HUISHOUDEN, n);
          }
        }
        household = line.substring(s, e);
      }
      defect = null;
      defectColumn = null;
      return new ParsedPerson(bsn, day, sex, household);
    }

    private int countFields(String line, int len) {
      int count = 1;
      for (int i = 0; i < len; i++) {
        if (line.charAt(i) == separator) {
          count++;
        }
      }
      return count;
    }

    private ParsedPerson fail(Defect d, Column<?> column, int fields) {
      defect = d;
      defectColumn = column;
      fieldsFound = fields;
      return null;
    }

    /** Why the last {@link #parse} gave null. */
    public Defect defect() {
      return defect;
    }

    /** The column of the last defect (null for FIELD_COUNT). */
    public Column<?> defectColumn() {
      return defectColumn;
    }

    /** The number of fields the last defective line had (for FIELD_COUNT). */
    public int fieldsFound() {
      return fieldsFound;
    }
  }

  /** The Avro row for the join: the BSN replaced by its pseudonym. */
  public static Person toAvro(ParsedPerson p, Pseudonymiser pseudonymiser) {
    String pseudonym = pseudonymiser.pseudonym(p.bsn());
    if (pseudonym == null) {
      throw new IllegalArgumentException("an unknown person (BSN 999999999) has no pseudonym");
    }
    return new Person(pseudonym, p.birthDate(), p.sex(), p.household());
  }
}
