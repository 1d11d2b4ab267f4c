package nl.gmsd.pseudonymise;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** A file's rank orders as its manifest path does, whatever the paths look like. */
class FileRanksTest {

  private static final long SEED = Long.getLong("gmsd.test.seed", 20261207L);

  @Test
  void ranksCompareAsThePathsDo() {
    Random random = new Random(SEED);
    String alphabet = "aAzZ09_/. éÿ€\uD83D\uDE00";
    for (int round = 0; round < 50; round++) {
      List<String> paths = new ArrayList<>();
      int n = 1 + random.nextInt(300);
      for (int i = 0; i < n; i++) {
        StringBuilder b = new StringBuilder();
        int len = random.nextInt(12);
        for (int c = 0; c < len; c++) {
          b.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        paths.add(b.toString());
      }
      paths.add(paths.get(0)); // a path listed twice
      Collections.shuffle(paths, random);
      FileRanks ranks = FileRanks.ofPaths(paths);
      for (String a : paths) {
        for (String b : paths.subList(0, Math.min(40, paths.size()))) {
          assertEquals(Integer.signum(a.compareTo(b)), Integer.signum(Integer.compare(ranks.rank(a), ranks.rank(b))),
              "seed " + SEED + ": '" + a + "' against '" + b + "'");
        }
      }
    }
  }

  @Test
  void aPathNotUploadedFails() {
    FileRanks ranks = FileRanks.ofPaths(List.of("H12025/WMO_H12025_0363v1.csv"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ranks.rank("H12025/other.csv"));
    assertFalse(e.getMessage().isEmpty());
  }
}
