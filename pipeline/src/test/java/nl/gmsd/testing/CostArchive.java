package nl.gmsd.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A small hand-made archive for run period H12018 with all three file kinds of the 2016-2019
 * protocol (SPEC 12): Wmo files, and SBO and JEUGD cost files with corrections, a rejected
 * correction, a re-delivery of H22017, a partnership upload, a withdrawal, an SBO file of a large
 * gemeente, a repeated category and a cost file of a period out of force. The figures it should
 * give are worked out where the data is made, and in {@code CostFilesPipelineIT}.
 *
 * <p>Inhabitants (gemeenten.csv, 2017 and 2018): Groningen 0014 200 000, Schiermonnikoog 0088
 * 1 000, Vlieland 0096 1 200, Ameland 0060 3 600 (these three in Friesland), Amsterdam 0363
 * 850 000, Rotterdam 0599 640 000, every other gemeente 10 000.
 */
public final class CostArchive {

  public static final String PERIOD = "H12018";
  public static final Map<String, Long> INHABITANTS = Map.of(
      "0014", 200_000L, "0088", 1_000L, "0096", 1_200L, "0060", 3_600L, "0363", 850_000L, "0599", 640_000L);
  static final long OTHERS = 10_000L;
  static final String SBO = "GEMEENTECODE;IV3_CATEGORIE;KOSTEN";
  static final String JEUGD = "GEMEENTECODE;TYPE_VOORZIENING;KOSTEN";

  public final Path archive;
  public final Path reference;
  public final Path keyFile;
  public final List<String> bsns;
  /** The manifest's rows of the cost files, to leave them out for a Wmo-only twin. */
  public final List<String> costManifestRows;

  private CostArchive(Path archive, Path reference, Path keyFile, List<String> bsns, List<String> costRows) {
    this.archive = archive;
    this.reference = reference;
    this.keyFile = keyFile;
    this.bsns = bsns;
    this.costManifestRows = costRows;
  }

  public static CostArchive write(Path root) throws IOException {
    Path archive = Files.createDirectories(root.resolve("archive"));
    Path reference = Files.createDirectories(root.resolve("reference"));
    List<String> bsns = TestBsns.make(12, 20181);
    writeGemeenten(reference.resolve("gemeenten.csv"));
    copy("/nl/gmsd/refdata/herindelingen.csv", reference.resolve("herindelingen.csv"));
    StringBuilder personen = new StringBuilder("bsn;geboortedatum;geslacht;huishouden\n");
    for (int i = 0; i < bsns.size(); i++) {
      personen.append(bsns.get(i)).append(';').append(1940 + i * 5).append("0601;").append(i % 2 == 0 ? "V" : "M")
          .append(";HH").append(i).append('\n');
    }
    Files.writeString(reference.resolve("personen.csv"), personen.toString());

    List<String> manifest = new ArrayList<>(List.of("received_at;account;file"));
    List<String> costRows = new ArrayList<>();
    // Wmo: Amsterdam for H22017 (window H22017: uploads of January-June 2018) and H12018, and
    // Schiermonnikoog for H12018: the Wmo path must be as without cost files.
    List<String> ams17 = new ArrayList<>();
    List<String> ams18 = new ArrayList<>();
    for (int i = 0; i < 9; i++) {
      ams17.add(SmallArchive.record("0363", bsns.get(i), "01", "20170801", "", "ZIN", "T" + i).replace("20240110", "20180105"));
      ams18.add(SmallArchive.record("0363", bsns.get(i), i < 3 ? "02" : "01", "20180101", "", "ZIN", "")
          .replace("20240110", "20180705"));
    }
    wmo(archive, manifest, "2018-02-10T10:00:00Z", "0363", "2018a/WMO_H22017_ams.csv", ams17);
    wmo(archive, manifest, "2018-08-10T10:00:00Z", "0363", "2018b/WMO_H12018_ams.csv", ams18);
    List<String> schier = new ArrayList<>();
    for (int i = 9; i < 12; i++) {
      schier.add(SmallArchive.record("0088", bsns.get(i), "14", "20180201", "20180501", "ZIN", "")
          .replace("20240110", "20180705"));
    }
    wmo(archive, manifest, "2018-08-11T09:00:00Z", "0088", "2018b/WMO_H12018_schier.csv", schier);

    // Schiermonnikoog, JEUGD H12018: a correction adds category 4 and changes 1 (v2 in force).
    cost(archive, manifest, costRows, "2018-08-11T10:00:00Z", "0088", "2018b/JEUGD_H12018_schier.csv", JEUGD,
        "0088;1;30000", "0088;2;12000", "0088;3;50000");
    cost(archive, manifest, costRows, "2018-08-20T10:00:00Z", "0088", "2018b/JEUGD_H12018_schier-v2.csv", JEUGD,
        "0088;1;31000", "0088;2;12000", "0088;3;50000", "0088;4;2500");
    // Schiermonnikoog, SBO H12018: v1 approved; v2 rejected (thousands separator, R42), so v1 stays.
    cost(archive, manifest, costRows, "2018-08-11T10:05:00Z", "0088", "2018b/SBO_H12018_schier.csv", SBO,
        "0088;670;8000", "0088;671;4000");
    cost(archive, manifest, costRows, "2018-08-21T10:00:00Z", "0088", "2018b/SBO_H12018_schier-v2.csv", SBO,
        "0088;670;8.500", "0088;671;4000");
    // Schiermonnikoog, JEUGD H22017 in its own window, re-delivered in the window of H12018.
    cost(archive, manifest, costRows, "2018-02-12T10:00:00Z", "0088", "2018a/JEUGD_H22017_schier.csv", JEUGD,
        "0088;1;28000", "0088;3;45000");
    cost(archive, manifest, costRows, "2018-08-15T10:00:00Z", "0088", "2018b/JEUGD_H22017_schier-r.csv", JEUGD,
        "0088;1;29000", "0088;3;45000");
    // Vlieland: its files uploaded by Schiermonnikoog's coordinator (a partnership).
    cost(archive, manifest, costRows, "2018-08-11T11:00:00Z", "0088", "2018b/JEUGD_H12018_vlie.csv", JEUGD,
        "0096;1;20000", "0096;3;60000");
    cost(archive, manifest, costRows, "2018-08-11T11:05:00Z", "0088", "2018b/SBO_H12018_vlie.csv", SBO,
        "0096;670;9000");
    // Ameland: JEUGD delivered, then withdrawn (1 September); its SBO file comes after the
    // withdrawal and so gives consent for the SBO costs again.
    cost(archive, manifest, costRows, "2018-08-12T10:00:00Z", "0060", "2018b/JEUGD_H12018_ameland.csv", JEUGD,
        "0060;1;50000");
    cost(archive, manifest, costRows, "2018-09-05T10:00:00Z", "0060", "2018b/SBO_H12018_ameland.csv", SBO,
        "0060;670;7000");
    Files.writeString(archive.resolve("withdrawals.csv"), "gemeentecode;period;withdrawn_at\n0060;H12018;2018-09-01T00:00:00Z\n");
    // Groningen: 200 000 inhabitants, so its SBO file is accepted with W33 and not published.
    cost(archive, manifest, costRows, "2018-08-13T10:00:00Z", "0014", "2018b/SBO_H12018_gron.csv", SBO,
        "0014;670;100000");
    cost(archive, manifest, costRows, "2018-08-13T10:05:00Z", "0014", "2018b/JEUGD_H12018_gron.csv", JEUGD,
        "0014;1;9000000");
    // Rotterdam: a category twice (R43), nothing in force.
    cost(archive, manifest, costRows, "2018-08-14T10:00:00Z", "0599", "2018b/JEUGD_H12018_rdam.csv", JEUGD,
        "0599;1;100", "0599;2;200", "0599;1;300");
    // A cost file for 2021: F03 (not this window's period) and F12 (no cost files after 2019).
    cost(archive, manifest, costRows, "2018-08-16T10:00:00Z", "0363", "2018b/SBO_H12021_fout.csv", SBO,
        "0363;670;1");
    Files.writeString(archive.resolve("manifest.csv"), String.join("\n", manifest) + "\n");

    Path key = root.resolve("test.key");
    Files.write(key, "0123456789abcdef0123456789abcdef-cost-test-key".getBytes(StandardCharsets.US_ASCII));
    return new CostArchive(archive, reference, key, bsns, costRows);
  }

