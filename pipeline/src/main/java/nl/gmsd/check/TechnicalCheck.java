package nl.gmsd.check;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Set;
import java.util.TreeSet;
import nl.gmsd.avro.DeliveryRecord;
import nl.gmsd.avro.FileVerdict;
import nl.gmsd.avro.Finding;
import nl.gmsd.avro.Upload;
import nl.gmsd.beam.SpecificRecordCoder;
import nl.gmsd.common.Period;
import nl.gmsd.common.ReferenceData;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;

/**
 * The technical check (SPEC 4) of every uploaded file: a verdict per file and, for approved files
 * of a half year the run reads, their records (still holding the BSN, so the next step must be
 * {@code Pseudonymise}). Delivery rules (F09, in force) are applied afterwards, over all verdicts.
 */
public final class TechnicalCheck extends PTransform<PCollection<Upload>, CheckResult> {

  static final TupleTag<FileVerdict> VERDICTS = new TupleTag<FileVerdict>() {};
  static final TupleTag<DeliveryRecord> RECORDS = new TupleTag<DeliveryRecord>() {};

  private final String archive;
  private final Period runPeriod;
  private final Set<String> periodsRead;
  private final ReferenceData reference;

  private TechnicalCheck(String archive, Period runPeriod, Set<Period> periodsRead, ReferenceData reference) {
    this.archive = archive;
    this.runPeriod = runPeriod;
    this.periodsRead = new TreeSet<>();
    periodsRead.forEach(p -> this.periodsRead.add(p.code()));
    this.reference = reference;
  }

  /** Checks the uploads of {@code archive}; records go on only for files of {@code periodsRead}. */
  public static TechnicalCheck of(String archive, Period runPeriod, Set<Period> periodsRead, ReferenceData reference) {
    return new TechnicalCheck(archive, runPeriod, periodsRead, reference);
  }

  @Override
  public CheckResult expand(PCollection<Upload> uploads) {
    PCollectionTuple out = uploads.apply("CheckFiles",
        ParDo.of(new CheckFileFn(archive, runPeriod, periodsRead, new FileChecker(Protocol.wmo(), reference)))
            .withOutputTags(VERDICTS, TupleTagList.of(RECORDS)));
    PCollection<FileVerdict> verdicts = out.get(VERDICTS).setCoder(SpecificRecordCoder.of(FileVerdict.class));
    PCollection<DeliveryRecord> records = out.get(RECORDS).setCoder(SpecificRecordCoder.of(DeliveryRecord.class));
    return new CheckResult(uploads.getPipeline(), verdicts, records);
  }

  /** Reads one file twice: the check, then (approved files only) the records that go on. */
  static final class CheckFileFn extends DoFn<Upload, FileVerdict> {
    private final String archive;
    private final Period runPeriod;
    private final Set<String> periodsRead;
    private final FileChecker checker;
    private final Counter approved = Metrics.counter(TechnicalCheck.class, "files.approved");
    private final Counter rejected = Metrics.counter(TechnicalCheck.class, "files.rejected");
    private final Counter records = Metrics.counter(TechnicalCheck.class, "records.approved");

    CheckFileFn(String archive, Period runPeriod, Set<String> periodsRead, FileChecker checker) {
      this.archive = archive;
      this.runPeriod = runPeriod;
      this.periodsRead = periodsRead;
      this.checker = checker;
    }

    @ProcessElement
    public void process(@Element Upload upload, MultiOutputReceiver out) throws IOException {
      Path path = Paths.get(archive).resolve(upload.getFile());
      FileVerdict verdict;
      if (!upload.getPresent() || !Files.isRegularFile(path)) {
        verdict = checker.missing(upload, runPeriod);
      } else {
        try (InputStream in = open(path)) {
          verdict = checker.check(upload, runPeriod, in);
        }
      }
      for (Finding f : verdict.getFindings()) {
        Metrics.counter(TechnicalCheck.class, "finding." + f.getCode()).inc(f.getCount());
      }
      if (!"GOEDGEKEURD".equals(verdict.getVerdict())) {
        rejected.inc();
        out.get(VERDICTS).output(verdict);
        return;
      }
      approved.inc();
      long[] passedOn = {0};
      if (periodsRead.contains(verdict.getPeriod())) {
        try (InputStream in = open(path)) {
          checker.approvedRecords(upload, verdict, in, r -> {
            passedOn[0]++;
            out.get(RECORDS).output(r);
          });
        }
        records.inc(passedOn[0]);
      }
      // The verdict carries the number of records passed on, so the run facts count them from
      // the verdicts rather than as a second consumer of the records (which would keep Flink from
      // fusing the records' path).
      out.get(VERDICTS).output(FileVerdict.newBuilder(verdict).setRecordsPassedOn(passedOn[0]).build());
    }

    private static InputStream open(Path path) throws IOException {
      return new BufferedInputStream(Files.newInputStream(path), 1 << 16);
    }
  }
}
