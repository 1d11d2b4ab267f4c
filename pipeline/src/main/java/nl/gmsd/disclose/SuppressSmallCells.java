package nl.gmsd.disclose;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import nl.gmsd.avro.CellCount;
import nl.gmsd.avro.TableCell;
import nl.gmsd.beam.SpecificRecordCoder;
import nl.gmsd.common.Period;
import nl.gmsd.common.ReferenceData;
import nl.gmsd.intake.DeliveryRules;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.NullableCoder;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Filter;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.PInput;
import org.apache.beam.sdk.values.POutput;
import org.apache.beam.sdk.values.PValue;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;
import org.apache.beam.sdk.values.TypeDescriptors;

/**
 * Disclosure control per period (SPEC 8): the dense table of gemeenten, provinces and Nederland,
 * primary suppression and rounding, the audit and secondary suppression. Each period is one
 * linear system, solved as one element (its cells in parallel inside {@link DisclosureControl}).
 */
public final class SuppressSmallCells extends PTransform<PCollection<CellCount>, SuppressSmallCells.Result> {

  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(SuppressSmallCells.class);

  static final TupleTag<TableCell> CELLS = new TupleTag<TableCell>() {};
  static final TupleTag<AuditReport> AUDITS = new TupleTag<AuditReport>() {};

  private final List<Period> periods;
  private final ReferenceData reference;
  private final DisclosureSettings settings;
  private final PCollectionView<DeliveryRules.Decision> decision;

  private SuppressSmallCells(List<Period> periods, ReferenceData reference, DisclosureSettings settings,
      PCollectionView<DeliveryRules.Decision> decision) {
    this.periods = List.copyOf(periods);
    this.reference = reference;
    this.settings = settings;
    this.decision = decision;
  }

  public static SuppressSmallCells of(List<Period> periods, ReferenceData reference, DisclosureSettings settings,
      PCollectionView<DeliveryRules.Decision> decision) {
    return new SuppressSmallCells(periods, reference, settings, decision);
  }

  @Override
  public Result expand(PCollection<CellCount> counts) {
    KvCoder<String, CellCount> coder = KvCoder.of(StringUtf8Coder.of(), NullableCoder.of(SpecificRecordCoder.of(CellCount.class)));
    PCollectionList<TableCell> cells = PCollectionList.empty(counts.getPipeline());
    PCollectionList<AuditReport> audits = PCollectionList.empty(counts.getPipeline());
    // One branch per period: each period is one linear system, and separate branches let the
    // engine audit the periods side by side (one key each would share a subtask by chance).
    for (Period period : periods) {
      String p = period.code();
      List<KV<String, CellCount>> marker = new ArrayList<>();
      marker.add(KV.of(p, null));
      // Every period gets a table, also one without a single count.
      PCollection<KV<String, CellCount>> markers = counts.getPipeline()
          .apply("EveryPeriod_" + p, Create.of(marker).withCoder(coder));
      PCollection<KV<String, CellCount>> ofPeriod = counts
          .apply("Select_" + p, Filter.by((CellCount c) -> c.getPeriod().equals(p)))
          .apply("Key_" + p, MapElements
              .into(TypeDescriptors.kvs(TypeDescriptors.strings(), org.apache.beam.sdk.values.TypeDescriptor.of(CellCount.class)))
              .via((CellCount c) -> KV.of(c.getPeriod(), c)))
          .setCoder(coder);
      PCollectionTuple out = PCollectionList.of(markers).and(ofPeriod)
          .apply("WithMarker_" + p, Flatten.pCollections())
          .apply("Gather_" + p, GroupByKey.create())
          .apply("Protect_" + p, ParDo.of(new ProtectFn(reference, settings, decision))
              .withSideInputs(decision)
              .withOutputTags(CELLS, TupleTagList.of(AUDITS)));
      cells = cells.and(out.get(CELLS).setCoder(SpecificRecordCoder.of(TableCell.class)));
      audits = audits.and(out.get(AUDITS).setCoder(SerializableCoder.of(AuditReport.class)));
    }
    return new Result(counts.getPipeline(),
        cells.apply("AllCells", Flatten.pCollections()),
        audits.apply("AllAudits", Flatten.pCollections()));
  }

  static final class ProtectFn extends DoFn<KV<String, Iterable<CellCount>>, TableCell> {
    private final ReferenceData reference;
    private final DisclosureSettings settings;
    private final PCollectionView<DeliveryRules.Decision> decision;

    ProtectFn(ReferenceData reference, DisclosureSettings settings, PCollectionView<DeliveryRules.Decision> decision) {
      this.reference = reference;
      this.settings = settings;
      this.decision = decision;
    }

    @ProcessElement
    public void process(ProcessContext c) {
      Period period = Period.parse(c.element().getKey());
      DeliveryRules.Decision d = c.sideInput(decision);
      List<CellCount> counts = new ArrayList<>();
      for (CellCount cc : c.element().getValue()) {
        if (cc != null) {
          counts.add(cc);
        }
      }
      PublicationTable table = PublicationTable.build(period, counts, reference,
          g -> d.publicationStatus(g, period.code()));
      LOG.info("Disclosure control {}: rounding, suppression and the LP audit ...", period);
      long start = System.nanoTime();
      DisclosureControl.Result result = new DisclosureControl().apply(table, settings);
      LOG.info("Disclosure control {}: done in {} s, {} audit round(s), {} linear programs", period,
          (System.nanoTime() - start) / 1_000_000_000L, result.audit().rounds(), result.audit().lpCount());
      result.cells().forEach(cell -> c.output(cell));
      c.output(AUDITS, result.audit());
    }
  }

  /** The published cells of every period, and per period its audit. */
  public static final class Result implements POutput {
    private final Pipeline pipeline;
    private final PCollection<TableCell> cells;
    private final PCollection<AuditReport> audits;

    Result(Pipeline pipeline, PCollection<TableCell> cells, PCollection<AuditReport> audits) {
      this.pipeline = pipeline;
      this.cells = cells;
      this.audits = audits;
    }

    public PCollection<TableCell> cells() {
      return cells;
    }

    public PCollection<AuditReport> audits() {
      return audits;
    }

    @Override
    public Pipeline getPipeline() {
      return pipeline;
    }

    @Override
    public Map<TupleTag<?>, PValue> expand() {
      return Map.of(CELLS, cells, AUDITS, audits);
    }

    @Override
    public void finishSpecifyingOutput(String transformName, PInput input, org.apache.beam.sdk.transforms.PTransform<?, ?> transform) {}
  }
}
