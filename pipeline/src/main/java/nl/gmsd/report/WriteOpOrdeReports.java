package nl.gmsd.report;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import nl.gmsd.avro.CellCount;
import nl.gmsd.beam.GatherAll;
import nl.gmsd.common.Period;
import nl.gmsd.common.ReferenceData;
import nl.gmsd.costs.CostFigures;
import nl.gmsd.intake.DeliveryRules;
import nl.gmsd.write.OutputFiles;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.PDone;

/**
 * Writes the op-orde pages (SPEC 9): per gemeente and period of the run a self-contained Dutch
 * HTML page with its own exact figures against its comparison group, in the gemeente's own folder
 * {@code op-orde/<gemeentecode>/} (what is handed to its coordinator), plus the office's overview
 * {@code op-orde/index.html}. Restricted output, so exact counts are allowed; peer figures are
 * aggregates only. The exact counts come in for the run's periods and for the period before each
 * that the run read.
 */
public final class WriteOpOrdeReports extends PTransform<PCollection<CellCount>, PDone> {

  public static final String FOLDER = "op-orde";

  private final List<Period> periods;
  private final Set<Period> periodsRead;
  private final ReferenceData reference;
  private final PCollectionView<DeliveryRules.Decision> decision;
  private final PCollectionView<CostFigures> costs;
  private final String outputDir;

  private WriteOpOrdeReports(List<Period> periods, Set<Period> periodsRead, ReferenceData reference,
      PCollectionView<DeliveryRules.Decision> decision, PCollectionView<CostFigures> costs, String outputDir) {
    this.periods = List.copyOf(periods);
    this.periodsRead = new TreeSet<>(periodsRead);
    this.reference = reference;
    this.decision = decision;
    this.costs = costs;
    this.outputDir = outputDir;
  }

  public static WriteOpOrdeReports of(List<Period> periods, Set<Period> periodsRead, ReferenceData reference,
      PCollectionView<DeliveryRules.Decision> decision, String outputDir) {
    return new WriteOpOrdeReports(periods, periodsRead, reference, decision, null, outputDir);
  }

  /**
   * The same pages with a section on the costs of the 2016-2019 cost files (SPEC 12) on the pages
   * of the periods that have them.
   */
  public WriteOpOrdeReports withCosts(PCollectionView<CostFigures> costFigures) {
    return new WriteOpOrdeReports(periods, periodsRead, reference, decision, costFigures, outputDir);
  }

  @Override
  public PDone expand(PCollection<CellCount> exactCounts) {
    List<PCollectionView<?>> sideInputs = new ArrayList<>(List.of(decision));
    if (costs != null) {
      sideInputs.add(costs);
    }
    exactCounts
        .apply("GatherCounts", GatherAll.create())
        .apply("RenderPages", ParDo.of(new RenderFn(periods, periodsRead, reference, decision, costs, outputDir))
            .withSideInputs(sideInputs));
    return PDone.in(exactCounts.getPipeline());
  }

  static final class RenderFn extends DoFn<List<CellCount>, Void> {
    private final List<Period> periods;
    private final Set<Period> periodsRead;
    private final ReferenceData reference;
    private final PCollectionView<DeliveryRules.Decision> decision;
    private final PCollectionView<CostFigures> costs;
    private final String outputDir;

    RenderFn(List<Period> periods, Set<Period> periodsRead, ReferenceData reference,
        PCollectionView<DeliveryRules.Decision> decision, PCollectionView<CostFigures> costs, String outputDir) {
      this.periods = periods;
      this.periodsRead = periodsRead;
      this.reference = reference;
      this.decision = decision;
      this.costs = costs;
      this.outputDir = outputDir;
    }

    @ProcessElement
    public void process(ProcessContext c) throws IOException {
      DeliveryRules.Decision d = c.sideInput(decision);
      List<CellCount> counts = new ArrayList<>(c.element());
      // The Wmo sections show the Wmo deliveries; the cost files have a section of their own.
      CostSection section = costs == null ? null : new CostSection(c.sideInput(costs), reference, OpOrdeSettings.DEFAULTS);
      Map<String, String> pages = OpOrdeReports.renderAll(periods, counts, reference, d.verdicts(DeliveryRules.WMO_KIND),
          (period, gemeente) -> d.publicationStatus(gemeente, period.code()), periodsRead, OpOrdeSettings.DEFAULTS,
          section == null ? OpOrdeReports.NO_SECTIONS : section::html);
      String dir = OutputFiles.in(outputDir, FOLDER);
      for (Map.Entry<String, String> page : pages.entrySet()) {
        OutputFiles.writeString(OutputFiles.in(dir, page.getKey()), page.getValue());
      }
    }
  }
}
