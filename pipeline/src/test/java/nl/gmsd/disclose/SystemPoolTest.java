package nl.gmsd.disclose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link SystemPool}: a system taken again is the one given back, brought up to the intervals as
 * they are now, so it ranges a cell exactly as a system built anew does; the pool evicts the
 * least recently given back beyond its capacity.
 */
class SystemPoolTest {

  @TempDir Path tmp;

  @Test
  void aSystemTakenAgain_rangesACellAsOneBuiltAnew_afterCellsWereMadeSecretAndPublishedAgain() throws IOException {
    AuditState s = state();
    int a = ReleaseRedundantCellsTest.region(s, "0001");
    int b = ReleaseRedundantCellsTest.region(s, "0002");
    int[] free = {b, a};
    int[] oldestA = ReleaseRedundantCellsTest.cell(s, "0001", "85+");
    int[] oldestB = ReleaseRedundantCellsTest.cell(s, "0002", "85+");
    int[] unknownB = ReleaseRedundantCellsTest.cell(s, "0002", "onbekend");
    try (SystemPool pool = new SystemPool(s, 4)) {
      RestrictedSystem first = pool.take(free);
      double[] before = range(first, oldestA);
      pool.give(first);

      // A's and B's 85+ secret, and the province's: A's cell can move against B's.
      List<int[]> secret = List.of(oldestA, oldestB, new int[] {s.parent(a), oldestA[1]}, unknownB);
      s.suppress(secret);
      RestrictedSystem again = pool.take(new int[] {a, b});
      assertSame(first, again, "the same gemeenten, in any order, take the kept system");
      double[] wider = range(again, oldestA);
      try (RestrictedSystem fresh = new RestrictedSystem(s, free)) {
        assertEquals(range(fresh, oldestA)[0], wider[0], 1e-9);
        assertEquals(range(fresh, oldestA)[1], wider[1], 1e-9);
      }
      assertEquals(before[0], before[1], 1e-9, "published exactly: no room before");
      assertTrue(wider[1] > wider[0] + 1, "room once the cells are secret");
      pool.give(again);

      s.unsuppress(secret);
      RestrictedSystem third = pool.take(free);
      assertSame(first, third);
      double[] after = range(third, oldestA);
      assertEquals(before[0], after[0], 1e-9, "published again: the bounds shrink back");
      assertEquals(before[1], after[1], 1e-9);
      pool.give(third);
    }
  }

  @Test
  void beyondItsCapacity_thePoolEvictsTheLeastRecentlyGivenBack() throws IOException {
    AuditState s = state();
    int a = ReleaseRedundantCellsTest.region(s, "0001");
    int b = ReleaseRedundantCellsTest.region(s, "0002");
    int c = ReleaseRedundantCellsTest.region(s, "0003");
    try (SystemPool pool = new SystemPool(s, 2)) {
      RestrictedSystem sa = pool.take(new int[] {a});
      RestrictedSystem sb = pool.take(new int[] {b});
      RestrictedSystem sc = pool.take(new int[] {c});
      RestrictedSystem twin = pool.take(new int[] {a});
      assertNotSame(sa, twin, "a system is used by one task at a time");
      pool.give(sa);
      pool.give(twin); // one of these gemeenten is kept already: closed
      pool.give(sb);
      pool.give(sc); // a goes
      assertEquals(4, pool.built());
      assertSame(sb, pool.take(new int[] {b}));
      assertSame(sc, pool.take(new int[] {c}));
      assertNotSame(sa, pool.take(new int[] {a}));
      assertEquals(2, pool.reused());
    }
  }

  private static double[] range(RestrictedSystem sys, int[] cell) {
    return sys.range(cell[0], cell[1]);
  }

  /** The hand-made table of {@link OptimalSuppressionTest}, primary cells secret. */
  private AuditState state() throws IOException {
    AuditState s = new AuditState(OptimalSuppressionTest.table(tmp), ReleaseRedundantCellsTest.EXACT);
    s.suppressPrimary();
    return s;
  }
}
