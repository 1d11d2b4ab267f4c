package nl.gmsd.check;

import static nl.gmsd.check.Fixtures.corrupt;
import static nl.gmsd.check.Fixtures.validLines;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import nl.gmsd.avro.FileVerdict;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CheckReportsTest {

  private final CheckReports reports = new CheckReports();

  private static FileVerdict rejected() {
    List<String> lines = validLines(14);
    for (int l = 2; l <= 14; l++) {
      corrupt(lines, l, 2, "123456789");
    }
    corrupt(lines, 15, 1, "0844");
    return Fixtures.check(lines);
  }

  @ParameterizedTest
  @CsvSource({"a/b/WMO_H12025_x.csv,a__b__WMO_H12025_x.csv", "WMO_H12025_x.csv,WMO_H12025_x.csv"})
  void reportFileName(String path, String expected) {
    assertEquals(expected, CheckReports.reportFileName(path));
  }

  @Test
  void jsonHasTheKeysInFixedOrder() {
    FileVerdict v = rejected();
    String json = reports.json(v);
    String[] keys = {"\"file\"", "\"received_at\"", "\"gemeentecode\"", "\"period\"", "\"verdict\"",
        "\"errors\"", "\"in_force\"", "\"in_force_file\"", "\"blanked\"", "\"records\"", "\"findings\""};
    int at = -1;
    for (String k : keys) {
      int next = json.indexOf(k + ":");
      assertTrue(next > at, k + " out of order in " + json);
      at = next;
    }
    assertTrue(json.contains("\"code\": \"R13\", \"field\": \"BSN\", \"count\": 13, "
        + "\"lines\": [2,3,4,5,6,7,8,9,10,11], \"description\": \"BSN bestaat niet"), json);
    assertTrue(json.contains("\"code\": \"F08\", \"field\": null, \"count\": 1, \"lines\": [15]"), json);
    assertTrue(json.contains("0844 → 1948"), json);
    assertTrue(json.contains("\"in_force_file\": null"));
    assertEquals(json, reports.json(v), "deterministic");
    assertFalse(json.contains("123456789"));
  }

  @Test
  void jsonEscapesStrings() {
    FileVerdict v = Fixtures.CHECKER.missing(Fixtures.upload("a\"b\\c.csv"), Fixtures.RUN);
    assertTrue(reports.json(v).contains("\"file\": \"a\\\"b\\\\c.csv\""));
    assertEquals("[]\n", reports.jsonArray(List.of()));
  }

  @Test
  void verdictsCsvIsSortedByFileInOrdinalOrder() {
    FileVerdict a = Fixtures.CHECKER.missing(Fixtures.upload("b/WMO_H12025_x.csv"), Fixtures.RUN);
    FileVerdict b = Fixtures.check(validLines(2));
    b.setFile("B/WMO_H12025_x.csv");
    b.setInForce(true);
    FileVerdict c = Fixtures.CHECKER.missing(Fixtures.upload("\uFF21.csv"), Fixtures.RUN);
    FileVerdict d = Fixtures.CHECKER.missing(Fixtures.upload("\uD83D\uDE00.csv"), Fixtures.RUN);
    String csv = reports.verdictsCsv(List.of(d, c, a, b));
    assertEquals("file;received_at;gemeentecode;period;verdict;errors;in_force\n"
        + "B/WMO_H12025_x.csv;2025-07-15T10:00:00Z;0363;H12025;GOEDGEKEURD;0;true\n"
        + "b/WMO_H12025_x.csv;2025-07-15T10:00:00Z;0363;H12025;AFGEKEURD;1;false\n"
        + "\uFF21.csv;2025-07-15T10:00:00Z;0363;;AFGEKEURD;1;false\n"
        + "\uD83D\uDE00.csv;2025-07-15T10:00:00Z;0363;;AFGEKEURD;1;false\n", csv);
  }

  @Test
  void dutchTextTellsWhatIsWrongHowToFixItAndWhatIsInForce() {
    FileVerdict v = rejected();
    v.setInForceFile("WMO_H12025_eerder.csv");
    String text = reports.dutchText(v);
    assertTrue(text.contains("Bestandsnaam:             " + Fixtures.NAME), text);
    assertTrue(text.contains("Tijdstip van aanlevering: 2025-07-15T10:00:00Z"), text);
    assertTrue(text.contains("Oordeel:                  AFGEKEURD"), text);
    assertTrue(text.contains("Aantal fouten:            15"), text);
    assertTrue(text.contains(Fixtures.PROTOCOL.text("R13").description()), text);
    assertTrue(text.contains(Fixtures.PROTOCOL.text("R13").fix()), text);
    assertTrue(text.contains("Regelnummers:  2, 3, 4, 5, 6, 7, 8, 9, 10, 11 (de eerste 10)"), text);
    assertTrue(text.contains("0844 → 1948"), text);
    assertTrue(text.contains("Van kracht voor gemeente 0363 en periode H12025 is de levering "
        + "WMO_H12025_eerder.csv."), text);
    assertFalse(text.contains("123456789"));
    v.setInForceFile(null);
    assertTrue(reports.dutchText(v).contains("is op dit moment geen levering van kracht"));
    v.setInForce(true);
    assertTrue(reports.dutchText(v).contains("Deze levering is nu van kracht"));
    assertFalse(reports.dutchText(v, false).contains("Deze levering is nu van kracht"));
  }

  @Test
  void dutchTextSaysWhenOptionalFieldsWereEmptied() {
    List<String> lines = validLines(2);
    corrupt(lines, 2, 10, "7");
    String text = reports.dutchText(Fixtures.check(lines));
    assertTrue(text.contains("alle optionele velden (TOEWIJZINGSNUMMER, VOLUME, EENHEID, FREQUENTIE, "
        + "REDEN_BEEINDIGING, REDEN_WIJZIGING) van het hele bestand leeggemaakt"), text);
    assertTrue(text.contains("O23 (FREQUENTIE)"), text);
    assertTrue(reports.dutchText(Fixtures.check(validLines(2))).contains("niet leeggemaakt"));
  }

  @Test
  void refusedDeliveryIsReportedAsSuch() {
    FileVerdict v = Fixtures.check(validLines(1));
    v.setVerdict("GEWEIGERD");
    v.setFindings(List.of(nl.gmsd.avro.Finding.newBuilder().setCode("F09").setField(null)
        .setCount(1).setLines(List.of()).setDetail(null).build()));
    v.setErrors(1);
    String text = reports.dutchText(v);
    assertTrue(text.contains("GEWEIGERD"));
    assertTrue(text.contains(Fixtures.PROTOCOL.text("F09").description()));
  }
}
