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
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.transforms.join.CoGbkResult;
import org.apache.beam.sdk.transforms.join.CoGroupByKey;
import org.apache.beam.sdk.transforms.join.KeyedPCollectionTuple;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.TupleTag;
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

  private static final TupleTag<MicrodataArrangement> ARRANGEMENTS = new TupleTag<MicrodataArrangement>() {};
  private static final TupleTag<Person> PERSONS = new TupleTag<Person>() {};

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
    return KeyedPCollectionTuple.of(ARRANGEMENTS, byPerson)
        .and(PERSONS, candidates)
        .apply("JoinOnPseudonym", CoGroupByKey.create())
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
    // The side input is one value for the whole (bounded, globally windowed) run: assemble it once.
    private transient ClientPseudonyms filter;

    DropNonClientsFn(PCollectionView<Map<Integer, ClientPseudonyms.Shard>> clientFilter) {
      this.clientFilter = clientFilter;
    }

    @ProcessElement
    public void process(ProcessContext c) {
      if (filter == null) {
        filter = ClientPseudonyms.of(c.sideInput(clientFilter));
      }
      if (filter.mightContain(c.element().getKey())) {
        passed.inc();
        c.output(c.element());
      }
    }
  }

  static final class SummariseFn extends DoFn<KV<String, CoGbkResult>, ClientPeriod> {
    private final Counter found = Metrics.counter(JoinReferenceData.class, "clients.foundInRegister");
    private final Counter missing = Metrics.counter(JoinReferenceData.class, "clients.notInRegister");

    @ProcessElement
    public void process(@Element KV<String, CoGbkResult> joined, OutputReceiver<ClientPeriod> out) {
      Iterable<MicrodataArrangement> arrangements = joined.getValue().getAll(ARRANGEMENTS);
      if (!arrangements.iterator().hasNext()) {
        return; // a person who is no client
      }
      Person person = onePerson(joined.getValue().getAll(PERSONS));
      Map<String, List<Arrangement>> perGemeentePeriod = new TreeMap<>();
      for (MicrodataArrangement a : arrangements) {
        perGemeentePeriod.computeIfAbsent(a.getGemeentecode() + "|" + a.getPeriod(), k -> new ArrayList<>())
            .add(ActiveArrangements.asArrangement(a));
      }
      for (Map.Entry<String, List<Arrangement>> e : perGemeentePeriod.entrySet()) {
        String[] key = e.getKey().split("\\|");
        (person == null ? missing : found).inc();
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
