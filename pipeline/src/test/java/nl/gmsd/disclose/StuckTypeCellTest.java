package nl.gmsd.disclose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import nl.gmsd.avro.CellCount;
import nl.gmsd.avro.TableCell;
import nl.gmsd.common.Period;
import nl.gmsd.common.TableLayout;
import nl.gmsd.common.TableLayout.Cell;
import nl.gmsd.disclose.SyntheticTables.Client;
import nl.gmsd.disclose.SyntheticTables.Gem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The stuck case of issue 13: type 10 is the only type of its group "Overig", so a gemeente's type
 * cell and group cell are one number, and the rectangles of the type dimension miss the group
 * cells that pin it too. Here Aland's 7 type-10 arrangements are pinned to [6, 7] by Beland's 12
 * (published 10, at most 12) and the province's 19 (published 20, at least 18), through the type
 * and through the group alike. Disclosure control must end safe on it with every setting, checked
 * by the independent integer attacker.
 */
class StuckTypeCellTest {

  static final Period P = Period.parse("H22024");
  static final Cell TYPE10 = new Cell("type", "10", "arrangementen");
  static final Cell OVERIG = new Cell("typegroep", "Overig", "arrangementen");

  @TempDir Path tmp;

  private PublicationTable table() throws IOException {
    List<CellCount> counts = new ArrayList<>();
    counts.addAll(SyntheticTables.count(P, "0001", clients(7, 40)));
    counts.addAll(SyntheticTables.count(P, "0002", clients(12, 60)));
    return PublicationTable.build(P, counts, SyntheticTables.referenceData(tmp.resolve("ref"), 2024, List.of(
        new Gem("0001", "Aland", "Utrecht", 10_000), new Gem("0002", "Beland", "Utrecht", 20_000))),
        g -> TableLayout.STATUS_PUBLISHED);
  }

  /** {@code type10} clients with one type-10 arrangement, {@code others} with one or two of type 03. */
  private static List<Client> clients(int type10, int others) {
    List<Client> out = new ArrayList<>();
    for (int i = 0; i < type10; i++) {
      out.add(new Client(Map.of("10", 1), "ZIN", "65-74", i % 2 == 0 ? "V" : "M", "t" + i));
    }
    for (int i = 0; i < others; i++) {
      int n = 1 + i % 3 / 2; // one in three has two arrangements
      out.add(new Client(Map.of("03", n), n == 2 && i % 2 == 0 ? "ZIN+PGB" : "PGB", i % 4 == 0 ? "75-84" : "18-64",
          i % 2 == 0 ? "V" : "M", "o" + i));
    }
    return out;
  }

  @Test
  void theIndependentAttacker_findsThePinnedTypeCell_afterPrimarySuppressionOnly() throws IOException {
    PublicationTable table = table();
    assertEquals(7, table.exact("0001", TYPE10));
    assertEquals(7, table.exact("0001", OVERIG));
    Protection p = new Protection(new AuditState(table, DisclosureSettings.defaults()));
    new PrimarySuppression().protect(p);
    List<TableCell> primaryOnly = PublishedCells.of(table, p.state);
    IndependentAudit attacker = new IndependentAudit(table, primaryOnly, DisclosureSettings.defaults()).integer();
    assertTrue(attacker.secret("0001", TYPE10));
    double[] range = attacker.range("0001", TYPE10);
    assertEquals(6.0, range[0], 1e-6);
    assertEquals(7.0, range[1], 1e-6);
    double[] group = attacker.range("0001", OVERIG);
    assertTrue(group[1] - group[0] < 2, "the group cell is the same number");
    // The property test's way of attacking (UnseenTablesPropertyTest) finds it too, and not as
    // beyond protection: it must be able to fail.
    IndependentAudit.Key key = new IndependentAudit.Key("0001", TYPE10);
    assertTrue(attacker.narrowCells(List.of(key)).containsKey(key));
    assertTrue(!new IndependentAudit(table, IndependentAudit.allSecret(table, primaryOnly), DisclosureSettings.defaults())
        .integer().narrowCells(List.of(key)).containsKey(key));
    assertTrue(p.unsafe().stream().anyMatch(c -> p.state.key(c[0], c[1]).equals("H22024 gemeente 0001 type/10/arrangementen")),
        "the audit sees it too");
  }

