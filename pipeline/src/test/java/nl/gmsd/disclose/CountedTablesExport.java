package nl.gmsd.disclose;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import nl.gmsd.Engines;
import nl.gmsd.GmsdOptions;
import nl.gmsd.GmsdPipeline;
import nl.gmsd.avro.CellCount;
import nl.gmsd.avro.ClientPeriod;
import nl.gmsd.avro.MicrodataArrangement;
import nl.gmsd.avro.Person;
import nl.gmsd.beam.SpecificRecordCoder;
import nl.gmsd.check.ReadRecordsInForce;
import nl.gmsd.check.TechnicalCheck;
import nl.gmsd.common.Period;
import nl.gmsd.common.ReferenceData;
import nl.gmsd.count.CountArrangements;
import nl.gmsd.intake.ApplyDeliveryRules;
import nl.gmsd.intake.DeliveryArchive;
import nl.gmsd.intake.DeliveryRules;
import nl.gmsd.join.JoinReferenceData;
import nl.gmsd.merge.ActiveArrangements;
import nl.gmsd.merge.MergeArrangements;
import nl.gmsd.pseudonymise.Pseudonymise;
import nl.gmsd.pseudonymise.PersonenFile;
import nl.gmsd.pseudonymise.ReadPersons;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Filter;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.transforms.WithKeys;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.TypeDescriptors;

/**
 * Bench tooling (not a test): runs the pipeline of {@code gmsd run} up to the exact counts, on the
 * embedded Flink engine, and saves each period's {@link PublicationTable} (exact, unrounded: for
 * generated archives only, into the bench cache) so that {@link DisclosureBench} can time the
 * disclosure stage on the counted table without the rest of the job. The wiring follows {@link
 * GmsdPipeline#build} step for step.
 *
 * <pre>CountedTablesExport --period=H12025 --archive=DIR --reference=DIR --pseudonymKeyFile=F --output=DIR</pre>
 *
 * writes {@code DIR/table-<period>.ser} for P and P-1.
 */
public final class CountedTablesExport {

  private CountedTablesExport() {}

  public static void main(String[] args) throws IOException {
    PipelineOptionsFactory.register(GmsdOptions.class);
    GmsdOptions options = PipelineOptionsFactory.fromArgs(Engines.withDefaults(args)).withValidation().as(GmsdOptions.class);
    Period period = Period.parse(options.getPeriod());
    Path archive = Paths.get(options.getArchive());
    Path refDir = Paths.get(options.getReference());
    Path out = Paths.get(options.getOutput()).toAbsolutePath();
    Files.createDirectories(out);
    ReferenceData reference = ReferenceData.read(refDir);
    DeliveryArchive deliveries = DeliveryArchive.read(archive, period, reference);
    GmsdPipeline.RunInputs in = new GmsdPipeline.RunInputs(period, deliveries.uploads(), deliveries.withdrawals(),
        reference, archive.toString(), PersonenFile.open(refDir.resolve("personen.csv")), options.getPseudonymKeyFile(),
        out.toString());
    List<Period> periods = in.resultPeriods();
    Set<Period> periodsRead = in.periodsRead();

    Pipeline p = Pipeline.create(options);
    p.getCoderRegistry().registerCoderProvider(SpecificRecordCoder.provider());
    var uploads = p.apply("Uploads", Create.of(in.uploads()).withCoder(SpecificRecordCoder.of(nl.gmsd.avro.Upload.class)));
    var verdicts = uploads.apply("TechnicalCheck", TechnicalCheck.of(in.archive(), period, periodsRead, reference));
    PCollection<DeliveryRules.Decision> decision = verdicts
        .apply("ApplyDeliveryRules", ApplyDeliveryRules.of(in.withdrawals(), GmsdPipeline.deliverySettings(options)));
    PCollectionView<DeliveryRules.Decision> decisionView = decision.apply("DecisionView", View.asSingleton());
    var records = uploads
        .apply("ReadRecordsInForce", ReadRecordsInForce.of(in.archive(), periodsRead, reference, decisionView))
        .apply("Pseudonymise", Pseudonymise.withKeyFile(in.keyFile(), nl.gmsd.pseudonymise.FileRanks.of(in.uploads())));
    var arrangements = records.apply("MergeArrangements", MergeArrangements.with(GmsdPipeline.mergeSettings(options)));
    PCollection<MicrodataArrangement> active = arrangements.apply("ActiveArrangements", ActiveArrangements.in(periods));
    PCollection<KV<String, Person>> persons = p.apply("ReadPersons",
        ReadPersons.from(in.personen(), in.keyFile(), out.toString()));
    PCollection<ClientPeriod> clients = active.apply("JoinReferenceData", JoinReferenceData.withPersons(persons));
    PCollection<CellCount> counts = clients.apply("CountArrangements", CountArrangements.withActiveArrangements(active));
    for (Period per : periods) {
      String code = per.code();
      counts.apply("Select_" + code, Filter.by((CellCount c) -> c.getPeriod().equals(code)))
          .apply("Key_" + code, WithKeys.<String, CellCount>of(code).withKeyType(TypeDescriptors.strings()))
          .apply("Gather_" + code, GroupByKey.create())
          .apply("Save_" + code, ParDo.of(new SaveFn(reference, decisionView, out.toString())).withSideInputs(decisionView));
    }
    PipelineResult.State state = p.run().waitUntilFinish();
    if (state != PipelineResult.State.DONE) {
      throw new IllegalStateException("pipeline ended in " + state);
    }
  }

