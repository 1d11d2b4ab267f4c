package nl.gmsd.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import nl.gmsd.avro.DeliveryRecord;
import nl.gmsd.avro.FileVerdict;
import nl.gmsd.avro.Upload;
import nl.gmsd.common.Period;
import nl.gmsd.common.ReferenceData;
import org.junit.jupiter.api.Test;

class ProtocolTest {

  private final Protocol protocol = Protocols.forPeriod(Period.parse("H12025")).wmo();

  /** The shipped protocol resources, with some files changed as a later protocol would change them. */
  static FileKinds shippedWith(Map<String, UnaryOperator<String>> changes) {
    return FileKinds.load(name -> {
      InputStream in = FileKinds.class.getResourceAsStream("/nl/gmsd/check/" + name);
      UnaryOperator<String> change = changes.get(name);
      if (in == null || change == null) {
        return in;
      }
      try (in) {
        String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        return new ByteArrayInputStream(change.apply(text).getBytes(StandardCharsets.UTF_8));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
  }

  @Test
  void everyCodeOfTheSpecHasADutchDescriptionAndFix() {
    List<String> shared = List.of("F01", "F02", "F03", "F04", "F05", "F06", "F07", "F08", "F09",
        "F10", "F11", "F12", "R01", "R02", "R03", "R11", "R12");
    Map<String, List<String>> own = Map.of(
        "WMO", List.of("O20", "O21", "O22", "O23", "O24", "O25", "R10", "R13", "R14", "R15", "R16", "R17", "R18",
            "W30", "W31", "W32"),
        "SBO", List.of("R40", "R42", "R43", "W33"),
        "JEUGD", List.of("R41", "R42", "R43"));
    for (Protocol p : Protocols.forPeriod(Period.parse("H12018")).kinds()) {
      TreeSet<String> expected = new TreeSet<>(shared);
      expected.addAll(own.get(p.kind()));
      assertEquals(expected, p.codes(), p.kind());
      for (String c : expected) {
        assertFalse(p.text(c).description().isBlank(), c);
        assertFalse(p.text(c).fix().isBlank(), c);
        assertFalse(p.text(c).description().contains("{") || p.text(c).fix().contains("{"), p.kind() + " " + c);
      }
    }
  }

  @Test
  void theWmoTextsAreThoseOfBeforeTheKindsWereData() {
    // The shared texts are filled in per kind; for Wmo they must read exactly as before (issue 18).
    assertEquals("De bestandsnaam heeft niet de vorm WMO_<periode>_<vrije tekst>, bijvoorbeeld WMO_H12025_Gemeente.csv.",
        protocol.text("F02").description());
    assertEquals("Noem het bestand WMO_, dan de periode (H1 of H2 en het jaar, bijvoorbeeld H12025), dan _ en een vrije"
        + " tekst. Let op hoofdletters: WMO en H.", protocol.text("F02").fix());
    assertEquals("Zet op regel 1 de kopregel met de 13 kolomnamen, gescheiden door ;, en daaronder de records.",
        protocol.text("F06").fix());
    assertEquals("Zet op regel 1 precies: " + Fixtures.HEADER + " (hoofd- of kleine letters maakt niet uit).",
        protocol.text("F07").fix());
    assertEquals("Zorg dat elk record precies 13 velden heeft, gescheiden door 12 puntkomma's (;), ook als velden leeg"
        + " zijn. Verwijder lege regels en gebruik geen ; binnen een veld.", protocol.text("R01").fix());
  }

  @Test
  void theCostKindsHaveTheirOwnNamesHeadersAndCounts() {
    Protocol sbo = Protocols.forPeriod(Period.parse("H12018")).kind("SBO");
    assertEquals("GEMEENTECODE;IV3_CATEGORIE;KOSTEN", sbo.header());
    assertTrue(sbo.text("F02").description().contains("SBO_<periode>_<vrije tekst>, bijvoorbeeld SBO_H12018_Gemeente.csv"));
    assertTrue(sbo.text("R01").description().contains("precies 3 velden"));
    assertTrue(sbo.text("R01").fix().contains("gescheiden door 2 puntkomma's"));
    assertTrue(sbo.text("F12").description().contains("SBO_ worden alleen aangenomen over de perioden van 2016 tot en met 2019"));
    assertTrue(sbo.text("W33").description().contains("20.000 inwoners of meer"));
    assertEquals("Eerstelijnsloket Wmo en Jeugd", sbo.categoryLabel("670"));
    Protocol jeugd = Protocols.forPeriod(Period.parse("H22019")).kind("JEUGD");
    assertEquals("GEMEENTECODE;TYPE_VOORZIENING;KOSTEN", jeugd.header());
    assertEquals(List.of("1", "2", "3", "4", "5", "6"), jeugd.columnFor("category").allowed());
    assertEquals("Jeugdreclassering", jeugd.categoryLabel("5"));
    assertEquals("CostRecord", jeugd.recordType());
    assertEquals(List.of(), jeugd.optionalColumns());
  }

  @Test
  void theKindsInForceFollowThePeriodsYear() {
    assertEquals(List.of("WMO"), kinds("H22015"));
    assertEquals(List.of("WMO", "SBO", "JEUGD"), kinds("H12016"));
    assertEquals(List.of("WMO", "SBO", "JEUGD"), kinds("H22019"));
    assertEquals(List.of("WMO"), kinds("H12020"));
    assertEquals(List.of("WMO"), kinds("H12025"));
    FileKind sbo = FileKinds.shipped().kind("SBO");
    assertEquals(2019, sbo.protocolYear(2025));
    assertEquals(2016, sbo.protocolYear(2015));
    assertEquals(2018, sbo.protocolYear(2018));
    assertThrows(IllegalArgumentException.class, () -> Protocols.forPeriod(Period.parse("H12021")).kind("SBO"));
  }

  private static List<String> kinds(String period) {
    return Protocols.forPeriod(Period.parse(period)).kinds().stream().map(Protocol::kind).toList();
  }

  @Test
  void aFileNamesItsKindByItsPrefixWhateverTheCase() {
    FileKinds kinds = FileKinds.shipped();
    assertEquals("SBO", kinds.kindOf("2018/SBO_H12018_x.csv").id());
    assertEquals("SBO", kinds.kindOf("sbo_H12018_x.csv").id());
    assertEquals("JEUGD", kinds.kindOf("a/b/Jeugd_H12018_x.txt").id());
    assertEquals("WMO", kinds.kindOf("WMO_H12018_x.csv").id());
    assertEquals("WMO", kinds.kindOf("kosten_H12018.csv").id(), "no known prefix: the first kind");
  }

  @Test
  void columnsAndHeader() {
    assertEquals(13, protocol.columns().size());
    assertEquals(Fixtures.HEADER, protocol.header());
    assertEquals("R17", protocol.code("endBeforeStart"));
    assertTrue(protocol.rejects("R02"));
    assertTrue(protocol.isOptional("O22"));
    assertFalse(protocol.isError("W31"));
    assertEquals(2, protocol.indexOf("bsn"));
    assertEquals(-1, protocol.indexOf("category"));
    assertEquals("a;;c;;;;;;;;;;", protocol.join(new String[] {"a", null, "c", "", "", "", "", "", "", "", "", "", ""}));
  }

  /** A 2027 column: one line in wmo-columns.csv (and its code's text), no code. */
  private static final Map<String, UnaryOperator<String>> COLUMN_FROM_2027 = Map.of(
      "wmo-columns.csv", t -> t + "PERSOONSGEBONDEN_TOELICHTING;;optional;token;1;20;yes;;O26;no;2027;\n",
      "wmo-codes.csv", t -> t + "O26;optional;PERSOONSGEBONDEN_TOELICHTING is te lang.;Vul maximaal 20 tekens in.\n");

  @Test
  void aColumnFromSomeYearOnIsOneLineOfData() throws IOException {
    FileKinds kinds = shippedWith(COLUMN_FROM_2027);
    Protocol y2026 = kinds.forYear(2026).wmo();
    Protocol y2027 = kinds.forYear(2027).wmo();
    assertEquals(13, y2026.columns().size());
    assertEquals(14, y2027.columns().size());
    assertEquals(Fixtures.HEADER + ";PERSOONSGEBONDEN_TOELICHTING", y2027.header());
    assertTrue(y2027.text("R01").description().contains("precies 14 velden"));
    assertTrue(y2027.text("F07").fix().contains(y2027.header()));
    assertFalse(y2026.text("F07").fix().contains("PERSOONSGEBONDEN"));

    FileChecker checker = new FileChecker(kinds, ReferenceData.shipped()).withLatestDivisionFallback();
    Upload upload = Fixtures.upload("WMO_H12027_Amsterdam.csv", "2027-07-15T10:00:00Z");
    List<String> lines = new ArrayList<>();
    lines.add(y2027.header());
    lines.add(String.join(";", "20270701", "0363", Fixtures.bsn(1), "02", "20270101", "", "ZIN", "", "", "", "", "",
        "", "toelichting-1"));
    FileVerdict v = checker.check(upload, Period.parse("H12027"), new ByteArrayInputStream(Fixtures.bytes(lines)));
    assertEquals(FileChecker.APPROVED, v.getVerdict(), v.toString());
    assertEquals(2027, v.getProtocolYear());
    List<DeliveryRecord> records = new ArrayList<>();
    checker.approvedRecords(upload, v, new ByteArrayInputStream(Fixtures.bytes(lines)), DeliveryRecord.class, records::add);
    assertEquals(1, records.size());
    assertEquals(Fixtures.bsn(1), records.get(0).getBsn());

    // The 2026 layout is now a header error in 2027, and the other way round.
    FileVerdict old = checker.check(upload, Period.parse("H12027"), new ByteArrayInputStream(Fixtures.bytes(
        List.of(Fixtures.HEADER, String.join(";", "20270701", "0363", Fixtures.bsn(1), "02", "20270101", "", "ZIN", "",
            "", "", "", "", "")))));
    assertEquals(List.of("F07", "R01"), Fixtures.codes(old));
  }

  @Test
  void recordsAreBuiltFromTheColumnsRolesInWhateverOrder() throws IOException {
    // A protocol that puts BSN first: the records are the same, since no code knows the order.
    FileKinds reordered = shippedWith(Map.of("wmo-columns.csv", t -> {
      List<String> rows = new ArrayList<>(List.of(t.split("\n")));
      String bsn = rows.remove(3);
      rows.add(1, bsn);
      return String.join("\n", rows) + "\n";
    }));
    Protocol p = reordered.forYear(2025).wmo();
    assertEquals(0, p.indexOf("bsn"));
    List<String> lines = new ArrayList<>(List.of(p.header()));
    for (int i = 0; i < 3; i++) {
      String[] f = Fixtures.record(i);
      String[] moved = new String[f.length];
      for (Protocol.Column c : protocol.columns()) {
        moved[p.indexOf(c.role())] = f[c.position() - 1];
      }
      lines.add(p.join(moved));
    }
    FileChecker checker = new FileChecker(reordered, ReferenceData.shipped());
    Upload upload = Fixtures.upload(Fixtures.NAME);
    FileVerdict v = checker.check(upload, Fixtures.RUN, new ByteArrayInputStream(Fixtures.bytes(lines)));
    List<DeliveryRecord> records = new ArrayList<>();
    checker.approvedRecords(upload, v, new ByteArrayInputStream(Fixtures.bytes(lines)), DeliveryRecord.class, records::add);
    assertEquals(Fixtures.approved(Fixtures.NAME, Fixtures.bytes(Fixtures.validLines(3))), records);
  }

  @Test
  void aDescriptionThatDoesNotFitTogetherFailsWhenLoaded() {
    assertThrows(IllegalStateException.class, () -> shippedWith(Map.of(
        "wmo-columns.csv", t -> t + "NIEUW;;basis;digits;1;2;no;;R99;no;;\n")), "a code without text");
    assertThrows(IllegalStateException.class, () -> shippedWith(Map.of(
        "sbo-columns.csv", t -> t.replace(";category;", ";;"))), "the duplicate-category rule without a category");
    assertThrows(IllegalStateException.class, () -> shippedWith(Map.of(
        "jeugd-codes.csv", t -> t + "R42;basis;twice;twice\n")), "a code with two texts");
    assertThrows(IllegalStateException.class, () -> shippedWith(Map.of(
        "sbo-protocol.properties", t -> t.replace("name.structure=SBO_", "name.structure=XBO_"))));
  }

  @Test
  void checkerAndReportsAreSerializable() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(Fixtures.CHECKER);
      out.writeObject(new CheckReports());
    }
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      FileChecker copy = (FileChecker) in.readObject();
      assertEquals(Fixtures.check(Fixtures.validLines(3)),
          copy.check(Fixtures.upload(Fixtures.NAME), Fixtures.RUN,
              new ByteArrayInputStream(Fixtures.bytes(Fixtures.validLines(3)))));
    }
  }
}
