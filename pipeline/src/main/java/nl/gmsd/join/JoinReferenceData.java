package nl.gmsd.join;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import nl.gmsd.avro.Arrangement;
import nl.gmsd.avro.ClientPeriod;
import nl.gmsd.avro.MicrodataArrangement;
import nl.gmsd.avro.Person;
import nl.gmsd.beam.JobMetrics;
import nl.gmsd.beam.SpecificRecordCoder;
import nl.gmsd.common.Period;
import nl.gmsd.count.ClientSummariser;
import nl.gmsd.merge.ActiveArrangements;
import org.apache.beam.sdk.coders.BigEndianLongCoder;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderRegistry;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Filter;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.transforms.join.RawUnionValue;
import org.apache.beam.sdk.transforms.join.UnionCoder;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.TypeDescriptor;
import org.apache.beam.sdk.values.TypeDescriptors;

/**
 * Joins the active arrangements of known persons with the pseudonymised population register, as
 * a shuffle join on the pseudonym (the register is far too large for a side input), and sums
 * them up per client, gemeente and period (SPEC 6, 7).
 *
 * <p>Only about one person in twelve is a client, so before the shuffle the register rows are
 * sieved through a Bloom filter of the clients' pseudonyms ({@link ClientPseudonyms}, a 4 MiB side
 * input in 32 shards): the rows of non-clients, which the join would drop anyway, never reach it.
 */
public final class JoinReferenceData extends PTransform<PCollection<MicrodataArrangement>, PCollection<ClientPeriod>> {

  /** The union tags of the join's two sides. */
  private static final int ARRANGEMENT = 0;
  private static final int PERSON = 1;

  private final PCollection<KV<String, Person>> persons;

  private JoinReferenceData(PCollection<KV<String, Person>> persons) {
    this.persons = persons;
  }

  public static JoinReferenceData withPersons(PCollection<KV<String, Person>> persons) {
    return new JoinReferenceData(persons);
  }

  @Override
  public PCollection<ClientPeriod> expand(PCollection<MicrodataArrangement> active) {
    PCollection<KV<String, MicrodataArrangement>> byPerson = active
        .apply("KnownPersonsOnly", Filter.by((MicrodataArrangement a) -> a.getPseudonym() != null))
        .apply("KeyByPseudonym", MapElements
            .into(TypeDescriptors.kvs(TypeDescriptors.strings(), TypeDescriptor.of(MicrodataArrangement.class)))
            .via((MicrodataArrangement a) -> KV.of(a.getPseudonym(), a)))
        .setCoder(KvCoder.of(StringUtf8Coder.of(), SpecificRecordCoder.of(MicrodataArrangement.class)));
    PCollectionView<Map<Integer, ClientPseudonyms.Shard>> clientFilter = byPerson
        .apply("KeyByShard", MapElements
            .into(TypeDescriptors.kvs(TypeDescriptors.integers(), TypeDescriptors.longs()))
            .via((KV<String, MicrodataArrangement> a) -> {
              long hash = ClientPseudonyms.hash(a.getKey());
              return KV.of(ClientPseudonyms.shardOf(hash), hash);
            }))
        .setCoder(KvCoder.of(VarIntCoder.of(), BigEndianLongCoder.of()))
        .apply("BuildClientFilter", Combine.perKey(new BuildShardFn()))
        .setCoder(KvCoder.of(VarIntCoder.of(), ClientPseudonyms.Shard.coder()))
        .apply("ClientFilterView", View.asMap());
    PCollection<KV<String, Person>> candidates = persons
        .apply("DropNonClients", ParDo.of(new DropNonClientsFn(clientFilter)).withSideInputs(clientFilter))
        .setCoder(persons.getCoder());
    // A join as CoGroupByKey does it, a tagged union grouped by key, but without its CoGbkResult,
    // which counts every key in a Beam metric: with metrics off on Flink that logs an ERROR.
    KvCoder<String, RawUnionValue> tagged = KvCoder.of(StringUtf8Coder.of(), UnionCoder.of(
        List.of(SpecificRecordCoder.of(MicrodataArrangement.class), SpecificRecordCoder.of(Person.class))));
    PCollection<KV<String, RawUnionValue>> arrangementSide = byPerson
        .apply("TagArrangements", MapElements.into(new TypeDescriptor<KV<String, RawUnionValue>>() {})
            .via((KV<String, MicrodataArrangement> a) -> KV.of(a.getKey(), new RawUnionValue(ARRANGEMENT, a.getValue()))))
        .setCoder(tagged);
    PCollection<KV<String, RawUnionValue>> personSide = candidates
        .apply("TagPersons", MapElements.into(new TypeDescriptor<KV<String, RawUnionValue>>() {})
            .via((KV<String, Person> p) -> KV.of(p.getKey(), new RawUnionValue(PERSON, p.getValue()))))
        .setCoder(tagged);
    return PCollectionList.of(arrangementSide).and(personSide)
        .apply("BothSides", Flatten.pCollections())
        .apply("JoinOnPseudonym", GroupByKey.create())
        .apply("SummariseClients", ParDo.of(new SummariseFn()))
        .setCoder(SpecificRecordCoder.of(ClientPeriod.class));
  }

