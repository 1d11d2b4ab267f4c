package nl.gmsd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import nl.gmsd.common.ReferenceData;
import nl.gmsd.testing.CbsReferenceFiles;
import nl.gmsd.testing.OutputComparison;
import nl.gmsd.testing.SmallArchive;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * One archive run with each layout of the reference data (SPEC 6): the plain
 * {@code gemeenten.csv}, CBS's "Gemeenten alfabetisch" files as Excel saves them with
 * {@code inwoners.csv}, and a {@code gemeenten.csv} with CBS's spellings (GM codes, Fryslân, PV
 * codes). Codes and every count are the same; region names stay as the files write them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReferenceLayoutsIT {

  private Path plain;
  private Path cbs;
  private Path spellings;

  @BeforeAll
  void runWithEachLayout(@TempDir(cleanup = CleanupMode.ON_SUCCESS) Path tmp) throws IOException {
    SmallArchive data = SmallArchive.write(tmp.resolve("in"));
    ReferenceData shipped = ReferenceData.read(data.reference);
    Path cbsReference = tmp.resolve("reference-cbs");
    CbsReferenceFiles.writeCbsLayout(cbsReference, shipped, "gemeenten-alfabetisch-%d.csv", ',');
    Files.copy(data.reference.resolve("personen.csv"), cbsReference.resolve("personen.csv"));
    Path spellingsReference = tmp.resolve("reference-spellings");
    CbsReferenceFiles.writeGemeentenWithCbsSpellings(spellingsReference, shipped);
    Files.copy(data.reference.resolve("personen.csv"), spellingsReference.resolve("personen.csv"));

    plain = run(data, data.reference, tmp.resolve("out-plain"));
    cbs = run(data, cbsReference, tmp.resolve("out-cbs"));
    spellings = run(data, spellingsReference, tmp.resolve("out-spellings"));
  }

  private static Path run(SmallArchive data, Path reference, Path output) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream ps = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    int rc = RunCommand.run(new String[] {"--period=" + SmallArchive.PERIOD, "--archive=" + data.archive,
        "--reference=" + reference, "--pseudonymKeyFile=" + data.keyFile, "--output=" + output,
        "--runner=DirectRunner"}, ps, ps);
    assertEquals(0, rc, bytes.toString(StandardCharsets.UTF_8));
    return output;
  }

  /** wmo.csv without region_name: codes, categories, values and statuses. */
  private static List<String> cellsWithoutNames(Path output) throws IOException {
    List<String> rows = new ArrayList<>();
    for (String line : Files.readAllLines(output.resolve("tabellen/wmo.csv"))) {
      String[] f = line.split(";", -1);
      f[3] = "";
      rows.add(String.join(";", f));
    }
    return rows;
  }

  private static String provinceName(Path output, String code) throws IOException {
    return Files.readAllLines(output.resolve("tabellen/wmo.csv")).stream()
        .filter(l -> l.startsWith("H12025;provincie;" + code + ";")).findFirst().orElseThrow().split(";")[3];
  }

  @Test
  void everyLayoutPublishesTheSameCells() throws IOException {
    List<String> expected = cellsWithoutNames(plain);
    assertTrue(expected.size() > 10_000, "a dense table: " + expected.size());
    assertEquals(expected, cellsWithoutNames(cbs));
    assertEquals(expected, cellsWithoutNames(spellings));
  }

  @Test
  void regionNamesStayAsTheReferenceFilesWriteThem() throws IOException {
    assertEquals("Friesland", provinceName(plain, "PV21"));
    assertEquals("Fryslân", provinceName(cbs, "PV21"));
    assertEquals("Fryslân", provinceName(spellings, "PV21"));
    assertEquals("Noord-Holland", provinceName(cbs, "PV27"));
  }

  @Test
  void checkReportsAndMicrodataAreTheSame() throws IOException {
    for (Path other : List.of(cbs, spellings)) {
      for (String folder : List.of("technische-toets", "microdata")) {
        assertEquals(List.of(), OutputComparison.differences(plain.resolve(folder), other.resolve(folder)), folder);
      }
    }
  }

  @Test
  void runJsonListsTheReferenceFilesThatWereRead() throws IOException {
    String json = Files.readString(cbs.resolve("run.json"));
    assertTrue(json.contains("\"gemeenten-alfabetisch-2025.csv\"") && json.contains("\"inwoners.csv\""), json);
  }
}
