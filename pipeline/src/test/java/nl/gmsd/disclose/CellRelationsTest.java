package nl.gmsd.disclose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import nl.gmsd.avro.Arrangement;
import nl.gmsd.avro.Person;
import nl.gmsd.common.ArrangementTypes;
import nl.gmsd.common.Period;
import nl.gmsd.common.TableLayout;
import nl.gmsd.common.TableLayout.Cell;
import nl.gmsd.count.ExactCounts;
import org.junit.jupiter.api.Test;

/**
 * The relations of {@link CellRelations} hold on every table the count stage can produce: random
 * populations (unknown persons, clients with up to 25 arrangements of up to 18 types, registers
 * with missing fields) counted by {@link ExactCounts}, the count stage's plain-Java twin. And each
 * relation added for the outside attacker is tight on some population (it says something) and
 * rejects a table that breaks it.
 */
class CellRelationsTest {

  static final Period P = Period.parse("H12025");
  static final long SEED = Long.getLong("seed", 20261201L);

  @Test
  void everyRelationHoldsOnCountedRandomPopulations() {
    Random rnd = new Random(SEED);
    Map<String, Integer> tight = new HashMap<>();
    for (int t = 0; t < 2_000; t++) {
      long[] x = randomTable(rnd);
      for (CellRelations.Relation r : CellRelations.RELATIONS) {
        assertTrue(r.holds(x), "seed " + SEED + ", population " + t + " breaks '" + r.name() + "'");
        boolean nonZero = false;
        for (int c : r.cells()) {
          nonZero |= x[c] > 0;
        }
        if (r.lhs(x) == 0 && nonZero) {
          tight.merge(r.name(), 1, Integer::sum);
        }
      }
    }
    // Every relation is met with equality by some population: none is vacuous.
    for (CellRelations.Relation r : CellRelations.RELATIONS) {
      assertTrue(tight.containsKey(r.name()), "never tight: " + r.name());
    }
  }

  @Test
  void theAttackersRelationsRejectTablesThatBreakThem() {
    long[] x = new long[CellRelations.CELLS.size()];
    // One client with 5 arrangements of type 02 (and nothing else), as counted.
    set(x, "totaal", "totaal", "clienten", 1);
    set(x, "totaal", "totaal", "arrangementen", 5);
    set(x, "type", "02", "clienten", 1);
    set(x, "type", "02", "arrangementen", 5);
    set(x, "typegroep", "Ondersteuning thuis", "clienten", 1);
    set(x, "typegroep", "Ondersteuning thuis", "arrangementen", 5);
    set(x, "typegroep", ArrangementTypes.TOTAL_EXCLUDING_VERBLIJF, "clienten", 1);
    set(x, "typegroep", ArrangementTypes.TOTAL_EXCLUDING_VERBLIJF, "arrangementen", 5);
    set(x, "financieringsvorm", "ZIN+PGB", "clienten", 1);
    set(x, "aantal_arrangementen", "5", "clienten", 1);
    set(x, "leeftijd", "onbekend", "clienten", 1);
    set(x, "geslacht", "onbekend", "clienten", 1);
    assertEquals(List.of(), broken(x));
    // Four arrangements cannot hold a client with five.
    set(x, "totaal", "totaal", "arrangementen", 4);
    set(x, "type", "02", "arrangementen", 4);
    set(x, "typegroep", "Ondersteuning thuis", "arrangementen", 4);
    set(x, "typegroep", ArrangementTypes.TOTAL_EXCLUDING_VERBLIJF, "arrangementen", 4);
    assertEquals(List.of("som k * clienten met k arrangementen <= arrangementen"), broken(x));
    // A client with one arrangement has one type, and is not ZIN+PGB.
    set(x, "totaal", "totaal", "arrangementen", 5);
    set(x, "type", "02", "arrangementen", 5);
    set(x, "typegroep", "Ondersteuning thuis", "arrangementen", 5);
    set(x, "typegroep", ArrangementTypes.TOTAL_EXCLUDING_VERBLIJF, "arrangementen", 5);
    set(x, "aantal_arrangementen", "5", "clienten", 0);
    set(x, "aantal_arrangementen", "1", "clienten", 1);
    set(x, "type", "03", "clienten", 1);
    set(x, "type", "03", "arrangementen", 1);
    set(x, "type", "02", "arrangementen", 4);
    List<String> b = broken(x);
    assertTrue(b.contains("som clienten per type <= som min(k, types) * clienten met k arrangementen"), b.toString());
    assertTrue(b.contains("clienten ZIN+PGB <= clienten met 2 of meer arrangementen"), b.toString());
    // More clients of a type than arrangements of it.
    long[] y = new long[x.length];
    set(y, "type", "16", "clienten", 2);
    set(y, "type", "16", "arrangementen", 1);
    assertTrue(broken(y).contains("clienten type 16 <= arrangementen type 16"));
  }

