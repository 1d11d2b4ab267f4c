package nl.gmsd.write;

import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import nl.gmsd.beam.GatherAll;
import nl.gmsd.beam.TallyPerBundle;
import nl.gmsd.check.FileKind;
import nl.gmsd.check.FileKinds;
import nl.gmsd.common.Period;
import nl.gmsd.disclose.AuditReport;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.SerializableFunction;
import org.apache.beam.sdk.transforms.Sum;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PDone;


/**
 * Records facts of the run computed as data, not as engine metrics (which a restarted attempt may
 * count twice): record counts per stage and the disclosure audits, written into a hidden folder
 * of the staging output for the driver to fold into {@code run.json}.
 */
public final class RecordRunFacts {

  public static final String FOLDER = ".run";
  public static final String COUNTS_FILE = "counts.tsv";

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

  /** Writes all named counts (summed per name) to {@code .run/counts.tsv}. */
  public static PTransform<PCollectionList<KV<String, Long>>, PDone> writeCounts(String outputDir) {
    return new PTransform<>() {
      @Override
      public PDone expand(PCollectionList<KV<String, Long>> counts) {
        counts.apply("FlattenCounts", Flatten.pCollections())
            .apply("SumCounts", Sum.longsPerKey())
            .apply("GatherCounts", GatherAll.create())
            .apply("WriteCounts", ParDo.of(new WriteCountsFn(outputDir)));
        return PDone.in(counts.getPipeline());
      }
    };
  }

  /**
   * Writes each period's audit to {@code .run/audit-<period>.json}, and its solve time apart, to
   * {@code .run/audit-<period>.millis}: run.json keeps timings under {@code environment} only.
   */
  public static PTransform<PCollection<AuditReport>, PDone> writeAudits(String outputDir) {
    return new PTransform<>() {
      @Override
      public PDone expand(PCollection<AuditReport> audits) {
        audits.apply("WriteAudit", ParDo.of(new WriteAuditFn(outputDir)));
        return PDone.in(audits.getPipeline());
      }
    };
  }

  static final class WriteCountsFn extends DoFn<List<KV<String, Long>>, Void> {
    private final String outputDir;

    WriteCountsFn(String outputDir) {
      this.outputDir = outputDir;
    }

    @ProcessElement
    public void process(@Element List<KV<String, Long>> counts) throws IOException {
      Map<String, Long> sorted = new TreeMap<>();
      counts.forEach(kv -> sorted.put(kv.getKey(), kv.getValue()));
      StringBuilder sb = new StringBuilder();
      sorted.forEach((k, v) -> sb.append(k).append('\t').append(v).append('\n'));
      OutputFiles.writeString(OutputFiles.in(outputDir, FOLDER + "/" + COUNTS_FILE), sb.toString());
    }
  }

  static final class WriteAuditFn extends DoFn<AuditReport, Void> {
    private final String outputDir;

    WriteAuditFn(String outputDir) {
      this.outputDir = outputDir;
    }

    @ProcessElement
    public void process(@Element AuditReport audit) throws IOException {
      Map<String, Object> json = audit.toJsonObject();
      String dir = OutputFiles.in(outputDir, FOLDER);
      OutputFiles.writeString(OutputFiles.in(dir, "audit-" + audit.period() + ".json"), Json.write(json));
      OutputFiles.writeString(OutputFiles.in(dir, "audit-" + audit.period() + ".millis"), Long.toString(audit.solveMillis()));
    }
  }

}
