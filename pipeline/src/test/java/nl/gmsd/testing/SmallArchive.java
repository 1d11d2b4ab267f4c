package nl.gmsd.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A small hand-made delivery archive and reference folder for run period H12025, with made-up
 * BSNs. Counts it should give are stated where the data is made.
 */
public final class SmallArchive {

  public static final String PERIOD = "H12025";
  public static final String HEADER =
      "AANMAAKDATUM;GEMEENTECODE;BSN;TYPE_ARRANGEMENT;STARTDATUM;EINDDATUM;LEVERINGSVORM;"
          + "TOEWIJZINGSNUMMER;VOLUME;EENHEID;FREQUENTIE;REDEN_BEEINDIGING;REDEN_WIJZIGING";

  public final Path archive;
  public final Path reference;
  public final Path keyFile;
  public final List<String> bsns;

  private SmallArchive(Path archive, Path reference, Path keyFile, List<String> bsns) {
    this.archive = archive;
    this.reference = reference;
    this.keyFile = keyFile;
    this.bsns = bsns;
  }

  /** One record line. */
  public static String record(String gemeente, String bsn, String type, String start, String end, String vorm, String toewijzing) {
    return String.join(";", "20240110", gemeente, bsn, type, start, end, vorm, toewijzing, "", "", "", "", "");
  }

  public static SmallArchive write(Path root) throws IOException {
    Path archive = Files.createDirectories(root.resolve("archive"));
    Path reference = Files.createDirectories(root.resolve("reference"));
    List<String> bsns = TestBsns.make(40, 20251);

    // Reference: the shipped division and mergers; 36 of the 40 persons are in the register.
    copyResource("/nl/gmsd/refdata/gemeenten.csv", reference.resolve("gemeenten.csv"));
    copyResource("/nl/gmsd/refdata/herindelingen.csv", reference.resolve("herindelingen.csv"));
    StringBuilder personen = new StringBuilder("bsn;geboortedatum;geslacht;huishouden\n");
    for (int i = 0; i < 36; i++) {
      int year = 1930 + (i * 7) % 90;
      personen.append(bsns.get(i)).append(';').append(year).append("0315;")
          .append(i % 2 == 0 ? "V" : "M").append(";HH").append(i / 2).append('\n');
    }
    Files.writeString(reference.resolve("personen.csv"), personen.toString());

    List<String> manifest = new ArrayList<>(List.of("received_at;account;file"));
    // Amsterdam (0363): H12024 and H22024 in their windows, H12025 now. Persons 0..13 in H12025.
    List<String> ams24a = new ArrayList<>();
    List<String> ams24b = new ArrayList<>();
    List<String> ams25 = new ArrayList<>();
    for (int i = 0; i < 14; i++) {
      ams24a.add(record("0363", bsns.get(i), "01", "20240101", "", "ZIN", "T" + i));
      ams24b.add(record("0363", bsns.get(i), "01", "20240101", "", "ZIN", "T" + i));
      ams25.add(record("0363", bsns.get(i), i % 3 == 0 ? "02" : "01", "20250101", "", i == 5 ? "PGB" : "ZIN", ""));
    }
    ams25.add(record("0363", "999999999", "11", "20250201", "20250301", "ZIN", ""));
    file(archive, "2024/WMO_H12024_ams.csv", ams24a);
    manifest.add("2024-07-15T10:00:00Z;0363;2024/WMO_H12024_ams.csv");
    file(archive, "2025a/WMO_H22024_ams.csv", ams24b);
    manifest.add("2025-01-20T10:00:00Z;0363;2025a/WMO_H22024_ams.csv");
    file(archive, "2025b/WMO_H12025_ams.csv", ams25);
    manifest.add("2025-07-10T10:00:00Z;0363;2025b/WMO_H12025_ams.csv");

    // Groningen (0014): a rejected file (a BSN failing the 11-test on line 3), then a correction.
    List<String> gron = new ArrayList<>();
    for (int i = 14; i < 26; i++) {
      gron.add(record("0014", bsns.get(i), "07", "20250115", "20250615", "ZIN", ""));
    }
    List<String> bad = new ArrayList<>(gron);
    bad.set(1, record("0014", "123456789", "07", "20250115", "20250615", "ZIN", ""));
    file(archive, "2025b/WMO_H12025_gron.csv", bad);
    manifest.add("2025-07-11T10:00:00Z;0014;2025b/WMO_H12025_gron.csv");
    file(archive, "2025b/WMO_H12025_gron-v2.csv", gron);
    manifest.add("2025-07-12T10:00:00Z;0014;2025b/WMO_H12025_gron-v2.csv");

    // 's-Gravenhage (0518): delivered, then withdrew consent.
    List<String> haag = new ArrayList<>();
    for (int i = 26; i < 40; i++) {
      haag.add(record("0518", bsns.get(i), "15", "20250101", "", "ZIN", ""));
    }
    file(archive, "2025b/WMO_H12025_haag.csv", haag);
    manifest.add("2025-07-13T10:00:00Z;0518;2025b/WMO_H12025_haag.csv");
    Files.writeString(archive.resolve("withdrawals.csv"), "gemeentecode;period;withdrawn_at\n0518;H12025;2025-08-01T00:00:00Z\n");

    // A manifest row whose file is missing (F10).
    manifest.add("2025-07-14T10:00:00Z;0599;2025b/WMO_H12025_rdam.csv");
    Files.writeString(archive.resolve("manifest.csv"), String.join("\n", manifest) + "\n");

    Path key = root.resolve("test.key");
    Files.write(key, "0123456789abcdef0123456789abcdef-test-key".getBytes(StandardCharsets.US_ASCII));
    return new SmallArchive(archive, reference, key, bsns);
  }

  private static void file(Path archive, String name, List<String> records) throws IOException {
    Path f = archive.resolve(name);
    Files.createDirectories(f.getParent());
    Files.writeString(f, HEADER + "\n" + String.join("\n", records) + "\n");
  }

  private static void copyResource(String resource, Path target) throws IOException {
    try (InputStream in = SmallArchive.class.getResourceAsStream(resource)) {
      Files.copy(in, target);
    }
  }
}