  static final class SaveFn extends DoFn<KV<String, Iterable<CellCount>>, Void> {
    private final ReferenceData reference;
    private final PCollectionView<DeliveryRules.Decision> decision;
    private final String out;

    SaveFn(ReferenceData reference, PCollectionView<DeliveryRules.Decision> decision, String out) {
      this.reference = reference;
      this.decision = decision;
      this.out = out;
    }

    @ProcessElement
    public void process(ProcessContext c) throws IOException {
      Period period = Period.parse(c.element().getKey());
      DeliveryRules.Decision d = c.sideInput(decision);
      List<CellCount> counts = new ArrayList<>();
      c.element().getValue().forEach(counts::add);
      PublicationTable table = PublicationTable.build(period, counts, reference, g -> d.publicationStatus(g, period.code()));
      save(table, Paths.get(out, "table-" + period.code() + ".txt"));
    }
  }

  /**
   * Text: a header line with the period, then one line per region: level;code;name;parent;status;
   * inhabitants;69 exact counts (comma-separated, layout order).
   */
  static void save(PublicationTable table, Path file) throws IOException {
    StringBuilder b = new StringBuilder(table.period().code()).append('\n');
    for (PublicationTable.Region r : table.regions()) {
      b.append(r.level()).append(';').append(r.code()).append(';').append(r.name()).append(';')
          .append(r.parentCode() == null ? "" : r.parentCode()).append(';').append(r.status()).append(';')
          .append(r.inhabitants()).append(';');
      long[] row = table.exactRow(r.code());
      for (int j = 0; j < row.length; j++) {
        b.append(j == 0 ? "" : ",").append(row[j]);
      }
      b.append('\n');
    }
    Files.writeString(file, b.toString());
  }

  static PublicationTable load(Path file) {
    try {
      List<String> lines = Files.readAllLines(file);
      Period period = Period.parse(lines.get(0));
      List<PublicationTable.Region> regions = new ArrayList<>();
      java.util.Map<String, long[]> exact = new java.util.TreeMap<>();
      for (String line : lines.subList(1, lines.size())) {
        String[] f = line.split(";", -1);
        regions.add(new PublicationTable.Region(f[0], f[1], f[2], f[3].isEmpty() ? null : f[3], f[4], Long.parseLong(f[5])));
        exact.put(f[1], java.util.Arrays.stream(f[6].split(",")).mapToLong(Long::parseLong).toArray());
      }
      return PublicationTable.of(period, regions, exact);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
