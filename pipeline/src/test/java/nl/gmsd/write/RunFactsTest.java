package nl.gmsd.write;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import nl.gmsd.avro.FileVerdict;
import nl.gmsd.common.Period;
import nl.gmsd.disclose.AuditReport;
import nl.gmsd.intake.DeliveryRules;
import nl.gmsd.testing.CostVerdicts;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestPipelineExtension;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The run's facts travel from the job to the driver as counters and come back typed and whole. */
@ExtendWith(TestPipelineExtension.class)
class RunFactsTest {

  private static final Period P = Period.parse("H12025");

  /** An audit with two stages and two tables (made from its facts: the stages' type is the disclose package's). */
  static AuditReport audit(String period, Long narrowest) {
    Map<String, Long> f = new TreeMap<>();
    f.put("reported", 1L);
    f.put("linear_programs", 57L);
    f.put("cells_beyond_protection", 1L);
    f.put("cells_not_proven_safe", 0L);
    f.put("solve_ms", 1234L);
    f.put("stages/0/primary/cells_made_secret", 12L);
    f.put("stages/0/primary/cells_released", 0L);
    f.put("stages/0/primary/rounds", 0L);
    f.put("stages/0/primary/unsafe_after", 2L);
    f.put("stages/1/heuristic_rounds/cells_made_secret", 3L);
    f.put("stages/1/heuristic_rounds/cells_released", 0L);
    f.put("stages/1/heuristic_rounds/rounds", 4L);
    f.put("stages/1/heuristic_rounds/unsafe_after", 0L);
    f.put("tables/0/clienten/primary_cells", 12L);
    f.put("tables/0/clienten/secondary_cells", 3L);
    if (narrowest != null) {
      f.put("tables/0/clienten/narrowest_interval_width", narrowest);
    }
    f.put("tables/1/arrangementen/primary_cells", 0L);
    f.put("tables/1/arrangementen/secondary_cells", 0L);
    return AuditReport.fromFacts(period, f);
  }

  private static DeliveryRules.Decision decision() {
    FileVerdict wmo = CostVerdicts.approved("WMO", "a/WMO_H12025_x.csv", "0363", P, 1);
    FileVerdict rejected = FileVerdict.newBuilder(CostVerdicts.approved("WMO", "a/WMO_H12025_y.csv", "0014", P, 2))
        .setVerdict(DeliveryRules.REJECTED).setErrors(1).build();
    FileVerdict sbo = CostVerdicts.approved("SBO", "a/SBO_H12025_x.csv", "0363", P, 3);
    return DeliveryRules.apply(List.of(wmo, rejected, sbo), List.of(), DeliveryRules.Settings.defaults());
  }

  @Test
  void countsVerdictsAndAuditsComeBackFromTheJobsResult(TestPipeline p) {
    PCollection<Integer> five = p.apply("Five", Create.of(List.of(1, 2, 3, 4, 5)).withCoder(VarIntCoder.of()));
    PCollection<Integer> none = p.apply("None", Create.empty(VarIntCoder.of()));
    PCollectionList.of(RecordRunFacts.count("five", five))
        .and(RecordRunFacts.count("none", none))
        .and(RecordRunFacts.tally("odd_and_even", five, List.of("odd", "even"),
            (i, add) -> add.add(i % 2 == 1 ? "odd" : "even", i)))
        .apply("RecordCounts", RecordRunFacts.recordCounts());
    p.apply("Audits", Create.of(List.of(audit("H12025", 2L), audit("H22024", null)))
            .withCoder(SerializableCoder.of(AuditReport.class)))
        .apply("RecordAudits", RecordRunFacts.recordAudits());
    p.apply("Decision", Create.of(decision()).withCoder(SerializableCoder.of(DeliveryRules.Decision.class)))
        .apply("RecordVerdicts", RecordRunFacts.recordVerdicts());
    PipelineResult result = p.run();
    result.waitUntilFinish();

    RunFacts facts = RunFacts.read(result.metrics(),
        new RunFacts.Expected(List.of("five", "none", "odd", "even"), List.of("H12025", "H22024")));
    assertEquals(Map.of("five", 5L, "none", 0L, "odd", 9L, "even", 6L), facts.counts());
    assertEquals(Map.of("GOEDGEKEURD", 2L, "AFGEKEURD", 1L), facts.verdicts());
    assertEquals(Map.of("WMO", Map.of("GOEDGEKEURD", 1L, "AFGEKEURD", 1L), "SBO", Map.of("GOEDGEKEURD", 1L)),
        facts.verdictsPerKind());
    assertEquals(audit("H12025", 2L), facts.audits().get("H12025"));
    assertEquals(audit("H22024", null), facts.audits().get("H22024"));
  }

  @Test
  void factsThatDidNotComeBackStopTheRunNamingThem() {
    Map<String, Long> all = new TreeMap<>();
    all.put(RecordRunFacts.COUNTS + "clients", 10L);
    audit("H12025", 2L).toFacts((n, v) -> all.put(RecordRunFacts.AUDIT + "H12025/" + n, v));
    all.put(RecordRunFacts.DECISION_RECORDED, 1L);
    RunFacts.Expected expected = new RunFacts.Expected(List.of("clients"), List.of("H12025"));
    assertEquals(10L, RunFacts.of(all, expected).counts().get("clients"));

    RunFacts.MissingException noCount = assertThrows(RunFacts.MissingException.class,
        () -> RunFacts.of(all, new RunFacts.Expected(List.of("clients", "cells_counted"), List.of("H12025"))));
    assertTrue(noCount.getMessage().contains("missing: count cells_counted"), noCount.getMessage());

    RunFacts.MissingException noAudit = assertThrows(RunFacts.MissingException.class,
        () -> RunFacts.of(all, new RunFacts.Expected(List.of("clients"), List.of("H12025", "H22024"))));
    assertTrue(noAudit.getMessage().contains("missing: the audit of H22024"), noAudit.getMessage());

    Map<String, Long> withoutDecision = new TreeMap<>(all);
    withoutDecision.remove(RecordRunFacts.DECISION_RECORDED);
    assertTrue(assertThrows(RunFacts.MissingException.class, () -> RunFacts.of(withoutDecision, expected))
        .getMessage().contains("the verdicts"));

    Map<String, Long> halfAnAudit = new TreeMap<>(all);
    halfAnAudit.remove(RecordRunFacts.AUDIT + "H12025/stages/1/heuristic_rounds/rounds");
    assertTrue(assertThrows(RunFacts.MissingException.class, () -> RunFacts.of(halfAnAudit, expected))
        .getMessage().contains("lacks rounds"));

    // No metrics at all (e.g. a job detached from its client): said so, not an empty run.json.
    RunFacts.MissingException nothing = assertThrows(RunFacts.MissingException.class,
        () -> RunFacts.of(Map.of(), expected));
    assertTrue(nothing.getMessage().contains("they travel as Beam metrics"), nothing.getMessage());
  }
}
