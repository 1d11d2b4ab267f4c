package nl.gmsd.check;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import nl.gmsd.avro.FileVerdict;
import nl.gmsd.avro.Finding;
import nl.gmsd.avro.Upload;
import nl.gmsd.beam.JobMetrics;
import nl.gmsd.beam.SpecificRecordCoder;
import nl.gmsd.common.Period;
import nl.gmsd.common.ReferenceData;
import nl.gmsd.common.io.Storage;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;

/**
 * The technical check (SPEC 4) of every uploaded file: a verdict per file, from the check's first
 * pass. Delivery rules (F09, in force) are applied afterwards, over all verdicts; then {@link
 * ReadRecordsInForce} reads the records of the deliveries in force in the check's second pass.
 */
public final class TechnicalCheck extends PTransform<PCollection<Upload>, PCollection<FileVerdict>> {

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

  /** Checks the uploads of {@code archive}; records count as passed on only for {@code periodsRead}. */
  public static TechnicalCheck of(String archive, Period runPeriod, Set<Period> periodsRead, ReferenceData reference) {
    return new TechnicalCheck(archive, runPeriod, periodsRead, reference);
  }

  @Override
  public PCollection<FileVerdict> expand(PCollection<Upload> uploads) {
    return uploads
        .apply("CheckFiles", ParDo.of(new CheckFileFn(archive, runPeriod, periodsRead, new FileChecker(reference))))
        .setCoder(SpecificRecordCoder.of(FileVerdict.class));
  }

  /** Checks one file in one pass. */
  static final class CheckFileFn extends DoFn<Upload, FileVerdict> {
    private final String archive;
    private final Period runPeriod;
    private final Set<String> periodsRead;
    private final FileChecker checker;
    private final Counter approved = Metrics.counter(TechnicalCheck.class, "files.approved");
    private final Counter rejected = Metrics.counter(TechnicalCheck.class, "files.rejected");
    private transient boolean metrics; // see JobMetrics

    CheckFileFn(String archive, Period runPeriod, Set<String> periodsRead, FileChecker checker) {
      this.archive = archive;
      this.runPeriod = runPeriod;
      this.periodsRead = periodsRead;
      this.checker = checker;
    }

    @StartBundle
    public void startBundle(StartBundleContext c) {
      metrics = JobMetrics.collected(c.getPipelineOptions());
    }

    @ProcessElement
    public void process(@Element Upload upload, OutputReceiver<FileVerdict> out) throws IOException {
      String file = Storage.resolve(archive, upload.getFile());
      FileVerdict verdict;
      if (!upload.getPresent() || !exists(file)) {
        verdict = checker.missing(upload, runPeriod);
      } else if (!isRegularFile(file)) {
        verdict = checker.notRegularFile(upload, runPeriod);
      } else {
        try (InputStream in = open(file)) {
          verdict = checker.check(upload, runPeriod, in);
        }
      }
      if (metrics) {
        for (Finding f : verdict.getFindings()) {
          Metrics.counter(TechnicalCheck.class, "finding." + f.getCode()).inc(f.getCount());
        }
        (FileChecker.APPROVED.equals(verdict.getVerdict()) ? approved : rejected).inc();
      }
      if (verdict.getRecordsPassedOn() > 0 && !periodsRead.contains(verdict.getPeriod())) {
        verdict = FileVerdict.newBuilder(verdict).setRecordsPassedOn(0).build(); // a half year the run does not read
      }
      out.output(verdict);
    }
  }

  /** A delivered file, buffered: a local path, or a URI served by Beam's file systems. */
  static InputStream open(String file) throws IOException {
    return new BufferedInputStream(Storage.open(file), 1 << 16);
  }

  private static boolean exists(String file) throws IOException {
    return Storage.isLocal(file) ? Files.exists(Path.of(file)) : Storage.kind(file) != Storage.Kind.MISSING;
  }

  /** Not a folder, FIFO or device (reading one could block for ever). */
  private static boolean isRegularFile(String file) throws IOException {
    return Storage.isLocal(file) ? Files.isRegularFile(Path.of(file)) : Storage.kind(file) == Storage.Kind.FILE;
  }
}
