package nl.gmsd.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Made-up BSNs that pass the 11-test, for tests only: never drawn from any register. */
public final class TestBsns {

  private TestBsns() {}

  public static boolean elevenProof(String bsn) {
    if (bsn.length() != 9) {
      return false;
    }
    int sum = 0;
    for (int i = 0; i < 8; i++) {
      sum += (9 - i) * (bsn.charAt(i) - '0');
    }
    sum -= bsn.charAt(8) - '0';
    return sum % 11 == 0;
  }

  /** {@code n} distinct valid BSNs from a seeded generator. */
  public static List<String> make(int n, long seed) {
    Random r = new Random(seed);
    List<String> out = new ArrayList<>();
    java.util.Set<String> seen = new java.util.HashSet<>();
    while (out.size() < n) {
      int[] d = new int[9];
      d[0] = 1 + r.nextInt(8);
      int sum = 9 * d[0];
      for (int i = 1; i < 8; i++) {
        d[i] = r.nextInt(10);
        sum += (9 - i) * d[i];
      }
      int last = sum % 11;
      if (last == 10) {
        continue;
      }
      d[8] = last;
      StringBuilder sb = new StringBuilder();
      for (int x : d) {
        sb.append(x);
      }
      String bsn = sb.toString();
      if (!bsn.equals("999999999") && seen.add(bsn)) {
        out.add(bsn);
      }
    }
    return out;
  }
}
