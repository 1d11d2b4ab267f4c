package nl.gmsd.disclose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import nl.gmsd.common.TableLayout;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The last protection stage ({@link ReleaseRedundantCells}) on the hand-made two-way table of
 * {@link OptimalSuppressionTest}: gemeente A's 3 clients of unknown age are pinned by their row
 * and column unless a cycle of secret cells runs through them.
 */
class ReleaseRedundantCellsTest {

  static final DisclosureSettings EXACT = OptimalSuppressionTest.EXACT;

  @TempDir Path tmp;

  @Test
  void aBlockOfSecretCells_isThinnedDearestFirst_andStaysSafeForTheIndependentAttacker() throws IOException {
    PublicationTable table = OptimalSuppressionTest.table(tmp);
    Protection p = new Protection(new AuditState(table, EXACT));
    p.state.suppressPrimary();
    // Gemeenten A, B, C by unknown, 85+ and 75-84: every cell secret, far more than A's cell needs.
    List<int[]> block = new ArrayList<>();
    for (String g : List.of("0001", "0002", "0003")) {
      for (String age : List.of("onbekend", "85+", "75-84")) {
        block.add(cell(p.state, g, age));
      }
    }
    p.suppress(block);
    assertEquals(List.of(), keys(p, p.audit()));

    ProtectionStage.Report r = new ReleaseRedundantCells(Double.POSITIVE_INFINITY, 0).protect(p);

    assertEquals(8, r.rounds(), "each secondary cell tried once");
    assertEquals(List.of(), keys(p, p.unsafe()));
    // Dearest first: A's 75-84 (every row and column keeps two secret cells), C's 85+ (before C's
    // unknown, as dear, in cell order), then B's unknown (A's cell then lies on a cycle of six:
    // A, C by unknown, C, B by 75-84, B, A by 85+); every other release would pin a cell.
    assertEquals(new TreeSet<>(List.of("0001 75-84", "0003 85+", "0002 onbekend")), released(p, block));
    assertEquals(3, r.cellsReleased());
    IndependentAudit attacker = new IndependentAudit(table, PublishedCells.of(table, p.state), EXACT).integer();
    assertEquals(Map.of(), attacker.narrowCells());
  }

  @Test
  void theCheapestCycle_losesNoCell_andEveryProofStands() throws IOException {
    PublicationTable table = OptimalSuppressionTest.table(tmp);
    Protection p = new Protection(new AuditState(table, EXACT));
    p.state.suppressPrimary();
    List<int[]> optimum = List.of(cell(p.state, "0001", "85+"), cell(p.state, "0002", "onbekend"),
        cell(p.state, "0002", "85+"));
    p.suppress(optimum);
    assertEquals(List.of(), keys(p, p.audit()));

    ProtectionStage.Report r = new ReleaseRedundantCells(Double.POSITIVE_INFINITY, 0).protect(p);

    assertEquals(0, r.cellsReleased());
    assertEquals(3, r.rounds());
    for (int[] c : optimum) {
      assertEquals(AuditState.SECONDARY, p.state.status[c[0]][c[1]]);
    }
    int[] pinned = cell(p.state, "0001", "onbekend");
    assertTrue(p.cert.certified(pinned[0], pinned[1]), "the proof taken back with the cell");
    assertEquals(List.of(), keys(p, p.unsafe()));
  }

  @Test
  void noWorkAllowed_leavesEveryCellSecret() throws IOException {
    PublicationTable table = OptimalSuppressionTest.table(tmp);
    Protection p = new Protection(new AuditState(table, EXACT));
    p.state.suppressPrimary();
    p.suppress(List.of(cell(p.state, "0003", "75-84"), cell(p.state, "0001", "85+"), cell(p.state, "0002", "onbekend"),
        cell(p.state, "0002", "85+")));
    p.audit();
    ProtectionStage.Report r = new ReleaseRedundantCells(0, 0).protect(p);
    assertEquals(0, r.rounds());
    assertEquals(4, p.state.count(AuditState.SECONDARY));
  }

  @Test
  void aProvinceCellTakenByTheExactStage_isSwappedForTheCheapCellOutsideItsPart() throws IOException {
    // A random province of the optimum bench (OptimumBench.randomProvince, this seed): the exact
    // stage's part (the unsafe cell's gemeente and 3 neighbours) misses gemeente 0007, so its
    // program took type 08's clients and arrangements of the province and Nederland (2 074 in
    // all); the proven optimum is one cell, 0007's type 08 clients (8).
    PublicationTable table = OptimumBench.randomProvince(new java.util.Random(-1109287713991315740L), tmp);
    DisclosureSettings defaults = DisclosureSettings.defaults();
    DisclosureControl.Result r = new DisclosureControl().apply(table, defaults);

    TreeSet<String> secondary = new TreeSet<>();
    for (nl.gmsd.avro.TableCell c : r.cells()) {
      var cell = new TableLayout.Cell(c.getDimension(), c.getCategory(), c.getMeasure());
      if (c.getStatus().equals(TableLayout.STATUS_SECRET) && !c.getMeasure().endsWith("_per_1000")
          && table.exact(c.getRegionCode(), cell) >= defaults.minCount()) {
        secondary.add(c.getRegionCode() + " " + c.getDimension() + "/" + c.getCategory() + "/" + c.getMeasure());
      }
    }
    assertEquals(new TreeSet<>(List.of("0007 type/08/clienten")), secondary, r.audit().stages().toString());
    ProtectionStage.Report release = r.audit().stages().get(4);
    assertEquals(1, release.cellsMadeSecret(), "the cheap cell came in by a swap: " + release);
    assertEquals(Map.of(), IndependentAudit.narrowButProtectable(table, r.cells(), defaults));
  }

