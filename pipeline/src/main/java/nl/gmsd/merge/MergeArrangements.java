package nl.gmsd.merge;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import nl.gmsd.avro.Arrangement;
import nl.gmsd.avro.PseudonymisedRecord;
import nl.gmsd.beam.JobMetrics;
import nl.gmsd.beam.SpecificRecordCoder;
import nl.gmsd.common.Period;
import nl.gmsd.common.StringHash;
import org.apache.beam.sdk.coders.BigEndianLongCoder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TypeDescriptor;
import org.apache.beam.sdk.values.TypeDescriptors;

/**
 * Merges the records of the deliveries in force into arrangements (SPEC 5): per gemeente and
 * calendar year, both stages for one (person, type) at a time. Records of unknown persons (no
 * pseudonym) are never merged: each gets a key of its own.
 *
 * <p>The shuffle is keyed by a 64-bit hash of that key, not the key itself (about 80 characters
 * with the pseudonym, which the records carry anyway): sorting 6 million records on 8 bytes is
 * cheaper. Should two keys share a hash, their records share a group and are split again by the
 * full key before merging, so the result never depends on the hash.
 */
public final class MergeArrangements extends PTransform<PCollection<PseudonymisedRecord>, PCollection<Arrangement>> {

  private final MergeSettings settings;

  private MergeArrangements(MergeSettings settings) {
    this.settings = settings;
  }

  public static MergeArrangements with(MergeSettings settings) {
    return new MergeArrangements(settings);
  }

  @Override
  public PCollection<Arrangement> expand(PCollection<PseudonymisedRecord> records) {
    return records
        .apply("KeyByPersonAndType", MapElements
            .into(TypeDescriptors.kvs(TypeDescriptors.longs(), TypeDescriptor.of(PseudonymisedRecord.class)))
            .via((PseudonymisedRecord r) -> KV.of(StringHash.of(mergeKey(r)), r)))
        .setCoder(KvCoder.of(BigEndianLongCoder.of(), SpecificRecordCoder.of(PseudonymisedRecord.class)))
        .apply("GroupPersonType", GroupByKey.create())
        .apply("MergeStages", ParDo.of(new MergeFn(settings)))
        .setCoder(SpecificRecordCoder.of(Arrangement.class));
  }

  /** (gemeente, year, person, type); a record of an unknown person is a group of its own. */
  static String mergeKey(PseudonymisedRecord r) {
    String scope = r.getGemeentecode() + "|" + Period.ofIndex(r.getHalfYear()).year();
    return r.getPseudonym() == null
        ? scope + "|?|" + r.getFileRank() + "|" + r.getLine()
        : scope + "|" + r.getPseudonym() + "|" + r.getType();
  }

  static final class MergeFn extends DoFn<KV<Long, Iterable<PseudonymisedRecord>>, Arrangement> {
    private final ArrangementMerger merger;
    private final Counter merged = Metrics.counter(MergeArrangements.class, "arrangements.merged");
    private transient boolean metrics; // see JobMetrics

    MergeFn(MergeSettings settings) {
      this.merger = new ArrangementMerger(settings);
    }

    @StartBundle
    public void startBundle(StartBundleContext c) {
      metrics = JobMetrics.collected(c.getPipelineOptions());
    }

    @ProcessElement
    public void process(@Element KV<Long, Iterable<PseudonymisedRecord>> group, OutputReceiver<Arrangement> out) {
      for (Arrangement a : mergeGroup(merger, group.getValue())) {
        if (metrics) {
          merged.inc();
        }
        out.output(a);
      }
    }
  }

  /** Merges a shuffle group: first split by the full {@link #mergeKey}, in case keys shared a hash. */
  static List<Arrangement> mergeGroup(ArrangementMerger merger, Iterable<PseudonymisedRecord> group) {
    Map<String, List<PseudonymisedRecord>> byKey = new TreeMap<>();
    for (PseudonymisedRecord r : group) {
      byKey.computeIfAbsent(mergeKey(r), k -> new ArrayList<>()).add(r);
    }
    List<Arrangement> out = new ArrayList<>();
    for (List<PseudonymisedRecord> records : byKey.values()) {
      PseudonymisedRecord first = records.get(0);
      out.addAll(merger.merge(first.getGemeentecode(), Period.ofIndex(first.getHalfYear()).year(), records));
    }
    return out;
  }
}
