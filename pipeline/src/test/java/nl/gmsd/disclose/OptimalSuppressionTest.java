package nl.gmsd.disclose;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import nl.gmsd.avro.CellCount;
import nl.gmsd.common.ArrangementTypes;
import nl.gmsd.common.Period;
import nl.gmsd.common.TableLayout;
import nl.gmsd.disclose.SyntheticTables.Client;
import nl.gmsd.disclose.SyntheticTables.Gem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The optimum tool of the bench ({@link OptimalSuppression}) on a table whose optimum is known by
 * hand, so that the tool can be wrong.
 *
 * <p>Three gemeenten of one province, every count cell of every region at least 8 except gemeente
 * A's clients of unknown age (3), published exactly (rounding base 1). The age cells take part in
 * one relation only, the age partition of each region's clients, besides the region sums: the
 * classic two-way table of gemeenten by age group with margins. A's 3 is pinned by its row, and no
 * set of secret cells without a cycle through it can free it; the cheapest cycle is the rectangle
 * A and B by "onbekend" and "85+": A's 85+ (9), B's onbekend (8) and B's 85+ (10), cost 27. Any
 * other choice costs more: every other cell of the gemeenten is at least 30, a province's or
 * Nederland's cell is a sum, and totals carry the penalty.
 */
class OptimalSuppressionTest {

  static final Period P = Period.parse("H12025");
  /** Exact publishing, so that the two-way table argument holds as stated. */
  static final DisclosureSettings EXACT =
      new DisclosureSettings(8, 1, DisclosureSettings.RoundingMode.NEAREST, 2, 20);

  @TempDir Path tmp;

  @Test
  void findsTheHandMadeOptimum_andItsChoiceSurvivesTheIndependentAttacker() throws IOException {
    PublicationTable table = table(tmp);
    OptimalSuppression tool = new OptimalSuppression(table, EXACT);
    OptimalSuppression.Outcome o = tool.solve(120_000);
    assertEquals(OptimalSuppression.Status.OPTIMAL, o.status());
    AuditState s = new AuditState(table, EXACT);
    TreeSet<String> chosen = new TreeSet<>();
    o.chosen().forEach(c -> chosen.add(s.code(c[0]) + " " + CellRelations.CELLS.get(c[1]).category()));
    assertEquals(new TreeSet<>(List.of("0001 85+", "0002 85+", "0002 onbekend")), chosen);
    assertEquals(27, o.value());
    assertEquals(0, o.totals());

    IndependentAudit attacker = new IndependentAudit(table, tool.publish(o.chosen()), EXACT).integer();
    assertEquals(Map.of(), attacker.narrowCells());
    // ... and the cell was pinned before: the attacker can find it.
    assertEquals(1, new IndependentAudit(table, tool.publish(List.of()), EXACT).integer().narrowCells().size());
  }

  @Test
  void noTimeLeft_isReportedAsTheTimeLimit_neverAsOptimal() throws IOException {
    OptimalSuppression.Outcome o = new OptimalSuppression(table(tmp), EXACT).solve(0);
    assertEquals(OptimalSuppression.Status.TIME_LIMIT, o.status());
  }

  /** The table of the class comment (also {@link ReleaseRedundantCellsTest}'s). */
  static PublicationTable table(Path tmp) throws IOException {
    List<Gem> gems = List.of(new Gem("0001", "A", "Utrecht", 10_000), new Gem("0002", "B", "Utrecht", 10_000),
        new Gem("0003", "C", "Utrecht", 10_000));
    int[][] unknownAndOldest = {{3, 9}, {8, 10}, {40, 40}};
    List<CellCount> all = new ArrayList<>();
    for (int g = 0; g < 3; g++) {
      all.addAll(SyntheticTables.count(P, gems.get(g).code(), clients(unknownAndOldest[g][0], unknownAndOldest[g][1])));
    }
    return PublicationTable.build(P, all, SyntheticTables.referenceData(tmp, P.year(), gems),
        g -> TableLayout.STATUS_PUBLISHED);
  }

  /**
   * Two clients per type and number of arrangements (1..6, all of that type): 216 clients, every
   * type, group, financing, count and sex cell well above 8; ages as given, the rest spread over the
   * four other groups (at least 40 each).
   */
  private static List<Client> clients(int unknown, int oldest) {
    List<String> others = List.of("0-17", "18-64", "65-74", "75-84");
    List<Client> out = new ArrayList<>();
    int i = 0;
    for (String type : ArrangementTypes.codes()) {
      for (int k = 1; k <= 6; k++) {
        for (int twice = 0; twice < 2; twice++, i++) {
          String age = i < unknown ? "onbekend" : i < unknown + oldest ? "85+" : others.get(i % 4);
          String fin = SyntheticTables.FIN.get(k == 1 ? i % 2 : i % 3);
          out.add(new Client(Map.of(type, k), fin, age, SyntheticTables.SEXES.get(i % 3), "h" + i));
        }
      }
    }
    return out;
  }
}
