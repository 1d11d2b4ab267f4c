package nl.gmsd.join;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ClientPseudonymsTest {

  /** Random 64-hex-character strings, like the HMAC pseudonyms. */
  private static List<String> pseudonyms(int n, long seed) {
    Random random = new Random(seed);
    List<String> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(String.format("%016x%016x%016x%016x", random.nextLong(), random.nextLong(), random.nextLong(), random.nextLong()));
    }
    return out;
  }

  @Test
  void neverSaysNoToAnAddedPseudonym() {
    ClientPseudonyms filter = ClientPseudonyms.empty(128); // overfull on purpose: 10 000 in 4 096 bits
    List<String> clients = pseudonyms(10_000, 1);
    clients.forEach(filter::add);
    for (String p : clients) {
      assertTrue(filter.mightContain(p));
    }
  }

  @Test
  void saysYesToFewOthersWhenSizedForItsClients() {
    ClientPseudonyms filter = ClientPseudonyms.empty(1 << 12); // 32 x 4 096 bits: 13 bits per client
    pseudonyms(10_000, 2).forEach(filter::add);
    long wronglyYes = pseudonyms(100_000, 3).stream().filter(filter::mightContain).count();
    // Theory: (1 - e^(-5/13.1))^5 = 0.5%; allow for chance and uneven shards, but a broken hash gives far more.
    assertTrue(wronglyYes < 1_500, wronglyYes + " of 100 000 non-clients passed");
    assertTrue(filter.fillRatio() > 0.25 && filter.fillRatio() < 0.40, "fill ratio " + filter.fillRatio());
  }

  @Test
  void spreadsPseudonymsOverAllShards() {
    int[] perShard = new int[ClientPseudonyms.SHARDS];
    pseudonyms(32_000, 4).forEach(p -> perShard[ClientPseudonyms.shardOf(p)]++);
    for (int n : perShard) {
      assertTrue(n > 800 && n < 1_200, "a shard got " + n + " of 32 000");
    }
  }

  /** How the pipeline builds it: a bit set per shard, merged from parts, then assembled. */
  @Test
  void shardsBuiltInPartsAndAssembledHoldEveryClient() {
    List<String> clients = pseudonyms(5_000, 5);
    Map<Integer, ClientPseudonyms.Shard> left = new HashMap<>();
    Map<Integer, ClientPseudonyms.Shard> right = new HashMap<>();
    for (int i = 0; i < clients.size(); i++) {
      String p = clients.get(i);
      (i % 2 == 0 ? left : right).computeIfAbsent(ClientPseudonyms.shardOf(p), k -> ClientPseudonyms.Shard.empty(1 << 12)).add(p);
    }
    Map<Integer, ClientPseudonyms.Shard> merged = new HashMap<>(left);
    right.forEach((k, v) -> merged.merge(k, v, ClientPseudonyms.Shard::addAll));
    ClientPseudonyms filter = ClientPseudonyms.of(merged);
    assertTrue(clients.stream().allMatch(filter::mightContain));

    ClientPseudonyms oneByOne = ClientPseudonyms.empty(1 << 12);
    clients.forEach(oneByOne::add);
    assertEquals(oneByOne.fillRatio(), filter.fillRatio());
  }

  @Test
  void aMissingShardSaysNoAndNoShardsMeansNoClients() {
    ClientPseudonyms none = ClientPseudonyms.of(Map.of());
    assertEquals(0.0, none.fillRatio());
    assertTrue(pseudonyms(1_000, 6).stream().noneMatch(none::mightContain));
    assertTrue(pseudonyms(1_000, 6).stream().noneMatch(ClientPseudonyms.empty(1 << 10)::mightContain));
    assertThrows(IllegalStateException.class, () -> none.add(pseudonyms(1, 6).get(0)));
  }

  @Test
  void rejectsSizesAndShardsThatDoNotFit() {
    assertThrows(IllegalArgumentException.class, () -> ClientPseudonyms.Shard.empty(100));
    assertThrows(IllegalArgumentException.class, () -> ClientPseudonyms.Shard.empty(32));
    assertThrows(IllegalArgumentException.class,
        () -> ClientPseudonyms.Shard.empty(1 << 10).addAll(ClientPseudonyms.Shard.empty(1 << 11)));
    assertThrows(IllegalArgumentException.class,
        () -> ClientPseudonyms.of(Map.of(ClientPseudonyms.SHARDS, ClientPseudonyms.Shard.empty())));
  }

  @Test
  void theCoderGivesBackTheSameShardAndRejectsGarbage() throws IOException {
    ClientPseudonyms.Shard shard = ClientPseudonyms.Shard.empty(1 << 10);
    List<String> added = pseudonyms(50, 7);
    added.forEach(shard::add);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ClientPseudonyms.Shard.coder().encode(shard, bytes);
    assertEquals(4 + (1 << 10) / 8, bytes.size());
    ClientPseudonyms.Shard back = ClientPseudonyms.Shard.coder().decode(new ByteArrayInputStream(bytes.toByteArray()));
    assertEquals(shard, back);
    assertTrue(added.stream().allMatch(back::mightContain));
    assertFalse(back.equals(ClientPseudonyms.Shard.empty(1 << 10)));
    assertThrows(IOException.class,
        () -> ClientPseudonyms.Shard.coder().decode(new ByteArrayInputStream(new byte[] {0, 0, 0, 3})));
  }
}
