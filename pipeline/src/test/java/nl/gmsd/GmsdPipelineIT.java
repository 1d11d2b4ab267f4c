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
import nl.gmsd.testing.OutputComparison;
import nl.gmsd.testing.SmallArchive;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole job on a small hand-made archive, on the Direct runner and on the embedded Flink
 * engine: the outputs must be equivalent by SPEC 10's determinism rule, hold the hand-computed
 * figures, and hold no BSN and no key.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GmsdPipelineIT {

  private SmallArchive data;
  private Path direct;
  private Path flink;
  private Path directAgain;
  private Path flinkOneSlot;
  private String log;

  @BeforeAll
  void runOnBothEngines(@TempDir(cleanup = CleanupMode.ON_SUCCESS) Path tmp) throws IOException {
    data = SmallArchive.write(tmp.resolve("in"));
    direct = tmp.resolve("out-direct");
    flink = tmp.resolve("out-flink");
    StringBuilder logs = new StringBuilder();
    logs.append(run(direct, "--runner=DirectRunner"));
    logs.append(run(flink, "--runner=FlinkRunner", "--flinkMaster=[local]", "--parallelism=2"));
    // SPEC 10's determinism: the same input gives the same output across runs and parallelism.
    directAgain = tmp.resolve("out-direct-again");
    flinkOneSlot = tmp.resolve("out-flink-parallelism-1");
    logs.append(run(directAgain, "--runner=DirectRunner"));
    logs.append(run(flinkOneSlot, "--runner=FlinkRunner", "--flinkMaster=[local]", "--parallelism=1"));
    log = logs.toString();
  }

  private String run(Path output, String... engine) {
    List<String> args = new ArrayList<>(List.of(
        "--period=" + SmallArchive.PERIOD,
        "--archive=" + data.archive,
        "--reference=" + data.reference,
        "--pseudonymKeyFile=" + data.keyFile,
        "--output=" + output));
    args.addAll(List.of(engine));
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream ps = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    int rc = RunCommand.run(args.toArray(new String[0]), ps, ps);
    String text = bytes.toString(StandardCharsets.UTF_8);
    assertEquals(0, rc, "run failed:\n" + text);
    return text;
  }

  @Test
  void directAndEmbeddedFlinkGiveTheSameOutputs() throws IOException {
    assertEquals(List.of(), OutputComparison.differences(direct, flink));
  }

  @Test
  void twoRunsGiveTheSameOutputs() throws IOException {
    assertEquals(List.of(), OutputComparison.differences(direct, directAgain));
  }

  @Test
  void parallelismOneAndTwoGiveTheSameOutputs() throws IOException {
    assertEquals(List.of(), OutputComparison.differences(flinkOneSlot, flink));
  }

  @Test
  void writesTheWholeOutputLayout() throws IOException {
    for (String f : List.of("run.json", "technische-toets/verdicts.csv", "tabellen/wmo.csv", "tabellen/wmo.avro",
        "tabellen/codes.csv", "microdata/0363.avro", "op-orde/index.html", "op-orde/0363/0363_H12025.html",
        "op-orde/0363/0363_H22024.html")) {
      assertTrue(Files.isRegularFile(flink.resolve(f)), f);
    }
    assertTrue(Files.readString(flink.resolve("run.json")).contains("\"status\": \"completed\""));
    assertFalse(Files.exists(flink.resolve(".run")), "staging facts must not be published");
    // A run of 2020 or later has no cost files: no kosten table, and only the Wmo table's codes.
    assertFalse(Files.exists(flink.resolve("tabellen/kosten.csv")));
    assertEquals(TableCodebook.csv(), Files.readString(flink.resolve("tabellen/codes.csv")));
  }

  @Test
  void verdictsFollowTheDeliveryRules() throws IOException {
    List<String> verdicts = Files.readAllLines(direct.resolve("technische-toets/verdicts.csv"));
    assertEquals(List.of(
        "file;received_at;gemeentecode;period;verdict;errors;in_force",
        "2024/WMO_H12024_ams.csv;2024-07-15T10:00:00Z;0363;H12024;GOEDGEKEURD;0;true",
        "2025a/WMO_H22024_ams.csv;2025-01-20T10:00:00Z;0363;H22024;GOEDGEKEURD;0;true",
        "2025b/WMO_H12025_ams.csv;2025-07-10T10:00:00Z;0363;H12025;GOEDGEKEURD;0;true",
        "2025b/WMO_H12025_gron-v2.csv;2025-07-12T10:00:00Z;0014;H12025;GOEDGEKEURD;0;true",
        "2025b/WMO_H12025_gron.csv;2025-07-11T10:00:00Z;0014;H12025;AFGEKEURD;1;false",
        "2025b/WMO_H12025_haag.csv;2025-07-13T10:00:00Z;0518;H12025;GOEDGEKEURD;0;true",
        "2025b/WMO_H12025_rdam.csv;2025-07-14T10:00:00Z;0599;H12025;AFGEKEURD;1;false"), verdicts);
  }

  @Test
  void tableHoldsTheHandComputedFigures() throws IOException {
    // Cells disclosure control leaves published. In this sparse archive every client has one
    // arrangement, so with clients and arrangements both published a reader's relation
    // (sum k * clients_k <= arrangements, SPEC 7; README, Disclosure control) pins the cells
    // "clients with k arrangements": the client cells become secret, the arrangement cells stay.
    List<String> rows = Files.readAllLines(direct.resolve("tabellen/wmo.csv"));
    // Amsterdam H12025: persons 0..13 one arrangement each, plus one of an unknown person.
    // Types: i%3==0 -> 02 (5 arrangements: secret), else 01 (9 -> 10); no verblijf: 15 -> 15.
    assertRow(rows, "H12025;gemeente;0363;Amsterdam;type;01;arrangementen", "10", "gepubliceerd");
    assertRow(rows, "H12025;gemeente;0363;Amsterdam;type;02;arrangementen", ".", "geheim");
    assertRow(rows, "H12025;gemeente;0363;Amsterdam;typegroep;Totaal exclusief verblijf en opvang;arrangementen", "15",
        "gepubliceerd");
    assertRow(rows, "H12025;gemeente;0363;Amsterdam;type;01;clienten", ".", "geheim");
    // Nederland = published gemeenten only: arrangements 15 + 12 = 27 -> 25 (withdrawn
    // 's-Gravenhage left out).
    assertRow(rows, "H12025;nederland;NL01;Nederland;typegroep;Totaal exclusief verblijf en opvang;arrangementen", "25",
        "gepubliceerd");
    // H22024: the H12024 and H22024 records of one toewijzingsnummer merge (stage 1): 14 -> 15,
    // not 28 -> 30.
    assertRow(rows, "H22024;gemeente;0363;Amsterdam;totaal;totaal;arrangementen", "15", "gepubliceerd");
    // Groningen: the correction is in force: 12 arrangements of type 07 -> 10.
    assertRow(rows, "H12025;gemeente;0014;Groningen;type;07;arrangementen", "10", "gepubliceerd");
    // 's-Gravenhage withdrew; Rotterdam's file is missing, so nothing is in force.
    assertRow(rows, "H12025;gemeente;0518;'s-Gravenhage;totaal;totaal;clienten", ".", "ingetrokken");
    assertRow(rows, "H12025;gemeente;0599;Rotterdam;totaal;totaal;clienten", ".", "niet_geleverd");
    // Rates come from the published count: Amsterdam type 01, 10 per its inhabitants.
    assertTrue(rows.stream().anyMatch(r -> r.startsWith("H12025;gemeente;0363;Amsterdam;type;01;arrangementen_per_1000;0;")));
  }

  @Test
  void theH22024PagesCompareWithTheH12024FiguresTheRunRead() throws IOException {
    // The archive has three half years: Amsterdam's 14 clients of H12024 (read for the calendar
    // year 2024) are the previous period of its H22024 page, not a 0 (issue 15).
    String page = Files.readString(direct.resolve("op-orde/0363/0363_H22024.html"));
    assertTrue(page.contains("<tr data-cell=\"totaal/totaal/clienten\"><td>Cli\u00ebnten</td><td class=\"n prev\">14</td>"
        + "<td class=\"n cur\">14</td><td class=\"n\">0</td><td class=\"n\">0,0%</td></tr>"), page);
    assertFalse(page.contains("<span class=\"flag\">Sprong"), "no jump from 0");
    // The counted H12024 is for the comparison only: neither published nor in the microdata.
    assertTrue(Files.readAllLines(direct.resolve("tabellen/wmo.csv")).stream().noneMatch(r -> r.startsWith("H12024")));
    try (org.apache.avro.file.DataFileReader<nl.gmsd.avro.MicrodataArrangement> r = new org.apache.avro.file.DataFileReader<>(
        direct.resolve("microdata/0363.avro").toFile(),
        new org.apache.avro.specific.SpecificDatumReader<>(nl.gmsd.avro.MicrodataArrangement.class))) {
      java.util.Set<String> periods = new java.util.TreeSet<>();
      r.forEach(a -> periods.add(a.getPeriod()));
      assertEquals(java.util.Set.of("H12025", "H22024"), periods);
    }
  }

  @Test
  void runJsonCountsPublishedAndSecretCellsApart() throws IOException {
    String json = Files.readString(direct.resolve("run.json"));
    long rows = Files.readAllLines(direct.resolve("tabellen/wmo.csv")).size() - 1;
    long sum = 0;
    for (String status : List.of("gepubliceerd", "geheim", "ingetrokken", "niet_geleverd")) {
      long n = Files.readAllLines(direct.resolve("tabellen/wmo.csv")).stream().filter(r -> r.endsWith(";" + status)).count();
      String name = nl.gmsd.write.RecordRunFacts.cellsByStatus(status);
      assertTrue(json.contains("\"" + name + "\": " + n), name + " = " + n + " in " + json);
      sum += n;
    }
    assertEquals(rows, sum);
  }

  @Test
  void runJsonHasTheVerdictsOfVerdictsCsvAndAnAuditPerPeriod() throws IOException {
    // The job's facts reach run.json with the job's result (RunFacts), on both engines alike.
    for (Path out : List.of(direct, flink)) {
      String json = Files.readString(out.resolve("run.json"));
      assertTrue(json.contains("\"verdicts\": {\n      \"AFGEKEURD\": 2,\n      \"GOEDGEKEURD\": 5\n    }"), json);
      for (String period : List.of("H12025", "H22024")) {
        assertTrue(json.contains("\"" + period + "\": {\n      \"rounds\": "), period + " in " + json);
      }
      assertTrue(json.contains("\"records_delivered\": "), json);
    }
  }

  private static void assertRow(List<String> rows, String key, String value, String status) {
    String row = rows.stream().filter(r -> r.startsWith(key + ";")).findFirst().orElseThrow(() -> new AssertionError("no row " + key));
    assertEquals(key + ";" + value + ";" + status, row);
  }

  @Test
  void noOutputOrLogHoldsABsnOrTheKey() throws IOException {
    String key = Files.readString(data.keyFile);
    OutputComparison.assertNoBsnOrKey(List.of(direct, flink), data.bsns, key);
    for (String bsn : data.bsns) {
      assertFalse(log.contains(bsn), "the log holds a BSN");
    }
    assertFalse(log.contains(key), "the log holds the key");
  }
}
