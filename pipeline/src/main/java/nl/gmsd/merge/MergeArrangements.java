package nl.gmsd.merge;

import java.util.ArrayList;
import java.util.List;
import nl.gmsd.avro.Arrangement;
import nl.gmsd.avro.PseudonymisedRecord;
import nl.gmsd.common.Period;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.extensions.avro.coders.AvroCoder;
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
            .into(TypeDescriptors.kvs(TypeDescriptors.strings(), TypeDescriptor.of(PseudonymisedRecord.class)))
            .via((PseudonymisedRecord r) -> KV.of(mergeKey(r), r)))
        .setCoder(KvCoder.of(StringUtf8Coder.of(), AvroCoder.specific(PseudonymisedRecord.class)))
        .apply("GroupPersonType", GroupByKey.create())
        .apply("MergeStages", ParDo.of(new MergeFn(settings)))
        .setCoder(AvroCoder.specific(Arrangement.class));
  }

  /** (gemeente, year, person, type); a record of an unknown person is a group of its own. */
  static String mergeKey(PseudonymisedRecord r) {
    String scope = r.getGemeentecode() + "|" + Period.parse(r.getPeriod()).year();
    return r.getPseudonym() == null
        ? scope + "|?|" + r.getFile() + "|" + r.getLine()
        : scope + "|" + r.getPseudonym() + "|" + r.getType();
  }

  static final class MergeFn extends DoFn<KV<String, Iterable<PseudonymisedRecord>>, Arrangement> {
    private final ArrangementMerger merger;
    private final Counter merged = Metrics.counter(MergeArrangements.class, "arrangements.merged");

    MergeFn(MergeSettings settings) {
      this.merger = new ArrangementMerger(settings);
    }

    @ProcessElement
    public void process(@Element KV<String, Iterable<PseudonymisedRecord>> group, OutputReceiver<Arrangement> out) {
      List<PseudonymisedRecord> records = new ArrayList<>();
      group.getValue().forEach(records::add);
      PseudonymisedRecord first = records.get(0);
      int year = Period.parse(first.getPeriod()).year();
      for (Arrangement a : merger.merge(first.getGemeentecode(), year, records)) {
        merged.inc();
        out.output(a);
      }
    }
  }
}
