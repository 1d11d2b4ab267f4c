package nl.gmsd.count;

import java.time.LocalDate;
import nl.gmsd.avro.Arrangement;
import nl.gmsd.avro.Person;
import nl.gmsd.avro.PseudonymisedRecord;

/** Tiny builders for count tests. Pseudonyms are made up; no BSN is involved. */
final class CountFixtures {

  static final String GEMEENTE = "0363";

  private CountFixtures() {}

  static int day(String iso) {
    return (int) LocalDate.parse(iso).toEpochDay();
  }

  static String pseudonym(int n) {
    return String.format("%064x", n);
  }

  /** An arrangement of 2025 from ISO dates; an empty or null end is open. */
  static Arrangement arrangement(String pseudonym, String type, String lv, String start, String end) {
    return Arrangement.newBuilder()
        .setGemeentecode(GEMEENTE)
        .setYear(2025)
        .setPseudonym(pseudonym)
        .setType(type)
        .setLeveringsvorm(lv)
        .setStart(day(start))
        .setEnd(end == null || end.isEmpty() ? null : day(end))
        .setRedenBeeindiging(null)
        .setRecords(1)
        .build();
  }

  /** A record of a file of the given half year (H1YYYY/H2YYYY); an empty or null end is open. */
  static PseudonymisedRecord record(String period, int line, String pseudonym, String type,
      String lv, String start, String end) {
    return PseudonymisedRecord.newBuilder()
        .setFileRank(period.startsWith("H1") ? 0 : 1) // WMO_<period>_test.csv in path order
        .setGemeentecode(GEMEENTE)
        .setHalfYear(nl.gmsd.common.Period.parse(period).index())
        .setLine(line)
        .setPseudonym(pseudonym)
        .setType(type)
        .setStart(day(start))
        .setEnd(end == null || end.isEmpty() ? null : day(end))
        .setLeveringsvorm(lv)
        .setToewijzingsnummer(null)
        .setRedenBeeindiging(null)
        .build();
  }

  static Person person(String pseudonym, String birth, String sex, String household) {
    return Person.newBuilder()
        .setPseudonym(pseudonym)
        .setBirthDate(birth == null ? null : day(birth))
        .setSex(sex)
        .setHousehold(household)
        .build();
  }
}
