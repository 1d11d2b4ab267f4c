package nl.gmsd.check;

import static nl.gmsd.check.Fixtures.NAME;
import static nl.gmsd.check.Fixtures.approved;
import static nl.gmsd.check.Fixtures.bytes;
import static nl.gmsd.check.Fixtures.corrupt;
import static nl.gmsd.check.Fixtures.validLines;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.time.LocalDate;
import java.util.List;
import nl.gmsd.avro.DeliveryRecord;
import nl.gmsd.avro.FileVerdict;
import org.junit.jupiter.api.Test;

class ApprovedRecordsTest {

  private static int day(String yyyymmdd) {
    return (int) LocalDate.of(Integer.parseInt(yyyymmdd.substring(0, 4)),
        Integer.parseInt(yyyymmdd.substring(4, 6)), Integer.parseInt(yyyymmdd.substring(6))).toEpochDay();
  }

  @Test
  void recordsOutsideThePeriodAndDuplicatesAreLeftOutUnknownBsnGoesOn() {
    List<String> lines = validLines(5);
    corrupt(lines, 2, 4, "20240101");
    corrupt(lines, 2, 5, "20241231"); // W30
    corrupt(lines, 3, 2, "999999999"); // W32: goes on
    corrupt(lines, 4, 5, ""); // running
    corrupt(lines, 4, 7, "");
    lines.add(lines.get(4)); // line 7 duplicates line 5: W31
    List<DeliveryRecord> out = approved(NAME, bytes(lines, "\r\n", true, true));
    assertEquals(List.of(3, 4, 5, 6), out.stream().map(DeliveryRecord::getLine).toList());
    DeliveryRecord w32 = out.get(0);
    assertEquals("999999999", w32.getBsn());
    DeliveryRecord running = out.get(1);
    assertEquals(day("20250101"), running.getStart());
    assertNull(running.getEnd());
    assertNull(running.getToewijzingsnummer(), "empty optional field is null");
    DeliveryRecord full = out.get(2);
    assertEquals(Fixtures.bsn(3), full.getBsn());
    assertEquals("0363", full.getGemeentecode());
    assertEquals("H12025", full.getPeriod());
    assertEquals(NAME, full.getFile());
    assertEquals("02", full.getType());
    assertEquals(day("20250630"), full.getEnd());
    assertEquals("ZIN", full.getLeveringsvorm());
    assertEquals("T-3", full.getToewijzingsnummer());
    assertEquals("10", full.getVolume());
    assertEquals("04", full.getEenheid());
    assertEquals("2", full.getFrequentie());
    assertNull(full.getRedenBeeindiging());
    assertEquals("01", full.getRedenWijziging());
  }

  @Test
  void blankedFileHandsOnNoOptionalField() {
    List<String> lines = validLines(3);
    corrupt(lines, 3, 12, "77"); // O25: the whole file is blanked
    List<DeliveryRecord> out = approved(NAME, bytes(lines));
    assertEquals(3, out.size());
    for (DeliveryRecord r : out) {
      assertNull(r.getToewijzingsnummer());
      assertNull(r.getVolume());
      assertNull(r.getEenheid());
      assertNull(r.getFrequentie());
      assertNull(r.getRedenBeeindiging());
      assertNull(r.getRedenWijziging());
      assertEquals("ZIN", r.getLeveringsvorm());
    }
  }

  @Test
  void rejectedFileHasNoApprovedRecords() {
    List<String> lines = validLines(2);
    corrupt(lines, 2, 3, "99");
    FileVerdict v = Fixtures.check(lines);
    assertEquals(0, v.getRecordsPassedOn());
    assertThrows(IllegalArgumentException.class, () -> Fixtures.CHECKER.approvedRecords(
        Fixtures.upload(NAME), v, new ByteArrayInputStream(bytes(lines)), nl.gmsd.avro.DeliveryRecord.class, r -> { }));
  }

  @Test
  void everyRecordIsAccountedFor() {
    java.util.Random random = new java.util.Random(7L);
    for (int round = 0; round < 30; round++) {
      long seed = random.nextLong();
      java.util.Random r = new java.util.Random(seed);
      List<String> lines = validLines(1 + r.nextInt(40));
      int n = lines.size() - 1;
      for (int i = 0; i < n / 3; i++) {
        lines.add(lines.get(1 + r.nextInt(n))); // duplicates
      }
      FileVerdict v = Fixtures.check(lines);
      long w31 = v.getFindings().stream().filter(f -> f.getCode().equals("W31"))
          .mapToLong(f -> f.getCount()).sum();
      List<DeliveryRecord> out = approved(NAME, bytes(lines));
      assertEquals(v.getRecords() - w31, out.size(), "seed " + seed);
      assertEquals(n, out.size(), "seed " + seed);
    }
  }
}