  @Test
  void forget_dropsOnlyTheProofsInWhichAMovedGemeenteWasFree() throws IOException {
    AuditState s = new AuditState(OptimalSuppressionTest.table(tmp), EXACT);
    Certificates cert = new Certificates(s);
    int a = region(s, "0001");
    int b = region(s, "0002");
    int province = s.parent(a);
    int j = cell(s, "0001", "85+")[1];
    int n = CellRelations.CELLS.size();
    long[] up = new long[n];
    up[j] = 5;
    long[] down = new long[n];
    down[j] = -4;
    cert.record(new int[] {a}, new long[][] {up});
    cert.record(new int[] {b}, new long[][] {down});
    cert.recordRange(b, j, 1.5, 40.0, new int[] {b});
    assertEquals(5 + 4, cert.up[province][j] - cert.down[province][j]);

    boolean[] moved = new boolean[s.size()];
    moved[a] = true;
    cert.forget(moved);

    assertEquals(0, cert.up[a][j], "A's table dropped");
    assertEquals(0, cert.up[province][j], "and the province's value in it");
    assertEquals(-4, cert.down[province][j], "B's table kept");
    assertEquals(-4, cert.down[b][j]);
    assertEquals(38, cert.width(b, j), "B's range kept");
    moved[b] = true;
    cert.forget(moved);
    assertEquals(0, cert.down[province][j]);
    assertFalse(cert.certified(b, j));
  }

  @Test
  void forget_keepsALinearProgramsRangeWhosePointStillLiesWithinEveryInterval() throws IOException {
    AuditState s = new AuditState(OptimalSuppressionTest.table(tmp), EXACT);
    s.suppressPrimary();
    Certificates cert = new Certificates(s);
    int b = region(s, "0002");
    int[] oldest = cell(s, "0002", "85+");
    int[] unknown = cell(s, "0002", "onbekend");
    List<int[]> secret = new ArrayList<>(List.of(oldest, unknown));
    for (int r = s.parent(b); r >= 0; r = s.parent(r)) {
      secret.add(new int[] {r, oldest[1]});
      secret.add(new int[] {r, unknown[1]});
    }
    s.suppress(secret);
    int n = CellRelations.CELLS.size();
    // Points of B alone (its cells, as the LP variables of a system freeing B): the true counts,
    // with one client moved between 85+ and unknown age: within every interval, B's and its
    // province's and Nederland's, where both cells are secret.
    double[] lowPoint = new double[n];
    for (int j = 0; j < n; j++) {
      lowPoint[j] = s.exact[b][j];
    }
    double[] highPoint = lowPoint.clone();
    lowPoint[oldest[1]] -= 1;
    lowPoint[unknown[1]] += 1;
    highPoint[oldest[1]] += 1;
    highPoint[unknown[1]] -= 1;
    long v = s.exact[b][oldest[1]];
    cert.recordRange(b, oldest[1], v - 1, v + 1, new int[] {b}, lowPoint, highPoint);
    cert.recordRange(b, unknown[1], s.exact[b][unknown[1]] - 1, s.exact[b][unknown[1]] + 1, new int[] {b}, highPoint,
        lowPoint);
    assertEquals(2, cert.width(b, oldest[1]));

    boolean[] moved = new boolean[s.size()];
    moved[b] = true;
    cert.forget(moved);
    assertEquals(2, cert.width(b, oldest[1]), "both points lie within every interval: the range stands");

    // Gemeente A moved: no proof rests on it.
    boolean[] movedA = new boolean[s.size()];
    movedA[region(s, "0001")] = true;
    cert.forget(movedA);
    assertEquals(2, cert.width(b, oldest[1]));

    // B's unknown age published again: a point that moves it by one lies outside its interval (it
    // is published exactly), so the ranges resting on either point go.
    s.unsuppress(List.of(unknown));
    assertEquals(s.lo[b][unknown[1]], s.hi[b][unknown[1]], "published exactly with these settings");
    cert.forget(moved);
    assertEquals(0, cert.width(b, oldest[1]));
    assertFalse(cert.certified(b, oldest[1]));
  }

  static int region(AuditState s, String code) {
    for (int r = 0; r < s.size(); r++) {
      if (s.code(r).equals(code)) {
        return r;
      }
    }
    throw new IllegalArgumentException(code);
  }

  /** A gemeente's cell of clients by age. */
  static int[] cell(AuditState s, String gemeente, String age) {
    for (int j = 0; j < CellRelations.CELLS.size(); j++) {
      var c = CellRelations.CELLS.get(j);
      if (c.dimension().equals(TableLayout.LEEFTIJD) && c.category().equals(age)
          && c.measure().equals(TableLayout.CLIENTEN)) {
        return new int[] {region(s, gemeente), j};
      }
    }
    throw new IllegalArgumentException(age);
  }

  private static List<String> keys(Protection p, List<int[]> cells) {
    return cells.stream().map(c -> p.state.key(c[0], c[1])).toList();
  }

  private static TreeSet<String> released(Protection p, List<int[]> block) {
    TreeSet<String> out = new TreeSet<>();
    for (int[] c : block) {
      if (p.state.status[c[0]][c[1]] == AuditState.PUBLISHED) {
        out.add(p.state.code(c[0]) + " " + CellRelations.CELLS.get(c[1]).category());
      }
    }
    return out;
  }
}
