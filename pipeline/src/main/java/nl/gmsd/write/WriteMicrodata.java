package nl.gmsd.write;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import nl.gmsd.avro.MicrodataArrangement;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.WithKeys;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PDone;
import org.apache.beam.sdk.values.TypeDescriptors;

/**
 * Writes the pseudonymised microdata (SPEC 10): one Avro file per gemeente,
 * {@code microdata/<gemeentecode>.avro}, each sorted by period, pseudonym (unknown persons first),
 * type and start, so the folder read in file-name order is sorted by gemeente first. One file per
 * gemeente keeps memory bounded by the largest gemeente, not the country.
 */
public final class WriteMicrodata extends PTransform<PCollection<MicrodataArrangement>, PDone> {

  public static final String FOLDER = "microdata";

  static final Comparator<MicrodataArrangement> ORDER = Comparator
      .comparing(MicrodataArrangement::getGemeentecode)
      .thenComparing(MicrodataArrangement::getPeriod)
      .thenComparing(MicrodataArrangement::getPseudonym, Comparator.nullsFirst(Comparator.naturalOrder()))
      .thenComparing(MicrodataArrangement::getType)
      .thenComparingInt(MicrodataArrangement::getStart)
      // Beyond the spec's keys: a total order, so equal keys never depend on the engine.
      .thenComparing(MicrodataArrangement::getLeveringsvorm)
      .thenComparing(MicrodataArrangement::getEnd, Comparator.nullsLast(Comparator.naturalOrder()))
      .thenComparing(MicrodataArrangement::getRedenBeeindiging, Comparator.nullsFirst(Comparator.naturalOrder()))
      .thenComparingInt(MicrodataArrangement::getRecords);

  private final String outputDir;

  private WriteMicrodata(String outputDir) {
    this.outputDir = outputDir;
  }

  public static WriteMicrodata to(String outputDir) {
    return new WriteMicrodata(outputDir);
  }

  @Override
  public PDone expand(PCollection<MicrodataArrangement> active) {
    active
        .apply("KeyByGemeente", WithKeys.of(MicrodataArrangement::getGemeentecode).withKeyType(TypeDescriptors.strings()))
        .setCoder(KvCoder.of(StringUtf8Coder.of(), active.getCoder()))
        .apply("GroupGemeente", GroupByKey.create())
        .apply("WriteGemeenteFile", ParDo.of(new WriteFn(outputDir)));
    return PDone.in(active.getPipeline());
  }

  static final class WriteFn extends DoFn<KV<String, Iterable<MicrodataArrangement>>, Void> {
    private final String outputDir;

    WriteFn(String outputDir) {
      this.outputDir = outputDir;
    }

    @ProcessElement
    public void process(@Element KV<String, Iterable<MicrodataArrangement>> group) throws IOException {
      List<MicrodataArrangement> sorted = new ArrayList<>();
      group.getValue().forEach(sorted::add);
      sorted.sort(ORDER);
      OutputFiles.write(OutputFiles.in(outputDir, FOLDER + "/" + group.getKey() + ".avro"), out -> {
        try (DataFileWriter<MicrodataArrangement> w =
            new DataFileWriter<>(new SpecificDatumWriter<>(MicrodataArrangement.class))) {
          w.create(MicrodataArrangement.getClassSchema(), out);
          for (MicrodataArrangement a : sorted) {
            w.append(a);
          }
        }
      });
    }
  }
}
