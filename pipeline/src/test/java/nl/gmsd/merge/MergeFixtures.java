package nl.gmsd.merge;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import nl.gmsd.avro.Arrangement;
import nl.gmsd.avro.PseudonymisedRecord;
import nl.gmsd.common.Period;
import nl.gmsd.pseudonymise.FileRanks;

/**
 * Tiny builders for merge tests. A record is written as
 * {@code [H1:line|H2:line] start..[end] LEVERINGSVORM [T=toewijzingsnummer] [R=reden]}, dates ISO,
 * an empty end = open; records are separated by {@code |}. An arrangement is written as
 * {@code start..[end] LEVERINGSVORM [R=reden] n=records}.
 */
final class MergeFixtures {

  static final String GEMEENTE = "0363";
  static final int YEAR = 2025;
  static final String PERSON = "a".repeat(64);
  static final String TYPE = "02";

  private MergeFixtures() {}

  static int day(String iso) {
    return (int) LocalDate.parse(iso).toEpochDay();
  }

  static String iso(Integer day) {
    return day == null ? "" : LocalDate.ofEpochDay(day).toString();
  }

  /** The rank of the test file of a half year, WMO_H1YYYY_test.csv or WMO_H2YYYY_test.csv. */
  static int fileRank(String half) {
    return FileRanks.ofPaths(List.of("WMO_H1" + YEAR + "_test.csv", "WMO_H2" + YEAR + "_test.csv"))
        .rank("WMO_" + half + YEAR + "_test.csv");
  }

  static PseudonymisedRecord.Builder record(String pseudonym, int start, Integer end, String lv) {
    return PseudonymisedRecord.newBuilder()
        .setFileRank(fileRank("H1"))
        .setGemeentecode(GEMEENTE)
        .setHalfYear(Period.parse("H1" + YEAR).index())
        .setLine(2)
        .setPseudonym(pseudonym)
        .setType(TYPE)
        .setStart(start)
        .setEnd(end)
        .setLeveringsvorm(lv)
        .setToewijzingsnummer(null)
        .setRedenBeeindiging(null);
  }

  /** Parses records in the notation above; lines without an explicit H?:line get 2, 3, 4, ... */
  static List<PseudonymisedRecord> records(String spec) {
    List<PseudonymisedRecord> out = new ArrayList<>();
    int nextLine = 2;
    for (String part : spec.split("\\|")) {
      String[] tokens = part.trim().split("\\s+");
      int i = 0;
      String half = "H1";
      int line = nextLine++;
      if (tokens[0].matches("H[12]:\\d+")) {
        half = tokens[0].substring(0, 2);
        line = Integer.parseInt(tokens[0].substring(3));
        i++;
      }
      String[] interval = tokens[i++].split("\\.\\.", -1);
      PseudonymisedRecord.Builder b = record(PERSON, day(interval[0]),
          interval[1].isEmpty() ? null : day(interval[1]), tokens[i++]);
      b.setHalfYear(Period.parse(half + YEAR).index()).setFileRank(fileRank(half)).setLine(line);
      for (; i < tokens.length; i++) {
        if (tokens[i].startsWith("T=")) {
          b.setToewijzingsnummer(tokens[i].substring(2));
        } else if (tokens[i].startsWith("R=")) {
          b.setRedenBeeindiging(tokens[i].substring(2));
        } else {
          throw new IllegalArgumentException("bad token " + tokens[i]);
        }
      }
      out.add(b.build());
    }
    return out;
  }

  /** An arrangement in the notation above. */
  static String describe(Arrangement a) {
    return iso(a.getStart()) + ".." + iso(a.getEnd()) + " " + a.getLeveringsvorm()
        + (a.getRedenBeeindiging() == null ? "" : " R=" + a.getRedenBeeindiging())
        + " n=" + a.getRecords();
  }

  static String describe(List<Arrangement> as) {
    return String.join(" | ", as.stream().map(MergeFixtures::describe).toList());
  }
}
