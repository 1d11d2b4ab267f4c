package nl.gmsd.merge;

import static nl.gmsd.merge.MergeFixtures.day;
import static nl.gmsd.merge.MergeFixtures.describe;
import static nl.gmsd.merge.MergeFixtures.record;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import nl.gmsd.avro.Arrangement;
import nl.gmsd.avro.PseudonymisedRecord;
import nl.gmsd.common.Period;
import nl.gmsd.pseudonymise.FileRanks;
import org.apache.beam.sdk.extensions.avro.coders.AvroCoder;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestPipelineExtension;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The merge stage on the Direct runner, and its split of a shuffle group whose keys share a hash. */
@ExtendWith(TestPipelineExtension.class)
class MergeArrangementsTest {

  private static final String A = "a".repeat(64);
  private static final String B = "b".repeat(64);
  private static final FileRanks FILES = FileRanks.ofPaths(java.util.stream.Stream.of("0363", "0599")
      .flatMap(g -> java.util.stream.Stream.of("H22024", "H12025", "H22025").map(p -> "WMO_" + p + "_" + g + ".csv"))
      .toList());

  private static PseudonymisedRecord rec(String gemeente, String period, int line, String pseudonym,
      String type, String start, String end, String lv) {
    return record(pseudonym, day(start), end == null ? null : day(end), lv)
        .setGemeentecode(gemeente).setHalfYear(Period.parse(period).index()).setFileRank(FILES.rank("WMO_" + period + "_" + gemeente + ".csv"))
        .setLine(line).setType(type).build();
  }

  /** Gemeente, year, first letter of the pseudonym (? when unknown), type and the arrangement. */
  private static String label(Arrangement a) {
    String who = a.getPseudonym() == null ? "?" : a.getPseudonym().substring(0, 1);
    return a.getGemeentecode() + " " + a.getYear() + " " + who + " " + a.getType() + " " + describe(a);
  }

  private static List<PseudonymisedRecord> sample() {
    return List.of(
        // A, type 02, in 0363: an H1 and an H2 record that follow on: one arrangement.
        rec("0363", "H12025", 2, A, "02", "2025-01-01", "2025-06-30", "ZIN"),
        rec("0363", "H22025", 2, A, "02", "2025-07-01", null, "ZIN"),
        // A, type 03, in 0363: another type, never merged with type 02.
        rec("0363", "H12025", 3, A, "03", "2025-01-01", "2025-06-30", "ZIN"),
        // A in another gemeente, and in another year.
        rec("0599", "H12025", 2, A, "02", "2025-02-01", "2025-03-31", "ZIN"),
        rec("0363", "H22024", 2, A, "02", "2024-07-01", "2024-12-31", "ZIN"),
        // B, type 02 in 0363.
        rec("0363", "H12025", 4, B, "02", "2025-01-01", "2025-01-10", "PGB"),
        // Two records of unknown persons with equal fields: never merged.
        rec("0363", "H12025", 5, null, "02", "2025-01-01", "2025-06-30", "ZIN"),
        rec("0363", "H12025", 6, null, "02", "2025-01-01", "2025-06-30", "ZIN"));
  }

  private static final List<String> EXPECTED = List.of(
      "0363 2025 a 02 2025-01-01.. ZIN n=2",
      "0363 2025 a 03 2025-01-01..2025-06-30 ZIN n=1",
      "0599 2025 a 02 2025-02-01..2025-03-31 ZIN n=1",
      "0363 2024 a 02 2024-07-01..2024-12-31 ZIN n=1",
      "0363 2025 b 02 2025-01-01..2025-01-10 PGB n=1",
      "0363 2025 ? 02 2025-01-01..2025-06-30 ZIN n=1",
      "0363 2025 ? 02 2025-01-01..2025-06-30 ZIN n=1");

  @Test
  void mergesPerGemeenteYearPersonAndType(TestPipeline p) {
    PCollection<Arrangement> merged = p
        .apply(Create.of(sample()).withCoder(AvroCoder.specific(PseudonymisedRecord.class)))
        .apply(MergeArrangements.with(MergeSettings.defaults()));
    PAssert.that(merged.apply(MapElements.into(TypeDescriptors.strings()).via(MergeArrangementsTest::label)))
        .containsInAnyOrder(EXPECTED);
    p.run().waitUntilFinish();
  }

  /** As if every key had hashed alike: one shuffle group, still split by the full key. */
  @Test
  void aGroupOfKeysThatShareAHashIsSplitByTheFullKey() {
    List<String> out = MergeArrangements.mergeGroup(ArrangementMerger.withDefaults(), sample()).stream()
        .map(MergeArrangementsTest::label).sorted().toList();
    assertEquals(EXPECTED.stream().sorted().toList(), out);
  }
}
