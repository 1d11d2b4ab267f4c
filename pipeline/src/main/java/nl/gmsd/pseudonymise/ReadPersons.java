package nl.gmsd.pseudonymise;

import java.nio.file.Paths;
import java.util.Optional;
import nl.gmsd.avro.Person;
import nl.gmsd.beam.JobMetrics;
import nl.gmsd.beam.SpecificRecordCoder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.io.TextIO;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;

/**
 * Reads the population register extract {@code personen.csv} (about 18 million rows at national
 * scale, read in parallel splits) and pseudonymises it with the same key, keyed by pseudonym for
 * the shuffle join with the clients (SPEC 6).
 */
public final class ReadPersons extends PTransform<PBegin, PCollection<KV<String, Person>>> {

  private final String personenFile;
  private final String keyFile;

  private ReadPersons(String personenFile, String keyFile) {
    this.personenFile = personenFile;
    this.keyFile = keyFile;
  }

  public static ReadPersons from(String personenFile, String keyFile) {
    return new ReadPersons(personenFile, keyFile);
  }

  @Override
  public PCollection<KV<String, Person>> expand(PBegin begin) {
    return begin
        .apply("ReadLines", TextIO.read().from(personenFile))
        .apply("ParseAndPseudonymise", ParDo.of(new PersonFn(keyFile)))
        .setCoder(KvCoder.of(StringUtf8Coder.of(), SpecificRecordCoder.of(Person.class)));
  }

  /**
   * 1 for a usable row of personen.csv (one that {@link ReadPersons} passes on), 0 for the header
   * or an unusable row: for the run fact {@code persons_read}, counted on a second read of the file
   * that only parses. Counting this transform's output instead would give it a second consumer,
   * and Flink would then serialise all 18 million rows to both rather than fuse the read with the
   * join's filter of non-clients.
   */
  public static long usableRow(String line) {
    return PersonRows.parse(line).isPresent() ? 1 : 0;
  }

  static final class PersonFn extends DoFn<String, KV<String, Person>> {
    private final String keyFile;
    private final Counter read = Metrics.counter(ReadPersons.class, "persons.read");
    private final Counter unusable = Metrics.counter(ReadPersons.class, "persons.unusable");
    private transient boolean metrics; // see JobMetrics
    private transient Pseudonymiser pseudonymiser;

    PersonFn(String keyFile) {
      this.keyFile = keyFile;
    }

    @Setup
    public void setup() {
      pseudonymiser = new Pseudonymiser(PseudonymKey.read(Paths.get(keyFile)));
    }

    @StartBundle
    public void startBundle(StartBundleContext c) {
      metrics = JobMetrics.collected(c.getPipelineOptions());
    }

    @ProcessElement
    public void process(@Element String line, OutputReceiver<KV<String, Person>> out) {
      Optional<PersonRows.ParsedPerson> parsed = PersonRows.parse(line);
      if (parsed.isEmpty()) {
        if (metrics) {
          unusable.inc(); // the header, or a row that cannot be joined (no usable BSN)
        }
        return;
      }
      Person p = PersonRows.toAvro(parsed.get(), pseudonymiser);
      if (metrics) {
        read.inc();
      }
      out.output(KV.of(p.getPseudonym(), p));
    }
  }
}
