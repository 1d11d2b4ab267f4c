package nl.gmsd.count;

import nl.gmsd.avro.Arrangement;
import nl.gmsd.avro.CellCount;
import nl.gmsd.avro.ClientPeriod;
import nl.gmsd.avro.MicrodataArrangement;
import nl.gmsd.beam.SpecificRecordCoder;
import nl.gmsd.beam.TallyPerBundle;
import nl.gmsd.common.Period;
import nl.gmsd.common.TableLayout;
import nl.gmsd.merge.ActiveArrangements;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.transforms.Distinct;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.Sum;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.TypeDescriptor;
import org.apache.beam.sdk.values.TypeDescriptors;

/**
 * Exact counts per gemeente, period and table cell (SPEC 7): clients from the client summaries,
 * arrangements (unknown persons included) from the active arrangements, households as distinct
 * household ids of clients found in the register. Summed in memory per bundle ({@link
 * TallyPerBundle}), so the shuffle carries partial sums rather than one element per client.
 */
public final class CountArrangements extends PTransform<PCollection<ClientPeriod>, PCollection<CellCount>> {

  private static final String SEP = "|";

  private final PCollection<MicrodataArrangement> active;

  private CountArrangements(PCollection<MicrodataArrangement> active) {
    this.active = active;
  }

  public static CountArrangements withActiveArrangements(PCollection<MicrodataArrangement> active) {
    return new CountArrangements(active);
  }

  @Override
  public PCollection<CellCount> expand(PCollection<ClientPeriod> clients) {
    KvCoder<String, Long> kv = KvCoder.of(StringUtf8Coder.of(), VarLongCoder.of());
    PCollection<KV<String, Long>> clientCells = clients
        .apply("ClientCells", ParDo.of(TallyPerBundle.of(CountArrangements::clientCells))).setCoder(kv);
    PCollection<KV<String, Long>> arrangementCells = active
        .apply("ArrangementCells", ParDo.of(TallyPerBundle.of(CountArrangements::arrangementCells))).setCoder(kv);
    PCollection<KV<String, Long>> householdCells = clients
        .apply("Households", MapElements.into(TypeDescriptors.strings())
            .via((ClientPeriod c) -> c.getHousehold() == null ? "" : c.getPeriod() + SEP + c.getGemeentecode() + SEP + c.getHousehold()))
        .apply("DistinctHouseholds", Distinct.create())
        .apply("HouseholdCells", ParDo.of(TallyPerBundle.of(CountArrangements::householdCell))).setCoder(kv);
    return PCollectionList.of(clientCells).and(arrangementCells).and(householdCells)
        .apply("AllCells", Flatten.pCollections())
        .apply("SumPerCell", Sum.longsPerKey())
        .apply("ToCellCount", MapElements.into(TypeDescriptor.of(CellCount.class)).via(CountArrangements::toCellCount))
        .setCoder(SpecificRecordCoder.of(CellCount.class));
  }

  static String key(String period, String gemeente, TableLayout.Cell cell) {
    return period + SEP + gemeente + SEP + cell.dimension() + SEP + cell.category() + SEP + cell.measure();
  }

  static CellCount toCellCount(KV<String, Long> kv) {
    String[] f = kv.getKey().split("\\|", -1);
    return CellContributions.toCellCount(
        Period.parse(f[0]), f[1], new TableLayout.Cell(f[2], f[3], f[4]), kv.getValue());
  }

  static void clientCells(ClientPeriod c, TallyPerBundle.Adder add) {
    for (TableLayout.Cell cell : CellContributions.ofClient(c)) {
      add.add(key(c.getPeriod(), c.getGemeentecode(), cell), 1);
    }
  }

  static void arrangementCells(MicrodataArrangement a, TallyPerBundle.Adder add) {
    Arrangement arrangement = ActiveArrangements.asArrangement(a);
    for (TableLayout.Cell cell : CellContributions.ofArrangement(arrangement)) {
      add.add(key(a.getPeriod(), a.getGemeentecode(), cell), 1);
    }
  }

  static void householdCell(String household, TallyPerBundle.Adder add) {
    if (household.isEmpty()) {
      return; // clients not found in the register have no household
    }
    String[] f = household.split("\\|", 3);
    add.add(key(f[0], f[1], CellContributions.household()), 1);
  }
}
