package nl.gmsd.count;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import nl.gmsd.avro.Arrangement;
import nl.gmsd.avro.CellCount;
import nl.gmsd.avro.ClientPeriod;
import nl.gmsd.avro.MicrodataArrangement;
import nl.gmsd.common.TableLayout.Cell;
import nl.gmsd.merge.ActiveArrangements;
import org.apache.beam.sdk.extensions.avro.coders.AvroCoder;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestPipelineExtension;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.PCollection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The Beam count stage (partial sums per bundle, then a sum per cell) against {@link ExactCounts}. */
@ExtendWith(TestPipelineExtension.class)
class CountArrangementsTest {

  private static final List<String> GEMEENTEN = List.of("0363", "0599");
  private static final List<String> TYPES = List.of("01", "02", "05", "15");
  private static final List<String> AGE_GROUPS = List.of("0-17", "18-64", "65-74", "75-84", "85+", "onbekend");
  private static final List<String> SEXES = List.of("M", "V", "onbekend");

  private final List<ClientPeriod> clients = new ArrayList<>();
  private final List<MicrodataArrangement> active = new ArrayList<>();

  /** 300 clients in two gemeenten, with shared households, each with an arrangement per type. */
  CountArrangementsTest() {
    for (int i = 0; i < 300; i++) {
      String gemeente = GEMEENTEN.get(i % 2);
      String pseudonym = CountFixtures.pseudonym(i);
      List<String> types = new ArrayList<>();
      for (int t = 0; t < TYPES.size(); t++) {
        if (t == i % TYPES.size() || (i * 7 + t) % 5 == 0) {
          types.add(TYPES.get(t));
        }
      }
      boolean zin = i % 3 != 0;
      boolean pgb = !zin || i % 5 == 0;
      clients.add(ClientPeriod.newBuilder()
          .setGemeentecode(gemeente).setPeriod("H12025").setPseudonym(pseudonym).setTypes(types)
          .setArrangements(types.size()).setZin(zin).setPgb(pgb)
          .setAgeGroup(AGE_GROUPS.get(i % AGE_GROUPS.size())).setSex(SEXES.get(i % SEXES.size()))
          .setHousehold(i % 4 == 0 ? null : "h" + (i / 6))
          .build());
      for (int t = 0; t < types.size(); t++) {
        active.add(MicrodataArrangement.newBuilder()
            .setGemeentecode(gemeente).setPeriod("H12025").setPseudonym(pseudonym).setType(types.get(t))
            .setLeveringsvorm(t == 0 && pgb ? "PGB" : "ZIN").setStart(CountFixtures.day("2025-01-01"))
            .setEnd(null).setRedenBeeindiging(null).setRecords(1).build());
      }
    }
  }

  /** The non-zero cells ExactCounts gives, as "gemeente dimension category measure" to count. */
  private Map<String, Long> expected() {
    Map<String, Long> out = new TreeMap<>();
    for (String g : GEMEENTEN) {
      List<ClientPeriod> cs = clients.stream().filter(c -> c.getGemeentecode().equals(g)).toList();
      List<Arrangement> as = active.stream().filter(a -> a.getGemeentecode().equals(g))
          .map(ActiveArrangements::asArrangement).toList();
      for (Map.Entry<Cell, Long> e : ExactCounts.of(cs, as).entrySet()) {
        if (e.getValue() > 0) {
          Cell c = e.getKey();
          out.put(g + " " + c.dimension() + " " + c.category() + " " + c.measure(), e.getValue());
        }
      }
    }
    return out;
  }

  @Test
  void countsEveryCellAsThePlainJavaCountsDo(TestPipeline p) {
    PCollection<MicrodataArrangement> arrangements = p.apply("Active",
        Create.of(active).withCoder(AvroCoder.specific(MicrodataArrangement.class)));
    PCollection<CellCount> counts = p.apply("Clients", Create.of(clients).withCoder(AvroCoder.specific(ClientPeriod.class)))
        .apply(CountArrangements.withActiveArrangements(arrangements));

    Map<String, Long> expected = expected();
    PAssert.that(counts).satisfies(cells -> {
      Map<String, Long> actual = new TreeMap<>();
      for (CellCount c : cells) {
        assertEquals("H12025", c.getPeriod());
        Long before = actual.put(c.getGemeentecode() + " " + c.getDimension() + " " + c.getCategory() + " " + c.getMeasure(), c.getCount());
        assertEquals(null, before, "a cell given twice");
      }
      assertEquals(expected, actual);
      return null;
    });
    p.run().waitUntilFinish();
  }
}