  /** The relations for the outside attacker that {@code x} breaks. */
  private static List<String> broken(long[] x) {
    return CellRelations.RELATIONS.stream().filter(r -> isNew(r) && !r.holds(x)).map(CellRelations.Relation::name).toList();
  }

  /** The relations added for the outside attacker (the others are SPEC 8's additivity). */
  private static boolean isNew(CellRelations.Relation r) {
    return r.name().contains("arrangementen type") || r.name().contains("met k arrangementen")
        || r.name().contains("of meer arrangementen") || r.name().contains("+ verblijf");
  }

  private static void set(long[] x, String d, String c, String m, long v) {
    x[CellRelations.index(d, c, m)] = v;
  }

  /** A random population of one gemeente, counted by the count stage's rules. */
  static long[] randomTable(Random rnd) {
    List<String> types = ArrangementTypes.codes();
    // Shapes: few or many clients, a narrow or the full type pool, many arrangements per client.
    int clients = rnd.nextInt(4) == 0 ? rnd.nextInt(3) : rnd.nextInt(40);
    int poolSize = 1 + rnd.nextInt(types.size());
    int maxArr = rnd.nextBoolean() ? 3 : 25;
    List<Arrangement> arrangements = new ArrayList<>();
    Map<String, Person> persons = new HashMap<>();
    for (int c = 0; c < clients; c++) {
      String pseudonym = String.format("%064x", c + 1);
      int n = 1 + rnd.nextInt(maxArr);
      for (int a = 0; a < n; a++) {
        // Distinct arrangements: the same type and leveringsvorm may repeat on separate dates.
        String type = types.get(rnd.nextInt(poolSize));
        arrangements.add(arrangement(pseudonym, type, rnd.nextBoolean() ? "ZIN" : "PGB", a));
      }
      int kind = rnd.nextInt(6);
      if (kind > 0) {
        persons.put(pseudonym, Person.newBuilder().setPseudonym(pseudonym)
            .setBirthDate(kind == 1 ? null : (int) LocalDate.of(1925 + rnd.nextInt(110), 1, 1).toEpochDay())
            .setSex(kind == 2 ? null : rnd.nextBoolean() ? "M" : "V")
            .setHousehold(kind == 3 ? null : "h" + rnd.nextInt(Math.max(1, clients / 2 + 1)))
            .build());
      }
    }
    int unknown = rnd.nextInt(3) == 0 ? rnd.nextInt(6) : 0;
    for (int u = 0; u < unknown; u++) {
      arrangements.add(arrangement(null, types.get(rnd.nextInt(poolSize)), "ZIN", u));
    }
    Map<Cell, Long> counts = ExactCounts.forPeriod("0363", P, arrangements, persons);
    long[] x = new long[CellRelations.CELLS.size()];
    for (Map.Entry<Cell, Long> e : counts.entrySet()) {
      x[CellRelations.index(e.getKey())] = e.getValue();
    }
    assertFalse(x.length != TableLayout.countCells().size());
    return x;
  }

  private static Arrangement arrangement(String pseudonym, String type, String lv, int k) {
    LocalDate start = LocalDate.of(2025, 1, 1).plusDays(k % 150);
    return Arrangement.newBuilder().setGemeentecode("0363").setYear(2025).setPseudonym(pseudonym).setType(type)
        .setLeveringsvorm(lv).setStart((int) start.toEpochDay()).setEnd((int) start.plusDays(1).toEpochDay())
        .setRedenBeeindiging(null).setRecords(1).build();
  }
}