  /** Adds the clients' pseudonym hashes of one shard to its bit set; partial sets are merged bit by bit. */
  static final class BuildShardFn extends Combine.CombineFn<Long, ClientPseudonyms.Shard, ClientPseudonyms.Shard> {
    @Override
    public ClientPseudonyms.Shard createAccumulator() {
      return ClientPseudonyms.Shard.empty();
    }

    @Override
    public ClientPseudonyms.Shard addInput(ClientPseudonyms.Shard shard, Long hash) {
      shard.add(hash);
      return shard;
    }

    @Override
    public ClientPseudonyms.Shard mergeAccumulators(Iterable<ClientPseudonyms.Shard> shards) {
      ClientPseudonyms.Shard merged = null;
      for (ClientPseudonyms.Shard s : shards) {
        merged = merged == null ? s : merged.addAll(s); // the first accumulator takes in the rest
      }
      return merged == null ? createAccumulator() : merged;
    }

    @Override
    public ClientPseudonyms.Shard extractOutput(ClientPseudonyms.Shard shard) {
      return shard;
    }

    @Override
    public Coder<ClientPseudonyms.Shard> getAccumulatorCoder(CoderRegistry registry, Coder<Long> input) {
      return ClientPseudonyms.Shard.coder();
    }
  }

  /** Keeps the register rows whose pseudonym may be a client's; drops the rest before the shuffle. */
  static final class DropNonClientsFn extends DoFn<KV<String, Person>, KV<String, Person>> {
    private final PCollectionView<Map<Integer, ClientPseudonyms.Shard>> clientFilter;
    private final Counter passed = Metrics.counter(JoinReferenceData.class, "persons.passedClientFilter");
    private transient boolean metrics; // see JobMetrics
    // The side input is one value for the whole (bounded, globally windowed) run: assemble it once.
    private transient ClientPseudonyms filter;

    DropNonClientsFn(PCollectionView<Map<Integer, ClientPseudonyms.Shard>> clientFilter) {
      this.clientFilter = clientFilter;
    }

    @StartBundle
    public void startBundle(StartBundleContext c) {
      metrics = JobMetrics.collected(c.getPipelineOptions());
    }

    @ProcessElement
    public void process(ProcessContext c) {
      if (filter == null) {
        filter = ClientPseudonyms.of(c.sideInput(clientFilter));
      }
      if (filter.mightContain(c.element().getKey())) {
        if (metrics) {
          passed.inc();
        }
        c.output(c.element());
      }
    }
  }

  static final class SummariseFn extends DoFn<KV<String, Iterable<RawUnionValue>>, ClientPeriod> {
    private final Counter found = Metrics.counter(JoinReferenceData.class, "clients.foundInRegister");
    private final Counter missing = Metrics.counter(JoinReferenceData.class, "clients.notInRegister");
    private transient boolean metrics; // see JobMetrics

    @StartBundle
    public void startBundle(StartBundleContext c) {
      metrics = JobMetrics.collected(c.getPipelineOptions());
    }

    @ProcessElement
    public void process(@Element KV<String, Iterable<RawUnionValue>> joined, OutputReceiver<ClientPeriod> out) {
      Map<String, List<Arrangement>> perGemeentePeriod = new TreeMap<>();
      List<Person> rows = new ArrayList<>(1);
      for (RawUnionValue v : joined.getValue()) {
        if (v.getUnionTag() == ARRANGEMENT) {
          MicrodataArrangement a = (MicrodataArrangement) v.getValue();
          perGemeentePeriod.computeIfAbsent(a.getGemeentecode() + "|" + a.getPeriod(), k -> new ArrayList<>())
              .add(ActiveArrangements.asArrangement(a));
        } else {
          rows.add((Person) v.getValue());
        }
      }
      if (perGemeentePeriod.isEmpty()) {
        return; // a person who is no client
      }
      Person person = onePerson(rows);
      for (Map.Entry<String, List<Arrangement>> e : perGemeentePeriod.entrySet()) {
        String[] key = e.getKey().split("\\|");
        if (metrics) {
          (person == null ? missing : found).inc();
        }
        out.output(ClientSummariser.summarise(key[0], Period.parse(key[1]), joined.getKey(), e.getValue(), person));
      }
    }

    /** The register should hold a BSN once; if not, pick one row deterministically. */
    private static Person onePerson(Iterable<Person> rows) {
      Person best = null;
      Comparator<Person> order = Comparator.comparing((Person p) -> Objects.toString(p.getBirthDate(), ""))
          .thenComparing(p -> Objects.toString(p.getSex(), ""))
          .thenComparing(p -> Objects.toString(p.getHousehold(), ""));
      for (Person p : rows) {
        if (best == null || order.compare(p, best) < 0) {
          best = p;
        }
      }
      return best;
    }
  }
}
