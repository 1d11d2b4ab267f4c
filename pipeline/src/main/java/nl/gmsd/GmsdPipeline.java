package nl.gmsd;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import nl.gmsd.avro.Arrangement;
import nl.gmsd.avro.CellCount;
import nl.gmsd.avro.ClientPeriod;
import nl.gmsd.avro.FileVerdict;
import nl.gmsd.avro.MicrodataArrangement;
import nl.gmsd.avro.Person;
import nl.gmsd.avro.PseudonymisedRecord;
import nl.gmsd.avro.Upload;
import nl.gmsd.beam.SpecificRecordCoder;
import nl.gmsd.check.FileKinds;
import nl.gmsd.check.ReadRecordsInForce;
import nl.gmsd.check.TechnicalCheck;
import nl.gmsd.common.Period;
import nl.gmsd.common.ReferenceData;
import nl.gmsd.common.TableCodebook;
import nl.gmsd.common.io.Storage;
import nl.gmsd.costs.CostFigures;
import nl.gmsd.costs.KostenTable;
import nl.gmsd.costs.TabulateCosts;
import nl.gmsd.count.CountArrangements;
import nl.gmsd.disclose.DisclosureSettings;
import nl.gmsd.disclose.SuppressSmallCells;
import nl.gmsd.intake.ApplyDeliveryRules;
import nl.gmsd.intake.DeliveryRules;
import nl.gmsd.intake.Withdrawal;
import nl.gmsd.join.JoinReferenceData;
import nl.gmsd.join.PersonMatch;
import nl.gmsd.merge.ActiveArrangements;
import nl.gmsd.merge.MergeArrangements;
import nl.gmsd.merge.MergeSettings;
import nl.gmsd.pseudonymise.FileRanks;
import nl.gmsd.pseudonymise.Pseudonymise;
import nl.gmsd.pseudonymise.PersonenFacts;
import nl.gmsd.pseudonymise.PersonenFile;
import nl.gmsd.pseudonymise.ReadPersons;
import nl.gmsd.report.WriteCheckReports;
import nl.gmsd.report.WriteOpOrdeReports;
import nl.gmsd.write.RecordRunFacts;
import nl.gmsd.write.RunFacts;
import nl.gmsd.write.WriteMicrodata;
import nl.gmsd.write.WriteTables;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.Filter;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionView;

/** The half-year processing as one Beam pipeline, the same on every engine. */
public final class GmsdPipeline {

  /**
   * What the driver established before the pipeline starts (SPEC 10: stop before writing). Its
   * locations are local paths or URIs one of Beam's file systems serves ({@code Storage}).
   */
  public record RunInputs(
      Period period,
      List<Upload> uploads,
      List<Withdrawal> withdrawals,
      ReferenceData reference,
      String archive,
      PersonenFile personen,
      String keyFile,
      String stagingOutput) {

    /** The periods with results: P and P-1, in that order. */
    public List<Period> resultPeriods() {
      return List.of(period, period.previous());
    }

    /** The half years whose deliveries in force are read (calendar years of P and P-1). */
    public Set<Period> periodsRead() {
      return nl.gmsd.intake.DeliveryArchive.periodsRead(period);
    }

    /**
     * The periods counted exactly: P, P-1 and, where the run read it, the period before each
     * (SPEC 9: the op-orde page compares with the period before "where the run read it"; a run
     * for H12025 reads H12024, so the H22024 pages compare with it). Only P and P-1 are published.
     */
    public List<Period> countedPeriods() {
      java.util.TreeSet<Period> counted = new java.util.TreeSet<>(resultPeriods());
      for (Period p : resultPeriods()) {
        if (periodsRead().contains(p.previous())) {
          counted.add(p.previous());
        }
      }
      return List.copyOf(counted.descendingSet());
    }
  }

  private GmsdPipeline() {}

