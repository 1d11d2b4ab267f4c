package nl.gmsd.costs;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import nl.gmsd.avro.CostRecord;
import nl.gmsd.avro.TableCell;
import nl.gmsd.avro.Upload;
import nl.gmsd.beam.GatherAll;
import nl.gmsd.beam.SpecificRecordCoder;
import nl.gmsd.check.FileKinds;
import nl.gmsd.check.Protocol;
import nl.gmsd.check.ReadRecordsInForce;
import nl.gmsd.common.Period;
import nl.gmsd.common.ReferenceData;
import nl.gmsd.intake.DeliveryRules;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.PInput;
import org.apache.beam.sdk.values.POutput;
import org.apache.beam.sdk.values.PValue;
import org.apache.beam.sdk.values.TupleTag;

/**
 * The cost files of the 2016-2019 protocol from check to table (SPEC 12): reads the rows of the
 * SBO and JEUGD files in force (not withdrawn) for the run's periods that have a cost kind, makes
 * the {@link CostFigures} (one value) and the cells of the {@link KostenTable}. The rows are a few
 * per gemeente, so everything after the read is one element.
 */
public final class TabulateCosts extends PTransform<PCollection<Upload>, TabulateCosts.Result> {

  private final String archive;
  private final List<Period> periods;
  private final ReferenceData reference;
  private final PCollectionView<DeliveryRules.Decision> decision;

  private TabulateCosts(String archive, List<Period> periods, ReferenceData reference,
      PCollectionView<DeliveryRules.Decision> decision) {
    this.archive = archive;
    this.periods = List.copyOf(periods);
    this.reference = reference;
    this.decision = decision;
  }

  /**
   * The costs of {@code periods}: the run's result periods that have a cost kind in force ({@link
   * CostFigures#costPeriods}); must not be empty.
   */
  public static TabulateCosts of(String archive, List<Period> periods, ReferenceData reference,
      PCollectionView<DeliveryRules.Decision> decision) {
    if (periods.isEmpty()) {
      throw new IllegalArgumentException("no period with a cost kind in force");
    }
    return new TabulateCosts(archive, periods, reference, decision);
  }

  /** The rows read, the figures (exactly one element) and the table's cells. */
  public static final class Result implements POutput {
    private final Pipeline pipeline;
    private final PCollection<CostRecord> rows;
    private final PCollection<CostFigures> figures;
    private final PCollection<TableCell> cells;

    Result(Pipeline pipeline, PCollection<CostRecord> rows, PCollection<CostFigures> figures,
        PCollection<TableCell> cells) {
      this.pipeline = pipeline;
      this.rows = rows;
      this.figures = figures;
      this.cells = cells;
    }

    /** The rows of the cost files in force, not withdrawn, of the periods tabulated. */
    public PCollection<CostRecord> rows() {
      return rows;
    }

    public PCollection<CostFigures> figures() {
      return figures;
    }

    public PCollection<TableCell> cells() {
      return cells;
    }

    @Override
    public Pipeline getPipeline() {
      return pipeline;
    }

    @Override
    public Map<TupleTag<?>, PValue> expand() {
      return Map.of(new TupleTag<CostRecord>("rows"), rows, new TupleTag<CostFigures>("figures"), figures,
          new TupleTag<TableCell>("cells"), cells);
    }

    @Override
    public void finishSpecifyingOutput(String transformName, PInput input, PTransform<?, ?> transform) {}
  }

  @Override
  public Result expand(PCollection<Upload> uploads) {
    TreeSet<String> kinds = new TreeSet<>();
    for (Period p : periods) {
      for (Protocol protocol : FileKinds.shipped().forPeriod(p).withRecord(CostFigures.RECORD)) {
        kinds.add(protocol.kind());
      }
    }
    PCollection<CostRecord> rows = uploads.apply("ReadCostRowsInForce",
        ReadRecordsInForce.costs(archive, new TreeSet<>(periods), new ArrayList<>(kinds), reference, decision));
    PCollection<CostFigures> figures = rows
        .apply("GatherRows", GatherAll.create())
        .apply("Figures", ParDo.of(new FiguresFn(periods, reference, decision)).withSideInputs(decision))
        .setCoder(SerializableCoder.of(CostFigures.class));
    PCollection<TableCell> cells = figures
        .apply("Cells", ParDo.of(new CellsFn(reference)))
        .setCoder(SpecificRecordCoder.of(TableCell.class));
    return new Result(uploads.getPipeline(), rows, figures, cells);
  }

  static final class FiguresFn extends DoFn<List<CostRecord>, CostFigures> {
    private final List<Period> periods;
    private final ReferenceData reference;
    private final PCollectionView<DeliveryRules.Decision> decision;

    FiguresFn(List<Period> periods, ReferenceData reference,
        PCollectionView<DeliveryRules.Decision> decision) {
      this.periods = periods;
      this.reference = reference;
      this.decision = decision;
    }

    @ProcessElement
    public void process(ProcessContext c) {
      c.output(CostFigures.of(periods, c.element(), c.sideInput(decision), reference, FileKinds.shipped()));
    }
  }

  static final class CellsFn extends DoFn<CostFigures, TableCell> {
    private final ReferenceData reference;

    CellsFn(ReferenceData reference) {
      this.reference = reference;
    }

    @ProcessElement
    public void process(@Element CostFigures figures, OutputReceiver<TableCell> out) {
      KostenTable.cells(figures, reference).forEach(out::output);
    }
  }
}
