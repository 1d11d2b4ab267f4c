package nl.gmsd.beam;

import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.ListCoder;
import org.apache.beam.sdk.coders.NullableCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.WithKeys;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;

/**
 * Gathers a small collection into exactly one list, also when the collection is empty (a plain
 * GroupByKey would then give nothing, and a singleton side input would fail). For outputs that
 * are written as one sorted file, and for decisions taken over all elements at once.
 */
public final class GatherAll<T> extends PTransform<PCollection<T>, PCollection<List<T>>> {

  private GatherAll() {}

  public static <T> GatherAll<T> create() {
    return new GatherAll<>();
  }

  @Override
  public PCollection<List<T>> expand(PCollection<T> input) {
    Coder<T> coder = input.getCoder();
    KvCoder<String, T> kv = KvCoder.of(StringUtf8Coder.of(), NullableCoder.of(coder));
    List<KV<String, T>> marker = new ArrayList<>();
    marker.add(KV.of("", null));
    PCollection<KV<String, T>> markers = input.getPipeline().apply("Marker", Create.of(marker).withCoder(kv));
    PCollection<KV<String, T>> keyed = input.apply("KeyAll", WithKeys.<String, T>of("")).setCoder(kv);
    return PCollectionList.of(markers).and(keyed)
        .apply("WithMarker", Flatten.pCollections())
        .apply("GroupAll", GroupByKey.create())
        .apply("ToList", ParDo.of(new ToListFn<T>()))
        .setCoder(ListCoder.of(coder));
  }

  static final class ToListFn<T> extends DoFn<KV<String, Iterable<T>>, List<T>> {
    @ProcessElement
    public void process(@Element KV<String, Iterable<T>> all, OutputReceiver<List<T>> out) {
      List<T> list = new ArrayList<>();
      for (T t : all.getValue()) {
        if (t != null) {
          list.add(t);
        }
      }
      out.output(list);
    }
  }
}