  /** The same archive without its cost files: a twin whose Wmo outputs must be the same. */
  public void writeWmoOnlyTwin(Path root) throws IOException {
    Path twin = Files.createDirectories(root.resolve("archive"));
    List<String> manifest = Files.readAllLines(archive.resolve("manifest.csv"));
    List<String> kept = new ArrayList<>();
    for (String row : manifest) {
      if (!costManifestRows.contains(row)) {
        kept.add(row);
        String[] f = row.split(";");
        if (f[2].endsWith(".csv") && !f[2].equals("file")) {
          Path to = twin.resolve(f[2]);
          Files.createDirectories(to.getParent());
          Files.copy(archive.resolve(f[2]), to);
        }
      }
    }
    Files.writeString(twin.resolve("manifest.csv"), String.join("\n", kept) + "\n");
    Files.copy(archive.resolve("withdrawals.csv"), twin.resolve("withdrawals.csv"));
  }

  private static void wmo(Path archive, List<String> manifest, String at, String account, String file, List<String> records)
      throws IOException {
    write(archive.resolve(file), SmallArchive.HEADER, records);
    manifest.add(at + ";" + account + ";" + file);
  }

  private static void cost(Path archive, List<String> manifest, List<String> costRows, String at, String account,
      String file, String header, String... rows) throws IOException {
    write(archive.resolve(file), header, List.of(rows));
    manifest.add(at + ";" + account + ";" + file);
    costRows.add(at + ";" + account + ";" + file);
  }

  private static void write(Path f, String header, List<String> rows) throws IOException {
    Files.createDirectories(f.getParent());
    Files.writeString(f, header + "\n" + String.join("\n", rows) + "\n");
  }

  /** The shipped division with inhabitants for 2017 and 2018 (see the class comment). */
  private static void writeGemeenten(Path target) throws IOException {
    List<String> out = new ArrayList<>();
    try (InputStream in = CostArchive.class.getResourceAsStream("/nl/gmsd/refdata/gemeenten.csv")) {
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        String[] f = line.split(";", -1);
        if (f[0].equals("2017") || f[0].equals("2018")) {
          f[4] = Long.toString(INHABITANTS.getOrDefault(f[1], OTHERS));
        }
        out.add(String.join(";", f));
      }
    }
    Files.writeString(target, String.join("\n", out) + "\n");
  }

  private static void copy(String resource, Path target) throws IOException {
    try (InputStream in = CostArchive.class.getResourceAsStream(resource)) {
      Files.copy(in, target);
    }
  }
}
