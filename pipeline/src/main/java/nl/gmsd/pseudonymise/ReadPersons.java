package nl.gmsd.pseudonymise;

import java.io.IOException;
import java.util.function.Consumer;
import nl.gmsd.avro.Person;
import nl.gmsd.beam.SpecificRecordCoder;
import nl.gmsd.common.ReferenceFiles.Personen;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;

/**
 * Reads the population register extract {@code personen.csv} (about 18 million rows at national
 * scale, in byte ranges read in parallel), checks every row by its description, and pseudonymises
 * it with the same key, keyed by pseudonym for the shuffle join with the clients (SPEC 6).
 *
 * <p>Why ranges of its own and facts on the side, rather than TextIO and a second output: the
 * check must happen in this one pass, a line must be named by its offset, and on Flink a second
 * output (or a second consumer) of these 18 million rows would serialise all of them once more;
 * this step's only output fuses with the join's filter of non-clients. What the check finds
 * (counts, defects, pseudonym prefixes for duplicates) is written per range as a small facts
 * file ({@link PersonenFacts}) that the driver gathers after the job.
 */
public final class ReadPersons extends PTransform<PBegin, PCollection<KV<String, Person>>> {

  private final PersonenFile personen;
  private final String keyFile;
  private final String factsFolder;

  private ReadPersons(PersonenFile personen, String keyFile, String factsFolder) {
    this.personen = personen;
    this.keyFile = keyFile;
    this.factsFolder = factsFolder;
  }

  /** Reads {@code personen} (header already checked), writing the facts into {@code factsFolder}. */
  public static ReadPersons from(PersonenFile personen, String keyFile, String factsFolder) {
    return new ReadPersons(personen, keyFile, factsFolder);
  }

  @Override
  public PCollection<KV<String, Person>> expand(PBegin begin) {
    SerializableCoder<PersonenFile.Range> rangeCoder = SerializableCoder.of(PersonenFile.Range.class);
    return begin
        .apply("PersonenRanges", personen.ranges().isEmpty()
            ? Create.empty(rangeCoder) : Create.of(personen.ranges()).withCoder(rangeCoder))
        .apply("ReadCheckAndPseudonymise", ParDo.of(new ReadRangeFn(personen, keyFile, factsFolder)))
        .setCoder(KvCoder.of(StringUtf8Coder.of(), SpecificRecordCoder.of(Person.class)));
  }

  /** Reads one range: every row checked, the valid ones pseudonymised and passed on. */
  static final class ReadRangeFn extends DoFn<PersonenFile.Range, KV<String, Person>> {
    private final PersonenFile personen;
    private final String keyFile;
    private final String factsFolder;
    private transient Pseudonymiser pseudonymiser;

    ReadRangeFn(PersonenFile personen, String keyFile, String factsFolder) {
      this.personen = personen;
      this.keyFile = keyFile;
      this.factsFolder = factsFolder;
    }

    @Setup
    public void setup() {
      pseudonymiser = new Pseudonymiser(PseudonymKey.read(keyFile));
    }

    @ProcessElement
    public void process(@Element PersonenFile.Range range, OutputReceiver<KV<String, Person>> out) throws IOException {
      PersonenFacts.RangeFacts facts = readRange(personen, range, pseudonymiser,
          person -> out.output(KV.of(person.getPseudonym(), person)));
      PersonenFacts.write(factsFolder, range.index(), facts);
    }
  }

  /**
   * Reads one range of {@code personen}: every row checked; the valid ones pseudonymised and
   * handed to {@code sink}. Returns what the range held, for its facts file.
   */
  static PersonenFacts.RangeFacts readRange(PersonenFile personen, PersonenFile.Range range, Pseudonymiser pseudonymiser,
      Consumer<Person> sink) throws IOException {
    PersonRows.Parser parser = new PersonRows.Parser(personen.header());
    PersonenFacts.RangeFacts facts = new PersonenFacts.RangeFacts();
    try (PersonenLines lines = new PersonenLines(personen.path(), range.start(), range.end(),
        range.start() == personen.dataStart())) {
      while (lines.next()) {
        String text = lines.text();
        if (text == null) {
          facts.rows++;
          facts.defect(new PersonenFacts.Finding(lines.offset(), lines.defect(), -1, 0));
          continue;
        }
        if (parser.isBlank(text)) {
          continue;
        }
        facts.rows++;
        PersonRows.ParsedPerson p = parser.parse(text);
        if (p == null) {
          int column = parser.defectColumn() == null ? -1 : Personen.FILE.indexOf(parser.defectColumn());
          facts.defect(new PersonenFacts.Finding(lines.offset(), parser.defect(), column, parser.fieldsFound()));
          continue;
        }
        Person person = PersonRows.toAvro(p, pseudonymiser);
        facts.person(person.getPseudonym());
        sink.accept(person);
      }
    }
    return facts;
  }
}
