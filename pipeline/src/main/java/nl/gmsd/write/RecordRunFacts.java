package nl.gmsd.write;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import nl.gmsd.avro.FileVerdict;
import nl.gmsd.beam.TallyPerBundle;
import nl.gmsd.check.FileKind;
import nl.gmsd.check.FileKinds;
import nl.gmsd.common.Period;
import nl.gmsd.disclose.AuditReport;
import nl.gmsd.intake.DeliveryRules;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.SerializableFunction;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PDone;


/**
 * Records the facts of the run that {@code run.json} is made of, as Beam counters that reach the
 * driver with the job's result ({@link RunFacts} reads them): record counts per stage, the
 * verdicts, and each period's disclosure audit. No side file, so nothing is read back from the
 * output's file system after the job (on a cluster each would be a remote read).
 *
 * <p>Why counters are exact here: each count is summed in memory per bundle first
 * ({@link TallyPerBundle}), so a counter gets a few additions of partial sums, and a zero for
 * each expected name, so that an empty collection still has its count. A report that is one
 * element (the decision, an audit) adds its figures once. Counters are what every runner returns:
 * the Direct runner as committed values, the Flink runner as attempted ones, which in a batch job
 * are those of each task's last (successful) attempt, since Flink's JobManager keeps the
 * accumulators of the current attempt of each task only ({@code DefaultExecutionGraph
 * .aggregateUserAccumulators}); a task that failed and ran again is not counted twice
 * ({@code TaskManagerFailureIT} compares run.json after a TaskManager was killed mid-run).
 *
 * <p>Names and values are counts, period and gemeente codes, verdicts, file kinds and stage
 * names: never a BSN, a pseudonym or the key. On a Flink cluster the counters are also Flink
 * metrics (its web UI, and any metric reporter it has), with run.json's audience (SECURITY.md).
 */
public final class RecordRunFacts {

  /** The namespace of every counter of the run's facts. */
  public static final String NAMESPACE = "gmsd.run";
  /** A count of run.json's {@code counts} (and {@code person_match/...}): {@code counts/<name>}. */
  static final String COUNTS = "counts/";
  /** Verdicts over all files: {@code verdicts/<verdict>}. */
  static final String VERDICTS = "verdicts/";
  /** Verdicts per file kind: {@code verdicts_per_kind/<kind>/<verdict>}. */
  static final String VERDICTS_PER_KIND = "verdicts_per_kind/";
  /** 1 once the delivery decision's facts were recorded (there may be no verdict at all). */
  static final String DECISION_RECORDED = "deliveries/recorded";
  /** A period's audit: {@code audit/<period>/<fact>} ({@link AuditReport#toFacts}). */
  static final String AUDIT = "audit/";

  /** The counts of published table cells per status (SPEC 10), as {@code run.json} names them. */
  public static final List<String> CELLS_BY_STATUS =
      List.of("cells_published", "cells_secret", "cells_withdrawn", "cells_not_delivered");

  private RecordRunFacts() {}

  /**
   * The prefix of a file kind's own counts (SPEC 12: counts per file kind): its id in lower case,
   * e.g. {@code sbo_records_delivered}. The Wmo file's counts keep their names without a prefix.
   */
  public static String factPrefix(String kind) {
    return kind.toLowerCase(Locale.ROOT);
  }

  /**
   * The prefixes of the kinds other than Wmo that are taken for some half year the run reads, in
   * the kinds' order: each has its counts in run.json (none for a run of 2020 or later).
   */
  public static List<String> otherKindsRead(Set<Period> periodsRead) {
    LinkedHashSet<String> kinds = new LinkedHashSet<>();
    for (FileKind k : FileKinds.shipped().all()) {
      if (!k.id().equals(FileKinds.WMO) && periodsRead.stream().anyMatch(p -> k.inForce(p.year()))) {
        kinds.add(factPrefix(k.id()));
      }
    }
    return List.copyOf(kinds);
  }

  /** The name of the count of table cells with {@code status}: {@code cells_published}, {@code cells_secret}, ... */
  public static String cellsByStatus(String status) {
    return switch (status) {
      case nl.gmsd.common.TableLayout.STATUS_PUBLISHED -> "cells_published";
      case nl.gmsd.common.TableLayout.STATUS_SECRET -> "cells_secret";
      case nl.gmsd.common.TableLayout.STATUS_WITHDRAWN -> "cells_withdrawn";
      case nl.gmsd.common.TableLayout.STATUS_NOT_DELIVERED -> "cells_not_delivered";
      default -> throw new IllegalArgumentException("unknown cell status: " + status);
    };
  }

  /** The number of elements of {@code pc} as a named count. */
  public static <T> PCollection<KV<String, Long>> count(String name, PCollection<T> pc) {
    return sum(name, pc, t -> 1L);
  }

  /** The sum of {@code value} over the elements of {@code pc} as a named count. */
  public static <T> PCollection<KV<String, Long>> sum(String name, PCollection<T> pc, SerializableFunction<T, Long> value) {
    return tally(name, pc, List.of(name), (t, add) -> add.add(name, value.apply(t)));
  }

