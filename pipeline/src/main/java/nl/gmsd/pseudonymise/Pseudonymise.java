package nl.gmsd.pseudonymise;

import nl.gmsd.avro.DeliveryRecord;
import nl.gmsd.avro.PseudonymisedRecord;
import nl.gmsd.beam.JobMetrics;
import nl.gmsd.beam.SpecificRecordCoder;
import nl.gmsd.common.Period;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;

/**
 * Replaces the BSN of every approved record by its keyed pseudonym (SPEC 5), right after the
 * check: nothing downstream sees a BSN. The key is read from its file on each worker in
 * {@code @Setup}, so it is never part of the serialised pipeline.
 */
public final class Pseudonymise extends PTransform<PCollection<DeliveryRecord>, PCollection<PseudonymisedRecord>> {

  private final String keyFile;
  private final FileRanks files;

  private Pseudonymise(String keyFile, FileRanks files) {
    this.keyFile = keyFile;
    this.files = files;
  }

  /** Pseudonyms under the key in {@code keyFile}; each record's file as its rank among {@code files}. */
  public static Pseudonymise withKeyFile(String keyFile, FileRanks files) {
    return new Pseudonymise(keyFile, files);
  }

  @Override
  public PCollection<PseudonymisedRecord> expand(PCollection<DeliveryRecord> records) {
    return records
        .apply("ReplaceBsn", ParDo.of(new ReplaceBsnFn(keyFile, files)))
        .setCoder(SpecificRecordCoder.of(PseudonymisedRecord.class));
  }

  static final class ReplaceBsnFn extends DoFn<DeliveryRecord, PseudonymisedRecord> {
    private final String keyFile;
    private final FileRanks files;
    private final Counter unknown = Metrics.counter(Pseudonymise.class, "records.unknownBsn");
    private transient boolean metrics; // see JobMetrics
    private transient Pseudonymiser pseudonymiser;

    ReplaceBsnFn(String keyFile, FileRanks files) {
      this.keyFile = keyFile;
      this.files = files;
    }

    @Setup
    public void setup() {
      pseudonymiser = new Pseudonymiser(PseudonymKey.read(keyFile));
    }

    @StartBundle
    public void startBundle(StartBundleContext c) {
      metrics = JobMetrics.collected(c.getPipelineOptions());
    }

    @ProcessElement
    public void process(@Element DeliveryRecord r, OutputReceiver<PseudonymisedRecord> out) {
      String pseudonym = pseudonymiser.pseudonym(r.getBsn());
      if (pseudonym == null) {
        if (metrics) {
          unknown.inc();
        }
      }
      out.output(PseudonymisedRecord.newBuilder()
          .setFileRank(files.rank(r.getFile()))
          .setGemeentecode(r.getGemeentecode())
          .setHalfYear(Period.parse(r.getPeriod()).index())
          .setLine(r.getLine())
          .setPseudonym(pseudonym)
          .setType(r.getType())
          .setStart(r.getStart())
          .setEnd(r.getEnd())
          .setLeveringsvorm(r.getLeveringsvorm())
          .setToewijzingsnummer(r.getToewijzingsnummer())
          .setRedenBeeindiging(r.getRedenBeeindiging())
          .build());
    }
  }
}
