package nl.gmsd.disclose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import nl.gmsd.write.Json;
import org.junit.jupiter.api.Test;

/**
 * An audit travels to the driver as named whole numbers ({@link AuditReport#toFacts}): it must come
 * back as it was, and run.json's text of it must not change on the way.
 */
class AuditReportTest {

  /** {@code -Daudit.facts.seed=N} tries other reports. */
  private static final long SEED = Long.getLong("audit.facts.seed", 17);

  private static Map<String, Long> facts(AuditReport r) {
    Map<String, Long> m = new TreeMap<>();
    r.toFacts((name, v) -> assertEquals(null, m.put(name, v), "named twice: " + name));
    return m;
  }

  private static AuditReport random(Random rnd) {
    List<String> stageNames = List.of("primary", "heuristic_rounds", "exact", "group_fallback", "release_redundant");
    List<ProtectionStage.Report> stages = new ArrayList<>();
    for (int i = rnd.nextInt(stageNames.size() + 1) - 1; i >= 0; i--) {
      stages.add(new ProtectionStage.Report(stageNames.get(rnd.nextInt(stageNames.size())), rnd.nextInt(100_000),
          rnd.nextInt(1_000), rnd.nextInt(30), rnd.nextInt(50)));
    }
    List<AuditReport.TableAudit> tables = new ArrayList<>();
    for (String t : List.of("clienten", "arrangementen", "huishoudens", "een_nieuwe_tabel")) {
      if (rnd.nextInt(4) > 0) {
        tables.add(new AuditReport.TableAudit(t, rnd.nextInt(10_000), rnd.nextInt(10_000),
            rnd.nextBoolean() ? null : (long) rnd.nextInt(1000)));
      }
    }
    // More than ten entries: the index orders them, not the names' text ("10" before "2").
    if (rnd.nextInt(5) == 0) {
      for (int i = 0; i < 11; i++) {
        stages.add(new ProtectionStage.Report("exact", i, i, i, i));
      }
    }
    return new AuditReport("H1" + (2016 + rnd.nextInt(20)), tables, stages, rnd.nextInt(5), rnd.nextInt(3),
        rnd.nextLong(0, Long.MAX_VALUE), rnd.nextLong(0, 1_000_000));
  }

  @Test
  void aReportComesBackFromItsFactsAsItWasWithTheSameJson() {
    Random rnd = new Random(SEED);
    for (int i = 0; i < 500; i++) {
      AuditReport r = random(rnd);
      AuditReport back = AuditReport.fromFacts(r.period(), facts(r));
      assertEquals(r, back, "seed " + SEED + ", report " + i);
      assertEquals(Json.write(r.toJsonObject()), Json.write(back.toJsonObject()));
    }
  }

  @Test
  void theFactsAreCountsUnderFixedNamesAndNoNullWidth() {
    AuditReport r = new AuditReport("H12025",
        List.of(new AuditReport.TableAudit("clienten", 4, 2, 3L), new AuditReport.TableAudit("huishoudens", 1, 0, null)),
        List.of(new ProtectionStage.Report("primary", 4, 0, 0, 1), new ProtectionStage.Report("exact", 2, 0, 1, 0)), 0, 0, 9,
        120);
    Map<String, Long> expected = new TreeMap<>();
    expected.put("reported", 1L);
    expected.put("linear_programs", 9L);
    expected.put("cells_beyond_protection", 0L);
    expected.put("cells_not_proven_safe", 0L);
    expected.put("solve_ms", 120L);
    expected.put("stages/0/primary/cells_made_secret", 4L);
    expected.put("stages/0/primary/cells_released", 0L);
    expected.put("stages/0/primary/rounds", 0L);
    expected.put("stages/0/primary/unsafe_after", 1L);
    expected.put("stages/1/exact/cells_made_secret", 2L);
    expected.put("stages/1/exact/cells_released", 0L);
    expected.put("stages/1/exact/rounds", 1L);
    expected.put("stages/1/exact/unsafe_after", 0L);
    expected.put("tables/0/clienten/primary_cells", 4L);
    expected.put("tables/0/clienten/secondary_cells", 2L);
    expected.put("tables/0/clienten/narrowest_interval_width", 3L);
    expected.put("tables/1/huishoudens/primary_cells", 1L);
    expected.put("tables/1/huishoudens/secondary_cells", 0L);
    assertEquals(expected, facts(r));
  }

  @Test
  void factsThatAreNotAWholeReportAreRefused() {
    AuditReport r = new AuditReport("H12025", List.of(new AuditReport.TableAudit("clienten", 4, 2, 3L)),
        List.of(new ProtectionStage.Report("primary", 4, 0, 0, 1), new ProtectionStage.Report("exact", 2, 0, 1, 0)), 0, 0, 9,
        120);
    Map<String, Long> whole = facts(r);
    for (String name : whole.keySet()) {
      if (name.endsWith("narrowest_interval_width")) {
        continue; // may be absent: null
      }
      Map<String, Long> less = new TreeMap<>(whole);
      less.remove(name);
      assertThrows(IllegalArgumentException.class, () -> AuditReport.fromFacts("H12025", less), name);
    }
    Map<String, Long> unknown = new TreeMap<>(whole);
    unknown.put("tables/0/clienten/true_value", 5L);
    assertTrue(assertThrows(IllegalArgumentException.class, () -> AuditReport.fromFacts("H12025", unknown))
        .getMessage().contains("unknown fact"));
    Map<String, Long> gap = new TreeMap<>(whole);
    gap.keySet().removeIf(n -> n.startsWith("stages/0/"));
    assertThrows(IllegalArgumentException.class, () -> AuditReport.fromFacts("H12025", gap));
    AuditReport badName = new AuditReport("H12025", List.of(), List.of(new ProtectionStage.Report("a/b", 0, 0, 0, 0)),
        0, 0, 0, 0);
    assertThrows(IllegalArgumentException.class, () -> badName.toFacts((n, v) -> { }));
  }
}
