package nl.gmsd.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SyntheticBsnTest {

  @ParameterizedTest
  @CsvSource({
    "111222333, true",
    "123456782, true",
    "123456781, false",
    "999999999, false",
    "000000000, true",
    "12345678, false",
    "12345678a, false",
  })
  void elevenTest(String number, boolean passes) {
    assertEquals(passes, SyntheticBsn.passesElevenTest(number));
  }

  @Test
  void everyGeneratedNumberPassesAndIsNeverAReservedValue() {
    long seed = new Random().nextLong();
    SyntheticBsn bsns = new SyntheticBsn(seed);
    Random r = new Random(seed);
    for (int i = 0; i < 50_000; i++) {
      long index = (long) (r.nextDouble() * SyntheticBsn.CAPACITY);
      String s = SyntheticBsn.format(bsns.bsn(index));
      assertTrue(SyntheticBsn.passesElevenTest(s), "seed " + seed + " index " + index);
      assertNotEquals("999999999", s, "seed " + seed);
      assertNotEquals('0', s.charAt(0), "seed " + seed);
    }
  }

  @Test
  void consecutiveIndexesGiveDistinctNumbers() {
    long seed = new Random().nextLong();
    SyntheticBsn bsns = new SyntheticBsn(seed);
    Set<Integer> seen = new HashSet<>();
    long base = SyntheticBsn.CAPACITY - 150_000; // the top of the range too
    for (long i = 0; i < 150_000; i++) {
      assertTrue(seen.add(bsns.bsn(i)), "seed " + seed + " index " + i);
      assertTrue(seen.add(bsns.bsn(base + i)) || base + i < 150_000, "seed " + seed + " index " + (base + i));
    }
  }

  @Test
  void sameSeedSameNumbersOtherSeedOtherNumbers() {
    assertEquals(new SyntheticBsn(5).bsn(12345), new SyntheticBsn(5).bsn(12345));
    int differing = 0;
    for (int i = 0; i < 100; i++) {
      if (new SyntheticBsn(5).bsn(i) != new SyntheticBsn(6).bsn(i)) {
        differing++;
      }
    }
    assertTrue(differing > 90);
  }

  @Test
  void indexOutsideTheSpaceIsRefused() {
    SyntheticBsn bsns = new SyntheticBsn(1);
    assertThrows(IllegalArgumentException.class, () -> bsns.bsn(-1));
    assertThrows(IllegalArgumentException.class, () -> bsns.bsn(SyntheticBsn.CAPACITY));
  }

  @Test
  void aPlantedInvalidNumberFailsTheElevenTest() {
    long seed = new Random().nextLong();
    SyntheticBsn bsns = new SyntheticBsn(seed);
    for (int i = 0; i < 10_000; i++) {
      String bad = UnitGenerator.failingBsn(SyntheticBsn.format(bsns.bsn(i)));
      assertFalse(SyntheticBsn.passesElevenTest(bad), "seed " + seed);
      assertEquals(9, bad.length());
      assertNotEquals("999999999", bad);
    }
  }
}
