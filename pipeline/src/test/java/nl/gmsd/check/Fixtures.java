package nl.gmsd.check;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import nl.gmsd.avro.DeliveryRecord;
import nl.gmsd.avro.FileVerdict;
import nl.gmsd.avro.Finding;
import nl.gmsd.avro.Upload;
import nl.gmsd.common.Period;
import nl.gmsd.common.ReferenceData;

/** Builds delivery files in code: valid records by default, any field corruptible. */
final class Fixtures {

  static final String HEADER = "AANMAAKDATUM;GEMEENTECODE;BSN;TYPE_ARRANGEMENT;STARTDATUM;EINDDATUM;"
      + "LEVERINGSVORM;TOEWIJZINGSNUMMER;VOLUME;EENHEID;FREQUENTIE;REDEN_BEEINDIGING;REDEN_WIJZIGING";
  static final String NAME = "WMO_H12025_Amsterdam.csv";
  /** Received in H2 2025, so in the window of H12025. */
  static final String RECEIVED_AT = "2025-07-15T10:00:00Z";
  static final Period RUN = Period.parse("H12025");

  static final Protocol PROTOCOL = Protocols.forPeriod(RUN).wmo();
  static final ReferenceData REFERENCE = ReferenceData.shipped();
  static final FileChecker CHECKER = new FileChecker(REFERENCE);

  private Fixtures() {}

  /** A made-up BSN passing the 11-test, different for every n. */
  static String bsn(int n) {
    for (int base = 10_000_000 + n * 13; ; base += 7_919_000) {
      String d8 = String.format("%08d", base % 100_000_000);
      int sum = 0;
      for (int i = 0; i < 8; i++) {
        sum += (9 - i) * (d8.charAt(i) - '0');
      }
      int check = sum % 11;
      if (check < 10) {
        return d8 + check;
      }
    }
  }

  static boolean elevenProof(String b) {
    int sum = 0;
    for (int i = 0; i < 8; i++) {
      sum += (9 - i) * (b.charAt(i) - '0');
    }
    return Math.floorMod(sum - (b.charAt(8) - '0'), 11) == 0;
  }

  /** The fields of a valid record, distinct per n (so no W31). */
  static String[] record(int n) {
    return new String[] {"20250701", "0363", bsn(n), "02", "20250101", "20250630", "ZIN",
        "T-" + n, "10", "04", "2", "", "01"};
  }

  static String line(String[] fields) {
    return String.join(";", fields);
  }

  /** A file of a header and {@code n} valid records, as lines (header first). */
  static List<String> validLines(int n) {
    List<String> lines = new ArrayList<>();
    lines.add(HEADER);
    for (int i = 0; i < n; i++) {
      lines.add(line(record(i)));
    }
    return lines;
  }

  /** Sets field {@code column} (0-based) of the record at physical line {@code lineNo}. */
  static void corrupt(List<String> lines, int lineNo, int column, String value) {
    String[] f = lines.get(lineNo - 1).split(";", -1);
    f[column] = value;
    lines.set(lineNo - 1, line(f));
  }

  static byte[] bytes(List<String> lines, String eol, boolean bom, boolean finalEol) {
    StringBuilder b = new StringBuilder(bom ? "\uFEFF" : "");
    for (int i = 0; i < lines.size(); i++) {
      b.append(lines.get(i));
      if (i < lines.size() - 1 || finalEol) {
        b.append(eol);
      }
    }
    return b.toString().getBytes(StandardCharsets.UTF_8);
  }

  static byte[] bytes(List<String> lines) {
    return bytes(lines, "\n", false, true);
  }

  static Upload upload(String file) {
    return upload(file, RECEIVED_AT);
  }

  static Upload upload(String file, String receivedAt) {
    Instant at = Instant.parse(receivedAt);
    return Upload.newBuilder()
        .setFile(file)
        .setReceivedAt(receivedAt)
        .setReceivedAtMillis(at.toEpochMilli())
        .setAccount("0363")
        .setWindow(Period.windowOf(at).code())
        .setManifestLine(2)
        .setPresent(true)
        .build();
  }

  static FileVerdict check(String file, byte[] content) {
    try {
      return CHECKER.check(upload(file), RUN, new ByteArrayInputStream(content));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static FileVerdict check(List<String> lines) {
    return check(NAME, bytes(lines));
  }

  static List<DeliveryRecord> approved(String file, byte[] content) {
    FileVerdict v = check(file, content);
    List<DeliveryRecord> out = new ArrayList<>();
    try {
      CHECKER.approvedRecords(upload(file), v, new ByteArrayInputStream(content), DeliveryRecord.class, out::add);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    // The first pass counts what the second hands on (the run facts take the count from it).
    org.junit.jupiter.api.Assertions.assertEquals(v.getRecordsPassedOn(), out.size(), "records passed on");
    return out;
  }

  static Finding finding(FileVerdict v, String code) {
    return v.getFindings().stream().filter(f -> f.getCode().equals(code)).findFirst().orElse(null);
  }

  static List<String> codes(FileVerdict v) {
    return v.getFindings().stream().map(Finding::getCode).toList();
  }

  /** Bytes of a stream, for tests that write a large input. */
  static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.write(p, 0, p.length);
    }
    return out.toByteArray();
  }
}