  public static DisclosureSettings disclosureSettings(GmsdOptions o) {
    DisclosureSettings.RoundingMode mode;
    try {
      mode = DisclosureSettings.RoundingMode.valueOf(o.getRoundingMode().toUpperCase(java.util.Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new RunCommand.InputException("--roundingMode: '" + o.getRoundingMode() + "' (use nearest or random)");
    }
    try {
      return new DisclosureSettings(o.getMinCount(), o.getRoundingBase(), mode, o.getMinIntervalWidth(), o.getMaxAuditRounds());
    } catch (IllegalArgumentException e) {
      throw new RunCommand.InputException(e.getMessage());
    }
  }

  public static MergeSettings mergeSettings(GmsdOptions o) {
    return MergeSettings.defaults().withMaxGapDays(o.getMaxGapDays());
  }

  public static DeliveryRules.Settings deliverySettings(GmsdOptions o) {
    return new DeliveryRules.Settings(o.getMaxDeliveriesPerWindow());
  }

  /**
   * Where the reading of personen.csv leaves its facts per range (data, not counts: the persons'
   * pseudonym prefixes, see {@link PersonenFacts}): the staged output's hidden run folder.
   */
  public static String personenFacts(String stagingOutput) {
    return Storage.resolve(stagingOutput, OutputStaging.RUN_FOLDER + "/" + PersonenFacts.FOLDER);
  }

  /**
   * Adds every stage to {@code p}; outputs go to {@code in.stagingOutput()}. Returns what the job
   * records as its facts ({@link RecordRunFacts}), for the driver to read them back from its
   * result ({@link RunFacts#read}).
   */
  public static RunFacts.Expected build(Pipeline p, GmsdOptions options, RunInputs in) {
    String out = in.stagingOutput();
    List<Period> periods = in.resultPeriods();
    List<String> published = periods.stream().map(Period::code).toList();
    Set<Period> periodsRead = in.periodsRead();
    // Records between stages use their generated Avro coders, also where Beam infers a coder.
    p.getCoderRegistry().registerCoderProvider(SpecificRecordCoder.provider());

    // 1. Intake: the uploads the manifest registered (validated by the driver).
    PCollection<Upload> uploads = p.apply("Uploads", Create.of(in.uploads()).withCoder(SpecificRecordCoder.of(Upload.class)));

    // 2. Check every file; then the delivery rules over all verdicts.
    PCollection<FileVerdict> verdicts = uploads.apply("TechnicalCheck",
        TechnicalCheck.of(in.archive(), in.period(), periodsRead, in.reference()));
    PCollection<DeliveryRules.Decision> decision = verdicts
        .apply("ApplyDeliveryRules", ApplyDeliveryRules.of(in.withdrawals(), deliverySettings(options)));
    PCollectionView<DeliveryRules.Decision> decisionView = decision.apply("DecisionView", View.asSingleton());

    // 3. The records of the deliveries in force, not withdrawn (the check's second pass), and
    //    pseudonymised right away.
    PCollection<PseudonymisedRecord> records = uploads
        .apply("ReadRecordsInForce", ReadRecordsInForce.of(in.archive(), periodsRead, in.reference(), decisionView))
        .apply("Pseudonymise", Pseudonymise.withKeyFile(in.keyFile(), FileRanks.of(in.uploads())));

    // 3b. The cost files of the 2016-2019 protocol (SPEC 12), for the periods that have them: the
    //     kosten table, and the costs for the op-orde pages.
    List<Period> costPeriods = CostFigures.costPeriods(periods, FileKinds.shipped());
    TabulateCosts.Result costs = costPeriods.isEmpty() ? null
        : uploads.apply("TabulateCosts", TabulateCosts.of(in.archive(), costPeriods, in.reference(), decisionView));

    // 4. Merge records into arrangements per gemeente and calendar year; select those active in P,
    //    P-1 and, for the op-orde comparison only, the read period before P-1 (not published).
    PCollection<Arrangement> arrangements = records.apply("MergeArrangements", MergeArrangements.with(mergeSettings(options)));
    PCollection<MicrodataArrangement> active = arrangements.apply("ActiveArrangements", ActiveArrangements.in(in.countedPeriods()));

    // 5. Join with the pseudonymised population register.
    PCollection<KV<String, Person>> persons = p.apply("ReadPersons",
        ReadPersons.from(in.personen(), in.keyFile(), personenFacts(in.stagingOutput())));
    PCollection<ClientPeriod> clients = active.apply("JoinReferenceData", JoinReferenceData.withPersons(persons));

    // 6. Count exactly, then protect (rounding, suppression, audit) the periods published.
    PCollection<CellCount> counts = clients.apply("CountArrangements", CountArrangements.withActiveArrangements(active));
    SuppressSmallCells.Result table = counts.apply("SuppressSmallCells",
        SuppressSmallCells.of(periods, in.reference(), disclosureSettings(options), decisionView));

    // 7. Reports: the check's per file, op-orde per gemeente and period (restricted outputs).
    decision.apply("WriteCheckReports", WriteCheckReports.to(out));
    decision.apply("RecordVerdicts", RecordRunFacts.recordVerdicts());
    WriteOpOrdeReports opOrde = WriteOpOrdeReports.of(periods, periodsRead, in.reference(), decisionView, out);
    counts.apply("WriteOpOrdeReports",
        costs == null ? opOrde : opOrde.withCosts(costs.figures().apply("CostsView", View.asSingleton())));

    // 8. Published outputs and the facts run.json is made of.
    // One codebook for every table: the kosten table's codes follow the Wmo table's.
    table.cells().apply("WriteTables", costs == null ? WriteTables.to(out) : WriteTables.to(out)
        .withCodebook(TableCodebook.csv(KostenTable.codebookEntries(costPeriods, FileKinds.shipped()))));
    if (costs != null) {
      costs.cells().apply("WriteKostenTable", WriteTables.to(out, KostenTable.NAME));
    }
    active.apply("PublishedPeriodsOnly", Filter.by((MicrodataArrangement a) -> published.contains(a.getPeriod())))
        .apply("WriteMicrodata", WriteMicrodata.to(out));
    table.audits().apply("RecordAudits", RecordRunFacts.recordAudits());
    // The large collections get one consumer each where possible (Flink fuses a step only into a
    // single consumer): records are counted from the verdicts, and the records in force from the
    // arrangements, since each is in exactly one (ArrangementMergerPropertiesTest).
    // The Wmo counts are of Wmo files only; each other kind read has counts of its own (SPEC 12).
    List<String> otherKinds = RecordRunFacts.otherKindsRead(periodsRead);
    List<String> verdictFacts = new ArrayList<>(List.of("records_delivered", "records_checked_approved"));
    otherKinds.forEach(k -> verdictFacts.addAll(List.of(k + "_files_delivered", k + "_records_delivered")));
    RecordRunFacts.Counts facts = new RecordRunFacts.Counts(p)
        .tally("verdicts", verdicts, verdictFacts,
            (v, add) -> {
              if (v.getKind().equals(FileKinds.WMO)) {
                add.add("records_delivered", v.getRecords());
                add.add("records_checked_approved", v.getRecordsPassedOn());
              } else {
                String k = RecordRunFacts.factPrefix(v.getKind());
                add.add(k + "_files_delivered", 1);
                add.add(k + "_records_delivered", v.getRecords());
              }
            })
        .tally("arrangements", arrangements, List.of("arrangements_merged", "records_in_force"),
            (a, add) -> {
              add.add("arrangements_merged", 1);
              add.add("records_in_force", a.getRecords());
            })
        .sum("arrangements_active", active, a -> published.contains(a.getPeriod()) ? 1L : 0L)
        // persons_read comes from the register's own facts (PersonenFacts), read in the same pass;
        // the share of clients found in it (PersonMatch) is over the periods published, as clients.
        .tally("clients", clients, List.of("clients"), (c, add) -> {
          if (published.contains(c.getPeriod())) {
            add.add("clients", 1);
            PersonMatch.tally(c, add::add);
          }
        })
        .sum("cells_counted", counts, c -> published.contains(c.getPeriod()) ? 1L : 0L)
        .tally("cells", table.cells(), RecordRunFacts.CELLS_BY_STATUS,
            (c, add) -> add.add(RecordRunFacts.cellsByStatus(c.getStatus()), 1));
    if (costs != null) {
      facts.tally("costRows", costs.rows(), otherKinds.stream().map(k -> k + "_records_in_force").toList(),
          (r, add) -> add.add(RecordRunFacts.factPrefix(r.getKind()) + "_records_in_force", 1));
    }
    return new RunFacts.Expected(facts.record(), published);
  }
}
