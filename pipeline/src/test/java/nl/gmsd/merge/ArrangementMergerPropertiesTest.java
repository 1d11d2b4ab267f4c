package nl.gmsd.merge;

import static nl.gmsd.merge.MergeFixtures.GEMEENTE;
import static nl.gmsd.merge.MergeFixtures.YEAR;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import nl.gmsd.avro.Arrangement;
import nl.gmsd.avro.PseudonymisedRecord;
import nl.gmsd.common.Period;
import org.junit.jupiter.api.Test;

/**
 * Generated cases for {@link ArrangementMerger}: per leveringsvorm the output is sorted and
 * separated by more than the gap, covers exactly the stage-1 union with its small gaps filled
 * (computed by brute force over days), does not depend on input order, and is a fixed point.
 */
class ArrangementMergerPropertiesTest {

  private static final int CASES = 500;
  private static final long BASE_SEED = 20250101L;
  /** Generated dates lie in [BASE, BASE + 50); an open end is treated as reaching HORIZON. */
  private static final int BASE = MergeFixtures.day("2025-01-01");
  private static final int HORIZON = 100;

  private final ArrangementMerger merger = ArrangementMerger.withDefaults();
  private final int gap = merger.settings().maxGapDays();

  @Test
  void propertiesHoldForGeneratedRecords() {
    for (int i = 0; i < CASES; i++) {
      long seed = BASE_SEED + i;
      try {
        check(seed);
      } catch (AssertionError | RuntimeException e) {
        fail("property failed for seed " + seed + ": " + e.getMessage(), e);
      }
    }
  }

  private void check(long seed) {
    Random random = new Random(seed);
    List<PseudonymisedRecord> records = generate(random);
    List<Arrangement> out = merger.merge(GEMEENTE, YEAR, records);

    // Every record is accounted for exactly once.
    assertEquals(records.size(), out.stream().mapToInt(Arrangement::getRecords).sum(), "records");

    // Sorted and separated by more than the gap, per leveringsvorm; only the last may be open.
    Map<String, List<Arrangement>> byLv = new TreeMap<>();
    for (Arrangement a : out) {
      byLv.computeIfAbsent(a.getLeveringsvorm(), k -> new ArrayList<>()).add(a);
    }
    for (List<Arrangement> as : byLv.values()) {
      for (int k = 1; k < as.size(); k++) {
        Arrangement prev = as.get(k - 1);
        Arrangement next = as.get(k);
        assertTrue(prev.getEnd() != null, "only the last arrangement may be open");
        assertTrue(next.getStart() > prev.getEnd() + gap, "separated by more than the gap");
      }
    }

    // Covers the stage-1 union with gaps of at most maxGapDays filled, and nothing else.
    Map<String, BitSet> expected = expectedCoverage(records);
    Map<String, BitSet> actual = new TreeMap<>();
    for (Arrangement a : out) {
      actual.computeIfAbsent(a.getLeveringsvorm(), k -> new BitSet()).set(
          a.getStart() - BASE, a.getEnd() == null ? HORIZON : a.getEnd() - BASE + 1);
    }
    assertEquals(expected, actual, "covered days");

    // Independent of input order.
    List<PseudonymisedRecord> shuffled = new ArrayList<>(records);
    Collections.shuffle(shuffled, random);
    assertEquals(out, merger.merge(GEMEENTE, YEAR, shuffled), "order independence");

    // Merging the output again, as records without a toewijzingsnummer, changes nothing.
    List<PseudonymisedRecord> again = new ArrayList<>();
    for (int k = 0; k < out.size(); k++) {
      Arrangement a = out.get(k);
      again.add(MergeFixtures.record(a.getPseudonym(), a.getStart(), a.getEnd(), a.getLeveringsvorm())
          .setRedenBeeindiging(a.getRedenBeeindiging()).setLine(k + 2).build());
    }
    List<Arrangement> twice = merger.merge(GEMEENTE, YEAR, again);
    assertEquals(withoutRecordCounts(out), withoutRecordCounts(twice), "idempotence");
  }

