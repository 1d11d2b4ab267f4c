package nl.gmsd.write;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import nl.gmsd.disclose.AuditReport;
import org.apache.beam.sdk.metrics.MetricNameFilter;
import org.apache.beam.sdk.metrics.MetricResult;
import org.apache.beam.sdk.metrics.MetricResults;
import org.apache.beam.sdk.metrics.MetricsFilter;

/**
 * The facts of a finished job, as the driver gets them with the job's result
 * ({@code PipelineResult.metrics()}, the counters {@link RecordRunFacts} recorded), typed: what
 * {@code run.json} is made of besides what the driver knew before the job.
 *
 * @param counts run.json's {@code counts} and the clients per gemeente behind {@code person_match}
 *     ({@code person_match/<gemeentecode>/clients|matched}), by name
 * @param verdicts the files per verdict
 * @param verdictsPerKind per file kind id, the files per verdict (only kinds with a file)
 * @param audits per result period, its disclosure audit
 */
public record RunFacts(SortedMap<String, Long> counts, SortedMap<String, Long> verdicts,
    SortedMap<String, SortedMap<String, Long>> verdictsPerKind, SortedMap<String, AuditReport> audits) {

  /** What a job must have recorded: the counts it zeroes and the periods it audits. */
  public record Expected(List<String> counts, List<String> auditedPeriods) {
    public Expected {
      counts = List.copyOf(counts);
      auditedPeriods = List.copyOf(auditedPeriods);
    }
  }

  /** The facts did not come back whole from the engine: run.json cannot be written. */
  public static final class MissingException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    MissingException(String message) {
      super(message);
    }
  }

  public RunFacts {
    counts = Collections.unmodifiableSortedMap(new TreeMap<>(counts));
    verdicts = Collections.unmodifiableSortedMap(new TreeMap<>(verdicts));
    verdictsPerKind = Collections.unmodifiableSortedMap(new TreeMap<>(verdictsPerKind));
    audits = Collections.unmodifiableSortedMap(new TreeMap<>(audits));
  }

  /**
   * Reads the facts from a finished job's metrics: committed values where the runner has them
   * (Direct), else attempted ones (Flink: those of each task's last attempt, see
   * {@link RecordRunFacts}). Throws {@link MissingException} when anything {@code expected} is
   * not there (metrics off, or a result without them, e.g. a job detached from its client).
   */
  public static RunFacts read(MetricResults metrics, Expected expected) {
    TreeMap<String, Long> all = new TreeMap<>();
    MetricsFilter filter = MetricsFilter.builder().addNameFilter(MetricNameFilter.inNamespace(RecordRunFacts.NAMESPACE))
        .build();
    for (MetricResult<Long> r : metrics.queryMetrics(filter).getCounters()) {
      // One name may be counted in several steps (engines may split a step): they add up.
      all.merge(r.getName().getName(), r.hasCommitted() ? r.getCommitted() : r.getAttempted(), Long::sum);
    }
    return of(all, expected);
  }

  /** The facts from the counters' values by name ({@link #read} without the engine, for tests). */
  static RunFacts of(Map<String, Long> all, Expected expected) {
    TreeMap<String, Long> counts = new TreeMap<>();
    TreeMap<String, Long> verdicts = new TreeMap<>();
    TreeMap<String, SortedMap<String, Long>> perKind = new TreeMap<>();
    TreeMap<String, TreeMap<String, Long>> auditFacts = new TreeMap<>();
    for (Map.Entry<String, Long> e : all.entrySet()) {
      String name = e.getKey();
      long v = e.getValue();
      if (name.startsWith(RecordRunFacts.COUNTS)) {
        counts.put(name.substring(RecordRunFacts.COUNTS.length()), v);
      } else if (name.startsWith(RecordRunFacts.VERDICTS)) {
        verdicts.put(name.substring(RecordRunFacts.VERDICTS.length()), v);
      } else if (name.startsWith(RecordRunFacts.VERDICTS_PER_KIND)) {
        String[] kv = name.substring(RecordRunFacts.VERDICTS_PER_KIND.length()).split("/", 2);
        perKind.computeIfAbsent(kv[0], k -> new TreeMap<>()).put(kv[1], v);
      } else if (name.startsWith(RecordRunFacts.AUDIT)) {
        String[] pf = name.substring(RecordRunFacts.AUDIT.length()).split("/", 2);
        auditFacts.computeIfAbsent(pf[0], p -> new TreeMap<>()).put(pf[1], v);
      }
    }
    List<String> missing = new ArrayList<>();
    for (String c : expected.counts()) {
      if (!counts.containsKey(c)) {
        missing.add("count " + c);
      }
    }
    if (all.getOrDefault(RecordRunFacts.DECISION_RECORDED, 0L) != 1) {
      missing.add("the verdicts");
    }
    TreeMap<String, AuditReport> audits = new TreeMap<>();
    for (String p : expected.auditedPeriods()) {
      Map<String, Long> facts = auditFacts.get(p);
      if (facts == null) {
        missing.add("the audit of " + p);
        continue;
      }
      try {
        audits.put(p, AuditReport.fromFacts(p, facts));
      } catch (IllegalArgumentException e) {
        missing.add(e.getMessage());
      }
    }
    if (!missing.isEmpty()) {
      throw new MissingException("the job's facts did not come back whole with its result (missing: "
          + String.join(", ", missing.subList(0, Math.min(5, missing.size()))) + (missing.size() > 5 ? ", ..." : "")
          + "); they travel as Beam metrics, which the engine must return to the driver: run attached (not detached) "
          + "and with Beam's metrics on");
    }
    return new RunFacts(counts, verdicts, perKind, audits);
  }
}
