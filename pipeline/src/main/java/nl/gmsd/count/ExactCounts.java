package nl.gmsd.count;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import nl.gmsd.avro.Arrangement;
import nl.gmsd.avro.CellCount;
import nl.gmsd.avro.ClientPeriod;
import nl.gmsd.avro.Person;
import nl.gmsd.common.Period;
import nl.gmsd.common.TableLayout;
import nl.gmsd.common.TableLayout.Cell;
import nl.gmsd.merge.ArrangementMerger;

/**
 * The exact count cells of one gemeente and period, in plain Java: the same rules the Beam count
 * stage applies element by element, for small inputs (tests, reference checks).
 */
public final class ExactCounts {

  private ExactCounts() {}

  /**
   * Dense counts (every count cell of {@link TableLayout#countCells()} in layout order, zeros
   * included) from the clients and the active arrangements of one gemeente and period. Households
   * are the distinct non-null households of the clients.
   */
  public static Map<Cell, Long> of(Collection<ClientPeriod> clients,
      Collection<Arrangement> activeArrangements) {
    Map<Cell, Long> counts = new LinkedHashMap<>();
    for (Cell cell : TableLayout.countCells()) {
      counts.put(cell, 0L);
    }
    TreeSet<String> households = new TreeSet<>();
    for (ClientPeriod c : clients) {
      CellContributions.ofClient(c).forEach(cell -> add(counts, cell));
      if (c.getHousehold() != null) {
        households.add(c.getHousehold());
      }
    }
    for (Arrangement a : activeArrangements) {
      CellContributions.ofArrangement(a).forEach(cell -> add(counts, cell));
    }
    counts.put(CellContributions.household(), (long) households.size());
    return counts;
  }

  /**
   * The whole count chain for one gemeente and period: keeps the arrangements of the gemeente
   * active in the period (own merge year only), makes one client per pseudonym (unknown persons
   * count as arrangements only) joined to {@code personsByPseudonym}, and counts.
   */
  public static Map<Cell, Long> forPeriod(String gemeentecode, Period period,
      Collection<Arrangement> arrangements, Map<String, Person> personsByPseudonym) {
    List<Arrangement> active = new ArrayList<>();
    Map<String, List<Arrangement>> byPerson = new TreeMap<>();
    for (Arrangement a : arrangements) {
      if (gemeentecode.equals(a.getGemeentecode()) && ArrangementMerger.isActive(a, period)) {
        active.add(a);
        if (a.getPseudonym() != null) {
          byPerson.computeIfAbsent(a.getPseudonym(), k -> new ArrayList<>()).add(a);
        }
      }
    }
    List<ClientPeriod> clients = new ArrayList<>();
    for (Map.Entry<String, List<Arrangement>> e : byPerson.entrySet()) {
      clients.add(ClientSummariser.summarise(gemeentecode, period, e.getKey(), e.getValue(),
          personsByPseudonym.get(e.getKey())));
    }
    return of(clients, active);
  }

  /** The counts as CellCount records, in the map's order. */
  public static List<CellCount> toCellCounts(Period period, String gemeentecode,
      Map<Cell, Long> counts) {
    List<CellCount> out = new ArrayList<>();
    counts.forEach((cell, n) -> out.add(CellContributions.toCellCount(period, gemeentecode, cell, n)));
    return out;
  }

  private static void add(Map<Cell, Long> counts, Cell cell) {
    Long n = counts.get(cell);
    if (n == null) {
      throw new IllegalStateException("not a count cell of the table: " + cell);
    }
    counts.put(cell, n + 1);
  }
}
