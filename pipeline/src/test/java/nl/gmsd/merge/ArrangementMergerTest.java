package nl.gmsd.merge;

import static nl.gmsd.merge.MergeFixtures.GEMEENTE;
import static nl.gmsd.merge.MergeFixtures.YEAR;
import static nl.gmsd.merge.MergeFixtures.day;
import static nl.gmsd.merge.MergeFixtures.describe;
import static nl.gmsd.merge.MergeFixtures.record;
import static nl.gmsd.merge.MergeFixtures.records;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import nl.gmsd.avro.Arrangement;
import nl.gmsd.avro.MicrodataArrangement;
import nl.gmsd.avro.PseudonymisedRecord;
import nl.gmsd.common.Period;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ArrangementMergerTest {

  private final ArrangementMerger merger = ArrangementMerger.withDefaults();

  private List<Arrangement> merge(List<PseudonymisedRecord> records) {
    return merger.merge(GEMEENTE, YEAR, records);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = ';', textBlock = """
      single record;                   2025-01-01..2025-03-31 ZIN;  2025-01-01..2025-03-31 ZIN n=1
      start 3 days after end joins;    2025-01-01..2025-01-10 ZIN | 2025-01-13..2025-01-20 ZIN;  2025-01-01..2025-01-20 ZIN n=2
      start 4 days after end does not; 2025-01-01..2025-01-10 ZIN | 2025-01-14..2025-01-20 ZIN;  2025-01-01..2025-01-10 ZIN n=1 | 2025-01-14..2025-01-20 ZIN n=1
      next day joins;                  2025-01-01..2025-01-10 ZIN | 2025-01-11..2025-01-20 ZIN;  2025-01-01..2025-01-20 ZIN n=2
      overlap;                         2025-01-01..2025-02-10 ZIN | 2025-02-01..2025-03-20 ZIN;  2025-01-01..2025-03-20 ZIN n=2
      containment;                     2025-01-01..2025-06-30 ZIN | 2025-02-01..2025-03-01 ZIN;  2025-01-01..2025-06-30 ZIN n=2
      equal dates;                     2025-01-01..2025-06-30 ZIN | 2025-01-01..2025-06-30 ZIN;  2025-01-01..2025-06-30 ZIN n=2
      open end swallows later;         2025-01-01.. ZIN | 2025-09-01..2025-10-01 ZIN;  2025-01-01.. ZIN n=2
      open end joins at gap;           2025-01-01..2025-01-10 ZIN | 2025-01-13.. ZIN;  2025-01-01.. ZIN n=2
      open end after big gap;          2025-01-01..2025-01-10 ZIN | 2025-03-01.. ZIN;  2025-01-01..2025-01-10 ZIN n=1 | 2025-03-01.. ZIN n=1
      leveringsvorm never merged;      2025-01-01..2025-06-30 ZIN | 2025-01-01..2025-06-30 PGB;  2025-01-01..2025-06-30 PGB n=1 | 2025-01-01..2025-06-30 ZIN n=1
      chain A-B-C;                     2025-01-01..2025-01-10 ZIN | 2025-01-13..2025-01-20 ZIN | 2025-01-23..2025-01-30 ZIN;  2025-01-01..2025-01-30 ZIN n=3
      chain given out of order;        2025-01-23..2025-01-30 ZIN | 2025-01-01..2025-01-10 ZIN | 2025-01-13..2025-01-20 ZIN;  2025-01-01..2025-01-30 ZIN n=3
      end grows to the later;          2025-01-01..2025-03-31 ZIN | 2025-01-15..2025-02-01 ZIN | 2025-04-02..2025-04-30 ZIN;  2025-01-01..2025-04-30 ZIN n=3
      stage 1 across H1 and H2 files;  H1:5 2025-01-01..2025-06-30 ZIN T=A1 | H2:7 2025-07-01..2025-12-31 ZIN T=A1;  2025-01-01..2025-12-31 ZIN n=2
      stage 1 bridges a long gap;      2025-01-01..2025-02-01 ZIN T=A1 | 2025-05-01..2025-06-01 ZIN T=A1;  2025-01-01..2025-06-01 ZIN n=2
      stage 1 open end wins;           2025-01-01..2025-02-01 ZIN T=A1 | 2025-01-15.. ZIN T=A1;  2025-01-01.. ZIN n=2
      different toewijzing, stage 2;   2025-01-01..2025-02-01 ZIN T=A1 | 2025-05-01..2025-06-01 ZIN T=A2;  2025-01-01..2025-02-01 ZIN n=1 | 2025-05-01..2025-06-01 ZIN n=1
      stage 1 result joins stage 2;    2025-01-01..2025-02-01 ZIN T=A1 | 2025-05-01..2025-06-01 ZIN T=A1 | 2025-06-03..2025-06-30 ZIN;  2025-01-01..2025-06-30 ZIN n=3
      stage 1 deciding leveringsvorm;  2025-01-01..2025-02-01 ZIN T=A1 | 2025-02-01..2025-03-01 PGB T=A1 | 2025-01-01..2025-01-31 ZIN;  2025-01-01..2025-03-01 PGB n=2 | 2025-01-01..2025-01-31 ZIN n=1
      """)
  void mergesPerCaseTable(String name, String input, String expected) {
    List<PseudonymisedRecord> records = records(input);
    assertEquals(expected.trim(), describe(merge(records)), name);
    List<PseudonymisedRecord> reversed = new ArrayList<>(records);
    Collections.reverse(reversed);
    assertEquals(expected.trim(), describe(merge(reversed)), name + " (reversed input)");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = ';', textBlock = """
      later start wins;                  H1:9 2025-01-01..2025-06-30 ZIN T=A R=02 | H1:3 2025-02-01..2025-03-01 PGB T=A R=19;  2025-01-01..2025-06-30 PGB R=19 n=2
      same start: later end wins;        H1:9 2025-01-01..2025-06-30 ZIN T=A R=02 | H1:3 2025-01-01..2025-03-01 PGB T=A R=19;  2025-01-01..2025-06-30 ZIN R=02 n=2
      same start: open end wins;         H1:9 2025-01-01..2025-06-30 ZIN T=A R=02 | H1:3 2025-01-01.. PGB T=A R=19;  2025-01-01.. PGB R=19 n=2
      same dates: H2 beats H1;           H1:9 2025-01-01..2025-06-30 ZIN T=A R=02 | H2:3 2025-01-01..2025-06-30 PGB T=A R=19;  2025-01-01..2025-06-30 PGB R=19 n=2
      same dates, same half: higher line; H1:9 2025-01-01..2025-06-30 ZIN T=A R=02 | H1:3 2025-01-01..2025-06-30 PGB T=A R=19;  2025-01-01..2025-06-30 ZIN R=02 n=2
      deciding reden may be empty;       H1:9 2025-01-01..2025-06-30 ZIN T=A | H1:3 2025-01-01..2025-06-30 ZIN T=A R=19;  2025-01-01..2025-06-30 ZIN n=2
      """)
  void stage1TakesTheDecidingRecord(String name, String input, String expected) {
    List<PseudonymisedRecord> records = records(input);
    assertEquals(expected.trim(), describe(merge(records)), name);
    List<PseudonymisedRecord> reversed = new ArrayList<>(records);
    Collections.reverse(reversed);
    assertEquals(expected.trim(), describe(merge(reversed)), name + " (reversed input)");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = ';', textBlock = """
      latest end decides;          H1:9 2025-01-01..2025-03-31 ZIN R=02 | H1:3 2025-02-01..2025-04-30 ZIN R=19;  2025-01-01..2025-04-30 ZIN R=19 n=2
      open end decides;            H1:3 2025-01-01.. ZIN R=02 | H1:9 2025-02-01..2025-04-30 ZIN R=19;  2025-01-01.. ZIN R=02 n=2
      same end: later start;       H1:3 2025-01-01..2025-04-30 ZIN R=02 | H1:9 2025-02-01..2025-04-30 ZIN R=19;  2025-01-01..2025-04-30 ZIN R=19 n=2
      same dates: H2 beats H1;     H2:2 2025-01-01..2025-04-30 ZIN R=02 | H1:9 2025-01-01..2025-04-30 ZIN R=19;  2025-01-01..2025-04-30 ZIN R=02 n=2
      same dates: higher line;     H1:2 2025-01-01..2025-04-30 ZIN R=02 | H1:9 2025-01-01..2025-04-30 ZIN R=19;  2025-01-01..2025-04-30 ZIN R=19 n=2
      """)
  void stage2KeepsTheRedenOfTheLatestEndingMember(String name, String input, String expected) {
    List<PseudonymisedRecord> records = records(input);
    assertEquals(expected.trim(), describe(merge(records)), name);
    List<PseudonymisedRecord> reversed = new ArrayList<>(records);
    Collections.reverse(reversed);
    assertEquals(expected.trim(), describe(merge(reversed)), name + " (reversed input)");
  }

  @Test
  void gapIsASetting() {
    List<PseudonymisedRecord> records =
        records("2025-01-01..2025-01-10 ZIN | 2025-01-14..2025-01-20 ZIN");
    ArrangementMerger wider = new ArrangementMerger(MergeSettings.defaults().withMaxGapDays(4));
    assertEquals("2025-01-01..2025-01-20 ZIN n=2", describe(wider.merge(GEMEENTE, YEAR, records)));
    ArrangementMerger none = new ArrangementMerger(MergeSettings.defaults().withMaxGapDays(0));
    assertEquals("2025-01-01..2025-01-10 ZIN n=1 | 2025-01-11..2025-01-20 ZIN n=1",
        describe(none.merge(GEMEENTE, YEAR,
            records("2025-01-01..2025-01-10 ZIN | 2025-01-11..2025-01-20 ZIN"))));
  }

  @Test
  void decidingOrderIsASetting() {
    // Same dates; with only the line rule H1 line 9 beats H2 line 3.
    List<PseudonymisedRecord> records = records(
        "H1:9 2025-01-01..2025-06-30 ZIN T=A R=02 | H2:3 2025-01-01..2025-06-30 PGB T=A R=19");
    ArrangementMerger lineOnly = new ArrangementMerger(
        MergeSettings.defaults().withDecidingOrder(List.of(DecidingRecordRule.HIGHEST_LINE)));
    assertEquals("2025-01-01..2025-06-30 ZIN R=02 n=2",
        describe(lineOnly.merge(GEMEENTE, YEAR, records)));
  }

  @Test
  void unknownPersonsAreNeverMerged() {
    int s = day("2025-01-01");
    int e = day("2025-06-30");
    List<PseudonymisedRecord> records = List.of(
        record(null, s, e, "ZIN").setLine(2).setToewijzingsnummer("A").build(),
        record(null, s, e, "ZIN").setLine(3).setToewijzingsnummer("A").build(),
        record(null, s + 5, e, "ZIN").setLine(4).build());
    List<Arrangement> out = merge(records);
    assertEquals(3, out.size());
    for (Arrangement a : out) {
      assertNull(a.getPseudonym());
      assertEquals(1, a.getRecords());
    }
  }

  @Test
  void personsAndTypesAreKeptApart() {
    int s = day("2025-01-01");
    int e = day("2025-06-30");
    String other = "b".repeat(64);
    List<PseudonymisedRecord> records = List.of(
        record(MergeFixtures.PERSON, s, e, "ZIN").setLine(2).build(),
        record(MergeFixtures.PERSON, s, e, "ZIN").setLine(3).setType("07").build(),
        record(other, s, e, "ZIN").setLine(4).build(),
        record(null, s, e, "ZIN").setLine(5).build());
    List<Arrangement> out = merge(records);
    assertEquals(4, out.size());
    assertNull(out.get(0).getPseudonym(), "unknown persons sort first");
    assertEquals("02", out.get(1).getType());
    assertEquals("07", out.get(2).getType());
    assertEquals(other, out.get(3).getPseudonym());
  }

  @Test
  void outputCarriesGemeenteYearPersonAndType() {
    Arrangement a = merge(records("2025-01-01..2025-03-31 PGB R=02")).get(0);
    assertEquals(GEMEENTE, a.getGemeentecode());
    assertEquals(YEAR, a.getYear());
    assertEquals(MergeFixtures.PERSON, a.getPseudonym());
    assertEquals(MergeFixtures.TYPE, a.getType());
    assertEquals("PGB", a.getLeveringsvorm());
    assertEquals("02", a.getRedenBeeindiging());
  }

  @Test
  void recordOfAnotherGemeenteIsABug() {
    List<PseudonymisedRecord> records = List.of(
        record(MergeFixtures.PERSON, day("2025-01-01"), null, "ZIN").setGemeentecode("0014").build());
    assertThrows(IllegalArgumentException.class, () -> merge(records));
  }

  @ParameterizedTest(name = "{0}..{1} in year {2}: {3}")
  @CsvSource(textBlock = """
      2025-01-01, 2025-06-30, 2025, H12025
      2025-06-30, 2025-07-01, 2025, H12025 H22025
      2025-07-01, ,           2025, H22025
      2024-03-01, ,           2025, H12025 H22025
      2024-03-01, 2024-12-31, 2025, ''
      2025-01-01, ,           2024, ''
      2024-12-01, 2025-01-10, 2024, H22024
      """)
  void activeInOverlappingPeriodsOfItsOwnYear(String start, String end, int year, String expected) {
    Arrangement a = Arrangement.newBuilder()
        .setGemeentecode(GEMEENTE).setYear(year).setPseudonym(null).setType("01")
        .setLeveringsvorm("ZIN").setStart(day(start)).setEnd(end == null ? null : day(end))
        .setRedenBeeindiging(null).setRecords(1).build();
    List<Period> periods = List.of(Period.parse("H22025"), Period.parse("H12025"),
        Period.parse("H22024"), Period.parse("H12024"));
    assertEquals(expected, String.join(" ",
        ArrangementMerger.activePeriods(a, periods).stream().map(Period::code).toList()));
  }

  @Test
  void microdataCopiesTheArrangementForItsPeriod() {
    Arrangement a = merge(records("2025-01-01..2025-08-31 PGB R=02 | 2025-02-01..2025-03-01 PGB")).get(0);
    MicrodataArrangement m = ArrangementMerger.toMicrodata(a, Period.parse("H22025"));
    assertEquals("H22025", m.getPeriod());
    assertEquals(GEMEENTE, m.getGemeentecode());
    assertEquals(a.getPseudonym(), m.getPseudonym());
    assertEquals(a.getType(), m.getType());
    assertEquals(a.getStart(), m.getStart());
    assertEquals(a.getEnd(), m.getEnd());
    assertEquals("PGB", m.getLeveringsvorm());
    assertEquals("02", m.getRedenBeeindiging());
    assertEquals(2, m.getRecords());
    assertThrows(IllegalArgumentException.class,
        () -> ArrangementMerger.toMicrodata(a, Period.parse("H22024")));
  }

  @Test
  void mergerIsSerializable() {
    // Fails with NotSerializableException when a field (e.g. a lambda comparator) cannot be written.
    assertDoesNotThrow(() -> {
      try (ObjectOutputStream out = new ObjectOutputStream(new ByteArrayOutputStream())) {
        out.writeObject(ArrangementMerger.withDefaults());
      }
    });
  }
}
