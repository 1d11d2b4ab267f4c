package nl.gmsd.intake;

import java.util.Set;
import java.util.TreeSet;
import nl.gmsd.avro.PseudonymisedRecord;
import nl.gmsd.common.Period;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionView;

/**
 * Keeps only records of the deliveries in force for the half years the run reads, leaving out
 * withdrawn data (SPEC 2: withdrawn data takes no part in merging for any period).
 */
public final class KeepDeliveriesInForce
    extends PTransform<PCollection<PseudonymisedRecord>, PCollection<PseudonymisedRecord>> {

  private final PCollectionView<DeliveryRules.Decision> decision;
  private final Set<Period> periodsRead;

  private KeepDeliveriesInForce(PCollectionView<DeliveryRules.Decision> decision, Set<Period> periodsRead) {
    this.decision = decision;
    this.periodsRead = new TreeSet<>(periodsRead);
  }

  public static KeepDeliveriesInForce of(PCollectionView<DeliveryRules.Decision> decision, Set<Period> periodsRead) {
    return new KeepDeliveriesInForce(decision, periodsRead);
  }

  @Override
  public PCollection<PseudonymisedRecord> expand(PCollection<PseudonymisedRecord> records) {
    return records
        .apply("FilterInForce", ParDo.of(new FilterFn(decision, periodsRead)).withSideInputs(decision))
        .setCoder(records.getCoder());
  }

  static final class FilterFn extends DoFn<PseudonymisedRecord, PseudonymisedRecord> {
    private final PCollectionView<DeliveryRules.Decision> decision;
    private final Set<Period> periodsRead;
    private final Counter kept = Metrics.counter(KeepDeliveriesInForce.class, "records.inForce");
    private final Counter left = Metrics.counter(KeepDeliveriesInForce.class, "records.notInForce");
    private transient Set<String> files;

    FilterFn(PCollectionView<DeliveryRules.Decision> decision, Set<Period> periodsRead) {
      this.decision = decision;
      this.periodsRead = periodsRead;
    }

    @ProcessElement
    public void process(ProcessContext c) {
      if (files == null) {
        files = c.sideInput(decision).filesToMerge(periodsRead);
      }
      if (files.contains(c.element().getFile())) {
        kept.inc();
        c.output(c.element());
      } else {
        left.inc();
      }
    }
  }
}
