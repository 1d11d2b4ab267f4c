package nl.gmsd.check;

import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import nl.gmsd.avro.CostRecord;
import nl.gmsd.avro.DeliveryRecord;
import nl.gmsd.avro.FileVerdict;
import nl.gmsd.avro.Upload;
import nl.gmsd.beam.JobMetrics;
import nl.gmsd.beam.SpecificRecordCoder;
import nl.gmsd.common.Period;
import nl.gmsd.common.ReferenceData;
import nl.gmsd.common.io.Storage;
import nl.gmsd.intake.DeliveryRules;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.SerializableFunction;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionView;

/**
 * The technical check's second pass: the records of the deliveries in force for the half years
 * the run reads, withdrawn data left out (SPEC 2: it takes no part in merging for any period).
 * They still hold the BSN, so the next step must be {@code Pseudonymise}.
 *
 * <p>Why a pass of its own after the delivery rules, rather than records from the check's pass
 * and a filter after it: the filter needs the rules' decision as a side input, and on Flink a
 * step with a side input starts a new task, so every record was serialised once more to reach
 * it (and once more to leave a check with two outputs). Here only the uploads meet the side
 * input; the records flow from this step through pseudonymisation to the merge's shuffle in one
 * task.
 */
public final class ReadRecordsInForce<R extends SpecificRecordBase> extends PTransform<PCollection<Upload>, PCollection<R>> {

  private final String archive;
  private final Class<R> type;
  private final FilesToRead files;
  private final ReferenceData reference;
  private final PCollectionView<DeliveryRules.Decision> decision;

  /** Which files the decision has in force for the records wanted. */
  interface FilesToRead extends SerializableFunction<DeliveryRules.Decision, Set<String>> {}

  private ReadRecordsInForce(String archive, Class<R> type, FilesToRead files, ReferenceData reference,
      PCollectionView<DeliveryRules.Decision> decision) {
    this.archive = archive;
    this.type = type;
    this.files = files;
    this.reference = reference;
    this.decision = decision;
  }

  /**
   * Reads from {@code archive} the Wmo uploads that {@code decision} has in force for {@code
   * periodsRead}: their records go to pseudonymisation and merging.
   */
  public static ReadRecordsInForce<DeliveryRecord> of(String archive, Set<Period> periodsRead, ReferenceData reference,
      PCollectionView<DeliveryRules.Decision> decision) {
    TreeSet<Period> read = new TreeSet<>(periodsRead);
    return new ReadRecordsInForce<>(archive, DeliveryRecord.class, d -> d.filesToMerge(read), reference, decision);
  }

  /**
   * Reads from {@code archive} the cost files (SBO, JEUGD: SPEC 12) of {@code kinds} that {@code
   * decision} has in force, not withdrawn, for {@code periods}: their rows make the kosten table.
   */
  public static ReadRecordsInForce<CostRecord> costs(String archive, Set<Period> periods, List<String> kinds,
      ReferenceData reference, PCollectionView<DeliveryRules.Decision> decision) {
    TreeSet<Period> read = new TreeSet<>(periods);
    List<String> ofKinds = List.copyOf(kinds);
    return new ReadRecordsInForce<>(archive, CostRecord.class, d -> {
      Set<String> out = new TreeSet<>();
      ofKinds.forEach(k -> out.addAll(d.kind(k).filesToMerge(read)));
      return out;
    }, reference, decision);
  }

  @Override
  public PCollection<R> expand(PCollection<Upload> uploads) {
    return uploads
        .apply("ReadApprovedRecords", ParDo.of(new ReadFn<>(archive, type, files, new FileChecker(reference), decision))
            .withSideInputs(decision))
        .setCoder(SpecificRecordCoder.of(type));
  }

  static final class ReadFn<R extends SpecificRecordBase> extends DoFn<Upload, R> {
    private final String archive;
    private final Class<R> type;
    private final FilesToRead files;
    private final FileChecker checker;
    private final PCollectionView<DeliveryRules.Decision> decision;
    private final Counter records = Metrics.counter(ReadRecordsInForce.class, "records.inForce");
    private transient boolean metrics; // see JobMetrics
    // The verdicts of the files in force, by file: one value for the whole (bounded) run.
    private transient Map<String, FileVerdict> inForce;

    ReadFn(String archive, Class<R> type, FilesToRead files, FileChecker checker,
        PCollectionView<DeliveryRules.Decision> decision) {
      this.archive = archive;
      this.type = type;
      this.files = files;
      this.checker = checker;
      this.decision = decision;
    }

    @StartBundle
    public void startBundle(StartBundleContext c) {
      metrics = JobMetrics.collected(c.getPipelineOptions());
    }

    @ProcessElement
    public void process(ProcessContext c) throws IOException {
      if (inForce == null) {
        DeliveryRules.Decision d = c.sideInput(decision);
        Set<String> files = this.files.apply(d);
        inForce = new HashMap<>();
        d.verdicts().stream().filter(v -> files.contains(v.getFile())).forEach(v -> inForce.put(v.getFile(), v));
      }
      Upload upload = c.element();
      FileVerdict verdict = inForce.get(upload.getFile());
      if (verdict == null) {
        return;
      }
      long[] read = {0};
      try (InputStream in = TechnicalCheck.open(Storage.resolve(archive, upload.getFile()))) {
        checker.approvedRecords(upload, verdict, in, type, r -> {
          read[0]++;
          c.output(r);
        });
      }
      if (read[0] != verdict.getRecordsPassedOn()) {
        // The run facts count records from the verdicts: the two passes must agree.
        throw new IllegalStateException(upload.getFile() + ": the check counted " + verdict.getRecordsPassedOn()
            + " records to pass on, its second pass read " + read[0]);
      }
      if (metrics) {
        records.inc(read[0]);
      }
    }
  }
}
