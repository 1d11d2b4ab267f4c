package nl.gmsd.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import nl.gmsd.common.ReferenceData;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ComparisonGroupsTest {

  @ParameterizedTest
  @CsvSource({
    "0,1", "4999,1", "5000,2", "9999,2", "10000,3", "19999,3", "20000,4", "49999,4",
    "50000,5", "99999,5", "100000,6", "149999,6", "150000,7", "249999,7", "250000,8", "931298,8"
  })
  void sizeClassFollowsCbsBounds(long inhabitants, int expectedClass) {
    assertEquals(expectedClass, ComparisonGroups.sizeClass(inhabitants));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
    "5,7,53,182,63,14,14,4 | 1-2,3,4,5,6,7-8",
    "10,10,10,10,10,10,10,10 | 1,2,3,4,5,6,7,8",
    "9,10,10,10,10,10,10,10 | 1-2,3,4,5,6,7,8",
    "10,10,10,10,10,10,10,9 | 1,2,3,4,5,6,7-8",
    "0,0,0,0,0,0,0,30 | 1-8",
    "3,3,3,3,3,3,3,3 | 1-4,5-8",
    "10,4,10,10,10,10,10,10 | 1-2,3,4,5,6,7,8",
    "10,10,4,6,10,10,10,10 | 1,2,3-4,5,6,7,8",
    "1,1,1,1,1,1,1,1 | 1-8"
  })
  void mergesNeighbouringClassesUntilEveryGroupIsLargeEnough(String sizes, String expected) {
    Map<Integer, Integer> perClass = new TreeMap<>();
    String[] s = sizes.split(",");
    for (int i = 0; i < s.length; i++) {
      perClass.put(i + 1, Integer.parseInt(s[i].trim()));
    }
    assertEquals(expected.trim(), describe(ComparisonGroups.mergeClasses(perClass, 10)));
  }

  @Test
  void shippedDivision2025MergesClassesOneTwoAndSevenEight() {
    ComparisonGroups groups = ComparisonGroups.forYear(ReferenceData.shipped(), 2025, ComparisonGroups.MIN_GROUP_SIZE);
    List<int[]> ranges = new ArrayList<>();
    int total = 0;
    for (ComparisonGroups.Group g : groups.groups()) {
      ranges.add(new int[] {g.firstClass(), g.lastClass()});
      assertTrue(g.members().size() >= ComparisonGroups.MIN_GROUP_SIZE, g.labelNl());
      total += g.members().size();
    }
    assertEquals("1-2,3,4,5,6,7-8", describe(ranges));
    assertEquals(342, total);
    // Schiermonnikoog (972 inhabitants) and Eemnes (9 755) share the merged group 1-2.
    assertEquals(groups.groupOf("0088"), groups.groupOf("0317"));
    assertEquals("grootteklassen 1\u20132 (minder dan 10.000 inwoners)", groups.groupOf("0088").orElseThrow().labelNl());
    // Amsterdam (class 8) is compared with class 7.
    assertEquals(7, groups.groupOf("0363").orElseThrow().firstClass());
  }

  @RepeatedTest(20)
  void mergedGroupsCoverAllClassesContiguouslyAndAreLargeEnough() {
    long seed = new Random().nextLong();
    Random rnd = new Random(seed);
    int min = 1 + rnd.nextInt(20);
    Map<Integer, Integer> perClass = new TreeMap<>();
    int total = 0;
    for (int c = 1; c <= 8; c++) {
      int n = rnd.nextInt(4) == 0 ? 0 : rnd.nextInt(3 * min);
      perClass.put(c, n);
      total += n;
    }
    List<int[]> ranges = ComparisonGroups.mergeClasses(perClass, min);
    int next = 1;
    int sum = 0;
    for (int[] r : ranges) {
      assertEquals(next, r[0], "seed " + seed);
      assertTrue(r[1] >= r[0], "seed " + seed);
      int size = 0;
      for (int c = r[0]; c <= r[1]; c++) {
        size += perClass.get(c);
      }
      assertTrue(ranges.size() == 1 || size >= min, "seed " + seed + ": group " + r[0] + "-" + r[1] + " has " + size);
      sum += size;
      next = r[1] + 1;
    }
    assertEquals(9, next, "seed " + seed);
    assertEquals(total, sum, "seed " + seed);
  }

  private static String describe(List<int[]> ranges) {
    List<String> parts = new ArrayList<>();
    for (int[] r : ranges) {
      parts.add(r[0] == r[1] ? Integer.toString(r[0]) : r[0] + "-" + r[1]);
    }
    return String.join(",", parts);
  }
}
