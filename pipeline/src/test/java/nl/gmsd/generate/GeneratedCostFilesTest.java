package nl.gmsd.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import nl.gmsd.avro.FileVerdict;
import nl.gmsd.avro.Finding;
import nl.gmsd.avro.Upload;
import nl.gmsd.check.FileChecker;
import nl.gmsd.common.Period;
import nl.gmsd.common.ReferenceData;
import nl.gmsd.intake.DeliveryArchive;
import nl.gmsd.intake.DeliveryRules;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cost files the generator writes for a run of 2016-2019 (SPEC 12), checked by the real
 * check and delivery rules (no Beam): every file's verdict, codes, warnings and in-force flag are
 * what planted.csv says, and the files look as the protocol asks.
 */
class GeneratedCostFilesTest {

  static final Period RUN = Period.parse("H12018");
  static final double SCALE = 0.001;

  @TempDir static Path tmp;
  static Path out;
  static List<String[]> planted;
  static ReferenceData reference;

  @BeforeAll
  static void generate() throws IOException {
    out = tmp.resolve("gen");
    GenerateCommand.generate(out, SCALE, 2018L, RUN);
    planted = GenerateCommandTest.rows(out.resolve("planted.csv"));
    reference = ReferenceData.read(out.resolve("reference"));
  }

  @Test
  void theCheckAndTheDeliveryRulesGiveWhatWasPlanted() throws IOException {
    DeliveryArchive archive = DeliveryArchive.read(out.resolve("archive"), RUN, reference);
    FileChecker checker = new FileChecker(reference);
    List<FileVerdict> checked = new ArrayList<>();
    for (Upload u : archive.uploads()) {
      try (InputStream in = Files.newInputStream(out.resolve("archive").resolve(u.getFile()))) {
        checked.add(checker.check(u, RUN, in));
      }
    }
    DeliveryRules.Decision d = DeliveryRules.apply(checked, archive.withdrawals(), DeliveryRules.Settings.defaults());
    Map<String, String> actual = new TreeMap<>();
    for (FileVerdict v : d.verdicts()) {
      actual.put(v.getFile(), String.join(";", v.getGemeentecode(), v.getPeriod(), v.getVerdict(),
          Long.toString(v.getErrors()), counts(v, true), Boolean.toString(v.getInForce()), counts(v, false)));
    }
    Map<String, String> expected = new TreeMap<>();
    int costFiles = 0;
    for (String[] p : planted) {
      boolean cost = !p[0].contains("/WMO_");
      costFiles += cost ? 1 : 0;
      // Wmo files: the verdict, errors and in force (GenerateCommandTest checks their lines).
      expected.put(p[0], String.join(";", p[1], p[2], p[4], p[5], cost ? p[6] : codes(actual, p[0]), p[7],
          cost ? p[10] : warnings(actual, p[0])));
    }
    assertEquals(expected, actual);
    assertTrue(costFiles > 300, "cost files: " + costFiles);
    assertTrue(planted.stream().anyMatch(p -> p[0].contains("/SBO_") && p[4].equals("AFGEKEURD")));
    assertTrue(planted.stream().anyMatch(p -> p[0].contains("/JEUGD_") && p[4].equals("AFGEKEURD")));
  }

  private static String codes(Map<String, String> actual, String file) {
    return actual.get(file).split(";", -1)[4];
  }

  private static String warnings(Map<String, String> actual, String file) {
    return actual.get(file).split(";", -1)[6];
  }

  /** CODE:count of the errors (or warnings), sorted, as planted.csv writes them; F09 as planted. */
  private static String counts(FileVerdict v, boolean errors) {
    List<String> codes = new ArrayList<>();
    for (Finding f : v.getFindings()) {
      boolean warning = f.getCode().startsWith("W");
      if (warning != errors) {
        for (int i = 0; i < f.getCount(); i++) {
          codes.add(f.getCode());
        }
      }
    }
    return UnitGenerator.codeCounts(codes);
  }

  @Test
  void costFilesComeForEveryHalfYearReadOf2016To2019AndSboOnlyFromSmallGemeenten() throws IOException {
    Set<String> periods = new TreeSet<>();
    long threshold = 20_000;
    for (String[] p : planted) {
      if (p[0].contains("/WMO_")) {
        continue;
      }
      periods.add(p[2]);
      Period period = Period.parse(p[2]);
      assertTrue(period.year() >= 2016 && period.year() <= 2019, p[0]);
      List<String> lines = Files.readAllLines(out.resolve("archive").resolve(p[0]));
      assertTrue(lines.size() >= 2, "at least one category: " + p[0]);
      assertEquals(p[0].contains("/SBO_") ? "GEMEENTECODE;IV3_CATEGORIE;KOSTEN" : "GEMEENTECODE;TYPE_VOORZIENING;KOSTEN",
          lines.get(0).replace("\uFEFF", "").replace("\r", ""));
      if (p[0].contains("/SBO_")) {
        long inh = reference.inhabitants(period.year(), p[1]).orElseThrow().count();
        assertEquals(inh >= threshold, p[10].contains("W33"), p[0]);
      }
    }
    assertEquals(Set.of("H12017", "H22017", "H12018"), periods);
  }

  @Test
  void theOptionalFilesComeFromSomeGemeentenNotAll() {
    Map<String, Integer> jeugdByPeriod = new TreeMap<>();
    for (String[] p : planted) {
      if (p[0].contains("/JEUGD_") && p[0].endsWith("v1.csv")) {
        jeugdByPeriod.merge(p[2], 1, Integer::sum);
      }
    }
    int gemeenten = reference.division(2018).size();
    int h12018 = jeugdByPeriod.get("H12018");
    assertTrue(h12018 > 0.6 * gemeenten && h12018 < 0.9 * gemeenten, h12018 + " of " + gemeenten);
  }

  @Test
  void aGemeenteOf20000InhabitantsOrMoreIsPlantedOnlyWhereThereIsOne() {
    ReferenceData shipped = ReferenceData.shipped();
    assertFalse(new GenerationPlan(shipped, RUN, SCALE, 1L).costScenarios.values().stream()
        .anyMatch(c -> c.scenario() == GenerationPlan.CostScenario.NOT_REQUESTED), "no such gemeente at this scale");
    GenerationPlan large = new GenerationPlan(shipped, RUN, 0.05, 1L);
    String code = large.costScenarios.entrySet().stream()
        .filter(e -> e.getValue().scenario() == GenerationPlan.CostScenario.NOT_REQUESTED).findFirst().orElseThrow().getKey();
    assertTrue(large.inhabitants(code, 2018) >= 20_000, code);
    assertTrue(new GenerationPlan(shipped, Period.parse("H22020"), SCALE, 1L).costScenarios.isEmpty(),
        "no cost files for a run that reads no half year of 2016-2019");
  }

  @Test
  void aCostFileIsUploadedInTheSameSessionAsTheGemeentesWmoFile() {
    Map<String, Instant> wmoFirst = new TreeMap<>();
    for (String[] p : planted) {
      if (p[0].contains("/WMO_") && p[0].endsWith("v1.csv")) {
        wmoFirst.put(p[1] + "|" + p[2], Instant.parse(p[8]));
      }
    }
    for (String[] p : planted) {
      if (!p[0].contains("/WMO_") && p[0].endsWith("v1.csv")) {
        Instant wmo = wmoFirst.get(p[1] + "|" + p[2]);
        Instant at = Instant.parse(p[8]);
        assertTrue(!at.isBefore(wmo) && at.isBefore(wmo.plusSeconds(3600 * 2)), p[0]);
      }
    }
  }
}