  /**
   * Several named counts from one pass over {@code pc} (one consumer: on Flink each further
   * consumer of a large collection costs a serialisation of all of it): partial sums per bundle,
   * and a zero for each of {@code names} so that an empty collection still has its counts.
   */
  public static <T> PCollection<KV<String, Long>> tally(String step, PCollection<T> pc, List<String> names,
      TallyPerBundle.Tally<T> tally) {
    KvCoder<String, Long> coder = KvCoder.of(StringUtf8Coder.of(), VarLongCoder.of());
    PCollection<KV<String, Long>> partial = pc.apply("Sum_" + step, ParDo.of(TallyPerBundle.of(tally))).setCoder(coder);
    PCollection<KV<String, Long>> zeros = pc.getPipeline()
        .apply("Zero_" + step, Create.of(names.stream().map(n -> KV.of(n, 0L)).toList()).withCoder(coder));
    return PCollectionList.of(zeros).and(partial).apply("Partial_" + step, Flatten.pCollections());
  }

  /**
   * The job's named counts, gathered from its collections ({@link #tally}, {@link #sum}) and
   * recorded as counters in one step ({@link #record}), which returns the names they always have
   * (each zeroed), so the driver knows what must come back ({@link RunFacts.Expected}).
   */
  public static final class Counts {
    private PCollectionList<KV<String, Long>> parts;
    private final List<String> names = new java.util.ArrayList<>();

    public Counts(org.apache.beam.sdk.Pipeline p) {
      parts = PCollectionList.empty(p);
    }

    /** {@link RecordRunFacts#tally}, gathered. */
    public <T> Counts tally(String step, PCollection<T> pc, List<String> names, TallyPerBundle.Tally<T> tally) {
      parts = parts.and(RecordRunFacts.tally(step, pc, names, tally));
      this.names.addAll(names);
      return this;
    }

    /** {@link RecordRunFacts#sum}, gathered. */
    public <T> Counts sum(String name, PCollection<T> pc, SerializableFunction<T, Long> value) {
      parts = parts.and(RecordRunFacts.sum(name, pc, value));
      names.add(name);
      return this;
    }

    /** Records every count gathered; returns their names. */
    public List<String> record() {
      parts.apply("RecordCounts", recordCounts());
      return List.copyOf(names);
    }
  }

  /** Adds the (partial) named counts to their counters: run.json's {@code counts} and {@code person_match}. */
  public static PTransform<PCollectionList<KV<String, Long>>, PDone> recordCounts() {
    return new PTransform<>() {
      @Override
      public PDone expand(PCollectionList<KV<String, Long>> counts) {
        counts.apply("FlattenCounts", Flatten.pCollections()).apply("RecordCounts", ParDo.of(new RecordCountsFn()));
        return PDone.in(counts.getPipeline());
      }
    };
  }

  /** Records each period's audit, its figures as counters ({@link AuditReport#toFacts}). */
  public static PTransform<PCollection<AuditReport>, PDone> recordAudits() {
    return new PTransform<>() {
      @Override
      public PDone expand(PCollection<AuditReport> audits) {
        audits.apply("RecordAudit", ParDo.of(new RecordAuditFn()));
        return PDone.in(audits.getPipeline());
      }
    };
  }

  /**
   * Records the verdicts of the delivery decision (one element): over all files and per file
   * kind (by the name's prefix, as the check took it), as {@code technische-toets/verdicts.csv}
   * lists them.
   */
  public static PTransform<PCollection<DeliveryRules.Decision>, PDone> recordVerdicts() {
    return new PTransform<>() {
      @Override
      public PDone expand(PCollection<DeliveryRules.Decision> decision) {
        decision.apply("RecordVerdicts", ParDo.of(new RecordVerdictsFn()));
        return PDone.in(decision.getPipeline());
      }
    };
  }

  private static void add(String name, long n) {
    Metrics.counter(NAMESPACE, name).inc(n);
  }

  static final class RecordCountsFn extends DoFn<KV<String, Long>, Void> {
    @ProcessElement
    public void process(@Element KV<String, Long> count) {
      add(COUNTS + count.getKey(), count.getValue());
    }
  }

  static final class RecordAuditFn extends DoFn<AuditReport, Void> {
    @ProcessElement
    public void process(@Element AuditReport audit) {
      audit.toFacts((name, n) -> add(AUDIT + audit.period() + "/" + name, n));
    }
  }

  static final class RecordVerdictsFn extends DoFn<DeliveryRules.Decision, Void> {
    @ProcessElement
    public void process(@Element DeliveryRules.Decision decision) {
      for (FileVerdict v : decision.verdicts()) {
        add(VERDICTS + v.getVerdict(), 1);
        add(VERDICTS_PER_KIND + FileKinds.shipped().kindOf(v.getFile()).id() + "/" + v.getVerdict(), 1);
      }
      add(DECISION_RECORDED, 1);
    }
  }
}
