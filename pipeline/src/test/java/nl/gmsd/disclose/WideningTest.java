package nl.gmsd.disclose;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import nl.gmsd.common.TableLayout;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link Widening} measures an unsafe province cell on a system of only some of its gemeenten;
 * what it records as the cell's range must be values the cell itself takes, not the free
 * gemeenten's share of it (the others' true counts added).
 */
class WideningTest {

  @TempDir Path tmp;

  @Test
  void aProvinceCellMeasuredOnPartOfItsGemeenten_isRecordedAsTheProvincesValue() throws IOException {
    // A random province of the optimum bench with more gemeenten than the system frees (5), so
    // that the gemeenten left out hold part of the cell.
    Random rnd = new Random(7);
    PublicationTable table;
    do {
      table = OptimumBench.randomProvince(rnd, tmp);
    } while (table.regions().size() < 9);
    Protection p = new Protection(new AuditState(table, DisclosureSettings.defaults()));
    AuditState s = p.state;
    s.suppressPrimary();
    int province = s.parent(s.gemeenten()[0]);
    int j = CellRelations.CELLS.indexOf(new TableLayout.Cell(TableLayout.TOTAAL, TableLayout.TOTAAL,
        TableLayout.CLIENTEN));
    p.suppress(List.of(new int[] {province, j}));
    int[] f = {province, j};

    Widening w = new Widening(p, f);
    assertTrue(w.free.length < s.gemeentenBelow(province).length, "part of the province only");

    // The cell's range over the whole province contains every value it takes on a part.
    double[] whole;
    try (RestrictedSystem sys = new RestrictedSystem(s, s.gemeentenBelow(province))) {
      whole = sys.range(province, j);
    }
    assertTrue(p.cert.low(province, j) >= whole[0] - 1e-6,
        "recorded low " + p.cert.low(province, j) + " below the province's least value " + whole[0]);
    assertTrue(p.cert.high(province, j) <= whole[1] + 1e-6,
        "recorded high " + p.cert.high(province, j) + " above the province's largest value " + whole[1]);
  }
}
