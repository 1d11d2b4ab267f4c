package nl.gmsd.write;

import java.util.List;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestPipelineExtension;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.Sum;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(TestPipelineExtension.class)
class RecordRunFactsTest {

  @Test
  void countsSumsAndTalliesIncludingAnEmptyCollection(TestPipeline p) {
    PCollection<Integer> five = p.apply("Five", Create.of(List.of(1, 2, 3, 4, 5)).withCoder(VarIntCoder.of()));
    PCollection<Integer> none = p.apply("None", Create.empty(VarIntCoder.of()));

    PCollection<KV<String, Long>> totals = PCollectionList.of(RecordRunFacts.count("five", five))
        .and(RecordRunFacts.count("none", none))
        .and(RecordRunFacts.sum("sum_of_five", five, i -> (long) i))
        .and(RecordRunFacts.sum("sum_of_none", none, i -> (long) i))
        .and(RecordRunFacts.tally("odd_and_even", five, List.of("odd", "even", "never"),
            (i, add) -> add.add(i % 2 == 1 ? "odd" : "even", i)))
        .apply(Flatten.pCollections())
        .apply(Sum.longsPerKey());

    PAssert.that(totals).containsInAnyOrder(
        KV.of("five", 5L), KV.of("none", 0L), KV.of("sum_of_five", 15L), KV.of("sum_of_none", 0L),
        KV.of("odd", 9L), KV.of("even", 6L), KV.of("never", 0L));
    p.run().waitUntilFinish();
  }
}