  private static List<PseudonymisedRecord> generate(Random random) {
    int n = 1 + random.nextInt(8);
    List<Integer> lines = new ArrayList<>();
    for (int l = 2; l < 40; l++) {
      lines.add(l);
    }
    Collections.shuffle(lines, random);
    String[] toewijzingen = {null, null, "A", "B"};
    String[] redenen = {null, "02", "19", "36"};
    List<PseudonymisedRecord> records = new ArrayList<>();
    for (int k = 0; k < n; k++) {
      int start = BASE + random.nextInt(40);
      Integer end = random.nextInt(10) == 0 ? null : start + random.nextInt(9);
      String half = random.nextBoolean() ? "H1" : "H2";
      records.add(MergeFixtures.record(MergeFixtures.PERSON, start, end,
              random.nextInt(4) == 0 ? "PGB" : "ZIN")
          .setToewijzingsnummer(toewijzingen[random.nextInt(toewijzingen.length)])
          .setRedenBeeindiging(redenen[random.nextInt(redenen.length)])
          .setHalfYear(Period.parse(half + YEAR).index())
          .setLine(lines.get(k))
          .build());
    }
    return records;
  }

  /**
   * Brute force, written apart from the merger: stage 1 by hand (earliest start, latest end, the
   * leveringsvorm of the latest start/end/half/line), then the days per leveringsvorm, then gaps of
   * at most maxGapDays between covered runs filled in.
   */
  private Map<String, BitSet> expectedCoverage(List<PseudonymisedRecord> records) {
    Comparator<PseudonymisedRecord> deciding = Comparator
        .comparingInt(PseudonymisedRecord::getStart)
        .thenComparingInt(r -> r.getEnd() == null ? Integer.MAX_VALUE : r.getEnd())
        .thenComparingInt(PseudonymisedRecord::getHalfYear)
        .thenComparingInt(PseudonymisedRecord::getLine);
    List<int[]> intervals = new ArrayList<>(); // {start, endExclusive}
    List<String> lvs = new ArrayList<>();
    Map<String, List<PseudonymisedRecord>> stage1 = new HashMap<>();
    for (PseudonymisedRecord r : records) {
      if (r.getToewijzingsnummer() == null) {
        intervals.add(days(r.getStart(), r.getEnd()));
        lvs.add(r.getLeveringsvorm());
      } else {
        stage1.computeIfAbsent(r.getToewijzingsnummer(), k -> new ArrayList<>()).add(r);
      }
    }
    for (List<PseudonymisedRecord> group : stage1.values()) {
      int from = Integer.MAX_VALUE;
      int to = 0;
      for (PseudonymisedRecord r : group) {
        int[] d = days(r.getStart(), r.getEnd());
        from = Math.min(from, d[0]);
        to = Math.max(to, d[1]);
      }
      intervals.add(new int[] {from, to});
      lvs.add(Collections.max(group, deciding).getLeveringsvorm());
    }
    Map<String, BitSet> coverage = new TreeMap<>();
    for (int k = 0; k < intervals.size(); k++) {
      coverage.computeIfAbsent(lvs.get(k), x -> new BitSet()).set(intervals.get(k)[0], intervals.get(k)[1]);
    }
    for (BitSet days : coverage.values()) {
      // A run ending on day e joins the next run starting on day s when s <= e + gap.
      int end = days.nextSetBit(0);
      while (end >= 0) {
        int lastCovered = days.nextClearBit(end) - 1;
        int nextStart = days.nextSetBit(lastCovered + 1);
        if (nextStart >= 0 && nextStart <= lastCovered + gap) {
          days.set(lastCovered + 1, nextStart);
        }
        end = nextStart;
      }
    }
    return coverage;
  }

  private static int[] days(int start, Integer end) {
    return new int[] {start - BASE, end == null ? HORIZON : end - BASE + 1};
  }

  private static List<String> withoutRecordCounts(List<Arrangement> as) {
    return as.stream().map(a -> a.getLeveringsvorm() + " " + a.getStart() + ".." + a.getEnd()
        + " R=" + a.getRedenBeeindiging() + " " + a.getType() + " " + a.getPseudonym()).toList();
  }
}