  /**
   * An audit after nothing changed solves none of the cells it left narrow again (their pins hold),
   * and finds the same cells unsafe as an audit that solves them all.
   */
  @Test
  void anAuditAfterNoChange_solvesTheNarrowCellsNotAgain_andGivesTheSameVerdict() throws IOException {
    PublicationTable table = table();
    long[] lps = new long[2];
    List<List<String>> unsafe = new ArrayList<>();
    for (int forget = 0; forget < 2; forget++) {
      Protection p = new Protection(new AuditState(table, DisclosureSettings.defaults()));
      new PrimarySuppression().protect(p);
      assertTrue(!p.unsafe().isEmpty());
      if (forget == 1) {
        p.audit.forgetPins();
      }
      long before = p.lps();
      p.audit();
      lps[forget] = p.lps() - before;
      unsafe.add(p.unsafe().stream().map(c -> p.state.key(c[0], c[1])).toList());
    }
    assertEquals(unsafe.get(1), unsafe.get(0));
    assertTrue(lps[0] < lps[1], "pinned: " + lps[0] + " LPs, all solved again: " + lps[1]);
  }

  /**
   * Every path of the chain ends safe: defaults, one round of the heuristic, the exact stage's
   * programs without their reach limit (reach 0: the limited program cannot move the target), the
   * group fallback alone.
   */
  @ParameterizedTest
  @CsvSource({"20,true,8", "1,true,8", "1,true,0", "0,false,8"})
  void everyPathOfTheChain_endsSafe(int rounds, boolean exact, int reach) throws IOException {
    DisclosureSettings settings = new DisclosureSettings(8, 5, DisclosureSettings.RoundingMode.NEAREST, 2, rounds);
    PublicationTable table = table();
    DisclosureControl control = exact ? new DisclosureControl(ExactSuppression.NODE_LIMIT, reach) : new DisclosureControl(0);
    DisclosureControl.Result result = control.apply(table, settings);
    assertEquals(0, result.audit().unsafeLeft(), result.audit().stages().toString());
    if (exact && rounds < 20) {
      ProtectionStage.Report exactStage = result.audit().stages().stream().filter(r -> r.stage().equals("exact"))
          .findFirst().orElseThrow();
      ProtectionStage.Report fallback = result.audit().stages().stream().filter(r -> r.stage().equals("group_fallback"))
          .findFirst().orElseThrow();
      assertTrue(exactStage.cellsMadeSecret() > 0 && fallback.cellsMadeSecret() == 0,
          "the exact stage protected what the heuristic left: " + result.audit().stages());
    }
    assertTrue(result.audit().rounds() <= rounds);
    int made = result.audit().stages().stream().skip(1).mapToInt(ProtectionStage.Report::cellsMadeSecret).sum();
    assertTrue(made > 0, "secondary cells were needed: " + result.audit().stages());
    // The LP attacker on every secret cell; the integer attacker where the LP leaves less than
    // minIntervalWidth + roundingBase (whole numbers cut a range by less than that here; checking
    // every cell by integer program takes minutes with ojAlgo).
    IndependentAudit lp = new IndependentAudit(table, result.cells(), settings);
    IndependentAudit attacker = new IndependentAudit(table, result.cells(), settings).integer();
    for (String region : attacker.regions()) {
      for (Cell c : TableLayout.countCells()) {
        if (attacker.secret(region, c)) {
          double[] r = lp.range(region, c);
          if (r[1] - r[0] < settings.minIntervalWidth() + settings.roundingBase()) {
            r = attacker.range(region, c);
          }
          assertTrue(r[1] - r[0] >= settings.minIntervalWidth() - 1e-6,
              "rounds " + rounds + ", exact " + exact + ": " + region + " " + c + " within " + r[0] + ".." + r[1]);
        }
      }
    }
  }
}
