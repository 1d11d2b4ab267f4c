package nl.gmsd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import nl.gmsd.common.TableCodebook;
import nl.gmsd.testing.CostArchive;
import nl.gmsd.testing.OutputComparison;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole job for H12018 on an archive with all three file kinds of the 2016-2019 protocol
 * (SPEC 12), on the Direct runner and on embedded Flink: the same outputs, the kosten table
 * against figures worked out by hand, the verdicts per kind, the costs on the op-orde pages, and
 * Wmo outputs equal to those of the same archive without its cost files.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CostFilesPipelineIT {

  private CostArchive data;
  private Path direct;
  private Path flink;
  private Path wmoOnly;
  private List<String> kosten;

  @BeforeAll
  void run(@TempDir(cleanup = CleanupMode.ON_SUCCESS) Path tmp) throws IOException {
    data = CostArchive.write(tmp.resolve("in"));
    direct = tmp.resolve("out-direct");
    flink = tmp.resolve("out-flink");
    run(data.archive, direct, "--runner=DirectRunner");
    run(data.archive, flink, "--runner=FlinkRunner", "--flinkMaster=[local]", "--parallelism=2");
    data.writeWmoOnlyTwin(tmp.resolve("twin"));
    wmoOnly = tmp.resolve("out-wmo-only");
    run(tmp.resolve("twin/archive"), wmoOnly, "--runner=FlinkRunner", "--flinkMaster=[local]", "--parallelism=2");
    kosten = Files.readAllLines(direct.resolve("tabellen/kosten.csv"));
  }

  private void run(Path archive, Path output, String... engine) {
    List<String> args = new ArrayList<>(List.of("--period=" + CostArchive.PERIOD, "--archive=" + archive,
        "--reference=" + data.reference, "--pseudonymKeyFile=" + data.keyFile, "--output=" + output));
    args.addAll(List.of(engine));
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream ps = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    int rc = RunCommand.run(args.toArray(new String[0]), ps, ps);
    assertEquals(0, rc, "run failed:\n" + bytes.toString(StandardCharsets.UTF_8));
  }

  @Test
  void directAndEmbeddedFlinkGiveTheSameOutputs() throws IOException {
    assertEquals(List.of(), OutputComparison.differences(direct, flink));
  }

  @Test
  void theWmoOutputsAreThoseOfTheArchiveWithoutItsCostFiles() throws IOException {
    for (String f : List.of("tabellen/wmo.csv", "tabellen/codes.csv", "microdata/0363.avro", "microdata/0088.avro")) {
      Path a = flink.resolve(f);
      Path b = wmoOnly.resolve(f);
      if (f.endsWith(".avro")) {
        assertEquals(OutputComparison.avroRecords(b), OutputComparison.avroRecords(a), f);
      } else {
        assertEquals(-1, Files.mismatch(a, b), f);
      }
    }
    assertEquals(OutputComparison.avroRecords(wmoOnly.resolve("tabellen/wmo.avro")),
        OutputComparison.avroRecords(flink.resolve("tabellen/wmo.avro")));
    String runJson = Files.readString(flink.resolve("run.json"));
    String twinJson = Files.readString(wmoOnly.resolve("run.json"));
    for (String count : List.of("records_delivered", "records_checked_approved", "records_in_force",
        "arrangements_merged", "clients", "cells_published")) {
      assertEquals(value(twinJson, count), value(runJson, count), count);
    }
  }

  @Test
  void theCodebookHoldsTheKostenTablesCodesAfterTheWmoTables() throws IOException {
    String codes = Files.readString(direct.resolve("tabellen/codes.csv"));
    assertTrue(codes.startsWith(TableCodebook.csv()), "the Wmo table's codes as in a run without costs");
    assertTrue(codes.contains("\ndimension;;jeugd;JEUGD-levering (kosten Jeugdwet)"), codes);
    assertTrue(codes.contains("\ncategory;sbo;670;670 Eerstelijnsloket Wmo en Jeugd\n"), codes);
    assertTrue(codes.contains("\nmeasure;;kosten_per_inwoner;"), codes);
    assertTrue(codes.contains("\nstatus;sbo;niet_gevraagd;"), codes);
    assertFalse(Files.exists(direct.resolve("tabellen/kosten-codes.csv")), "one codebook for every table");
  }

  @Test
  void verdictsPerKindFollowTheDeliveryRules() throws IOException {
    List<String> v = Files.readAllLines(direct.resolve("technische-toets/verdicts.csv"));
    assertEquals(List.of(
        "file;received_at;gemeentecode;period;verdict;errors;in_force",
        "2018a/JEUGD_H22017_schier.csv;2018-02-12T10:00:00Z;0088;H22017;GOEDGEKEURD;0;false",
        "2018a/WMO_H22017_ams.csv;2018-02-10T10:00:00Z;0363;H22017;GOEDGEKEURD;0;true",
        "2018b/JEUGD_H12018_ameland.csv;2018-08-12T10:00:00Z;0060;H12018;GOEDGEKEURD;0;true",
        "2018b/JEUGD_H12018_gron.csv;2018-08-13T10:05:00Z;0014;H12018;GOEDGEKEURD;0;true",
        "2018b/JEUGD_H12018_rdam.csv;2018-08-14T10:00:00Z;0599;H12018;AFGEKEURD;1;false",
        "2018b/JEUGD_H12018_schier-v2.csv;2018-08-20T10:00:00Z;0088;H12018;GOEDGEKEURD;0;true",
        "2018b/JEUGD_H12018_schier.csv;2018-08-11T10:00:00Z;0088;H12018;GOEDGEKEURD;0;false",
        "2018b/JEUGD_H12018_vlie.csv;2018-08-11T11:00:00Z;0096;H12018;GOEDGEKEURD;0;true",
        "2018b/JEUGD_H22017_schier-r.csv;2018-08-15T10:00:00Z;0088;H22017;GOEDGEKEURD;0;true",
        "2018b/SBO_H12018_ameland.csv;2018-09-05T10:00:00Z;0060;H12018;GOEDGEKEURD;0;true",
        "2018b/SBO_H12018_gron.csv;2018-08-13T10:00:00Z;0014;H12018;GOEDGEKEURD;0;true",
        "2018b/SBO_H12018_schier-v2.csv;2018-08-21T10:00:00Z;0088;H12018;AFGEKEURD;1;false",
        "2018b/SBO_H12018_schier.csv;2018-08-11T10:05:00Z;0088;H12018;GOEDGEKEURD;0;true",
        "2018b/SBO_H12018_vlie.csv;2018-08-11T11:05:00Z;0096;H12018;GOEDGEKEURD;0;true",
        "2018b/SBO_H12021_fout.csv;2018-08-16T10:00:00Z;0363;H12021;AFGEKEURD;2;false",
        "2018b/WMO_H12018_ams.csv;2018-08-10T10:00:00Z;0363;H12018;GOEDGEKEURD;0;true",
        "2018b/WMO_H12018_schier.csv;2018-08-11T09:00:00Z;0088;H12018;GOEDGEKEURD;0;true"), v);
    String gron = Files.readString(direct.resolve("technische-toets/2018b__SBO_H12018_gron.csv.txt"));
    assertTrue(gron.startsWith("Technische toets SBO-levering"), gron);
    assertTrue(gron.contains("W33") && gron.contains("gemeente 0014: 200.000 inwoners op 1 januari 2018"), gron);
    String fout = Files.readString(direct.resolve("technische-toets/2018b__SBO_H12021_fout.csv.json"));
    assertTrue(fout.contains("\"code\": \"F03\"") && fout.contains("\"code\": \"F12\""), fout);
    String rdam = Files.readString(direct.resolve("technische-toets/2018b__JEUGD_H12018_rdam.csv.json"));
    assertTrue(rdam.contains("{\"code\": \"R43\", \"field\": \"TYPE_VOORZIENING\", \"count\": 1, \"lines\": [4]"), rdam);
  }

  @Test
  void kostenHoldsTheHandComputedFigures() {
    assertEquals("period;region_level;region_code;region_name;dimension;category;measure;value;status", kosten.get(0));
    // Schiermonnikoog (1 000 inhabitants), JEUGD: the correction v2 is in force.
    row("H12018;gemeente;0088;Schiermonnikoog;jeugd;1;kosten", "31000", "gepubliceerd");
    row("H12018;gemeente;0088;Schiermonnikoog;jeugd;1;kosten_per_inwoner", "31.00", "gepubliceerd");
    row("H12018;gemeente;0088;Schiermonnikoog;jeugd;4;kosten", "2500", "gepubliceerd");
    row("H12018;gemeente;0088;Schiermonnikoog;jeugd;5;kosten", ".", "niet_geleverd"); // left out
    row("H12018;gemeente;0088;Schiermonnikoog;jeugd;totaal;kosten", "95500", "gepubliceerd");
    // SBO: its rejected v2 does not displace v1.
    row("H12018;gemeente;0088;Schiermonnikoog;sbo;670;kosten", "8000", "gepubliceerd");
    // Vlieland (1 200): 20 000 / 1 200 = 16.666.. -> 16.67.
    row("H12018;gemeente;0096;Vlieland;jeugd;1;kosten_per_inwoner", "16.67", "gepubliceerd");
    row("H12018;gemeente;0096;Vlieland;sbo;671;kosten", ".", "niet_geleverd");
    // Ameland withdrew JEUGD; its SBO file came later and is published (7 000 / 3 600 = 1.944).
    row("H12018;gemeente;0060;Ameland;jeugd;1;kosten", ".", "ingetrokken");
    row("H12018;gemeente;0060;Ameland;jeugd;totaal;kosten_per_inwoner", ".", "ingetrokken");
    row("H12018;gemeente;0060;Ameland;sbo;670;kosten_per_inwoner", "1.94", "gepubliceerd");
    // Groningen: 200 000 inhabitants, SBO not asked; JEUGD published.
    row("H12018;gemeente;0014;Groningen;sbo;670;kosten", ".", "niet_gevraagd");
    row("H12018;gemeente;0014;Groningen;jeugd;1;kosten_per_inwoner", "45.00", "gepubliceerd");
    // Rotterdam's only file was rejected.
    row("H12018;gemeente;0599;Rotterdam;jeugd;totaal;kosten", ".", "niet_geleverd");
    // Friesland (PV21), JEUGD 1: Schiermonnikoog 31 000 + Vlieland 20 000, Ameland withdrawn.
    row("H12018;provincie;PV21;Friesland;jeugd;1;kosten", "51000", "gepubliceerd");
    row("H12018;provincie;PV21;Friesland;jeugd;1;gemeenten_geleverd", "2", "gepubliceerd");
    row("H12018;provincie;PV21;Friesland;jeugd;1;inwoners_geleverd", "2200", "gepubliceerd");
    row("H12018;provincie;PV21;Friesland;jeugd;1;kosten_per_inwoner", "23.18", "gepubliceerd"); // 23.1818
    row("H12018;provincie;PV21;Friesland;jeugd;5;kosten", ".", "niet_geleverd");
    row("H12018;provincie;PV21;Friesland;jeugd;5;gemeenten_geleverd", "0", "gepubliceerd");
    row("H12018;provincie;PV21;Friesland;jeugd;totaal;kosten", "175500", "gepubliceerd"); // 95 500 + 80 000
    row("H12018;provincie;PV21;Friesland;jeugd;totaal;kosten_per_inwoner", "79.77", "gepubliceerd"); // 79.7727
    // SBO 670 in Friesland: 8 000 + 9 000 + 7 000 over 5 800 inhabitants = 4.1379.
    row("H12018;provincie;PV21;Friesland;sbo;670;kosten", "24000", "gepubliceerd");
    row("H12018;provincie;PV21;Friesland;sbo;670;kosten_per_inwoner", "4.14", "gepubliceerd");
    // Nederland, JEUGD 1: Friesland's 51 000 + Groningen's 9 000 000 over 202 200 inhabitants.
    row("H12018;nederland;NL01;Nederland;jeugd;1;kosten", "9051000", "gepubliceerd");
    row("H12018;nederland;NL01;Nederland;jeugd;1;gemeenten_geleverd", "3", "gepubliceerd");
    row("H12018;nederland;NL01;Nederland;jeugd;1;kosten_per_inwoner", "44.76", "gepubliceerd"); // 44.7626
    row("H12018;nederland;NL01;Nederland;sbo;670;kosten", "24000", "gepubliceerd"); // Groningen not asked
    // H22017: the re-delivery in the window of H12018 is in force.
    row("H22017;gemeente;0088;Schiermonnikoog;jeugd;1;kosten", "29000", "gepubliceerd");
    row("H22017;gemeente;0088;Schiermonnikoog;jeugd;totaal;kosten", "74000", "gepubliceerd");
    row("H22017;nederland;NL01;Nederland;sbo;totaal;kosten", ".", "niet_geleverd");
  }

  @Test
  void runJsonCountsPerFileKind() throws IOException {
    String json = Files.readString(direct.resolve("run.json"));
    assertEquals("6", value(json, "sbo_files_delivered"));
    assertEquals("8", value(json, "jeugd_files_delivered"));
    // rows read for the kosten table: SBO schier v1 2, vlie 1, ameland 1, gron 1; JEUGD schier v2 4,
    // vlie 2, gron 1, schier H22017 2 (Ameland's JEUGD withdrawn, rejected files not read)
    assertEquals("5", value(json, "sbo_records_in_force"));
    assertEquals("9", value(json, "jeugd_records_in_force"));
    assertEquals("8", value(json, "sbo_records_delivered"));
    assertTrue(json.contains("\"verdicts_per_kind\""), json);
  }

  @Test
  void theOpOrdePagesShowTheCosts() throws IOException {
    String page = Files.readString(direct.resolve("op-orde/0088/0088_H12018.html"));
    assertTrue(page.contains("<section id=\"kosten\">"), page);
    assertTrue(page.contains("2018b/JEUGD_H12018_schier-v2.csv"), page);
    assertTrue(page.contains(">31,00<"), page);
    assertFalse(page.contains("2018b/SBO_H12018_schier-v2.csv"), "the Wmo delivery table lists Wmo files only");
    String ameland = Files.readString(direct.resolve("op-orde/0060/0060_H12018.html"));
    assertTrue(ameland.contains("data-status=\"ingetrokken\""), ameland);
  }

  @Test
  void noOutputHoldsABsnOrTheKey() throws IOException {
    OutputComparison.assertNoBsnOrKey(List.of(direct, flink), data.bsns, Files.readString(data.keyFile));
  }

  private void row(String key, String value, String status) {
    String row = kosten.stream().filter(r -> r.startsWith(key + ";")).findFirst()
        .orElseThrow(() -> new AssertionError("no row " + key));
    assertEquals(key + ";" + value + ";" + status, row);
  }

  /** A number's text in run.json by its key (keys are unique in the parts compared). */
  private static String value(String json, String key) {
    int i = json.indexOf("\"" + key + "\": ");
    assertTrue(i >= 0, "no " + key + " in run.json");
    int from = i + key.length() + 4;
    int to = from;
    while (to < json.length() && Character.isDigit(json.charAt(to))) {
      to++;
    }
    return json.substring(from, to);
  }
}
