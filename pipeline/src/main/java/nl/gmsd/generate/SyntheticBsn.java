package nl.gmsd.generate;

/**
 * Synthetic BSNs for generated persons.
 *
 * <p>The numbers are made up: they are a keyed pseudo-random permutation of an index, not drawn
 * from any register, and any overlap with a real person's BSN is chance. Every number passes the
 * 11-test, starts with a non-zero digit (so it is never {@code 000000000}) and is never
 * {@code 999999999} (which fails the 11-test). Distinct indexes give distinct numbers, so a run
 * numbers its persons 0, 1, 2, ... across all gemeenten and gets unique BSNs without keeping a
 * set of them.
 *
 * <p>Construction: the space of valid numbers is enumerated as (first seven digits 1000000 to
 * 9999999) x (the first nine eighth digits that leave a check digit 0-9), 81 million numbers. A
 * four-round Feistel network over 28 bits, keyed by the seed, with cycle walking, permutes that
 * space.
 */
public final class SyntheticBsn {

  /** The number of distinct BSNs this generator can give. */
  public static final long CAPACITY = 9_000_000L * 9;

  private static final int HALF_BITS = 14;
  private static final int HALF_MASK = (1 << HALF_BITS) - 1;
  private static final int ROUNDS = 4;

  private final long[] roundKeys = new long[ROUNDS];

  public SyntheticBsn(long seed) {
    long k = seed ^ 0x5DEECE66DL;
    for (int i = 0; i < ROUNDS; i++) {
      k = Seeds.mix(k + 0x9E3779B97F4A7C15L * (i + 1));
      roundKeys[i] = k;
    }
  }

  /** The BSN of person {@code index} (0 &le; index &lt; {@link #CAPACITY}), as a number. */
  public int bsn(long index) {
    if (index < 0 || index >= CAPACITY) {
      throw new IllegalArgumentException("person index out of range: " + index);
    }
    long v = index;
    do {
      v = permute(v);
    } while (v >= CAPACITY); // cycle walking keeps the permutation inside the valid space
    int prefix7 = 1_000_000 + (int) (v / 9);
    int choice = (int) (v % 9);
    int sum7 = weightedSum7(prefix7);
    int seen = 0;
    for (int d8 = 0; d8 <= 9; d8++) {
      int check = (sum7 + 2 * d8) % 11;
      if (check <= 9) {
        if (seen == choice) {
          return (prefix7 * 10 + d8) * 10 + check;
        }
        seen++;
      }
    }
    throw new IllegalStateException("no eighth digit"); // at most one of ten digits is invalid
  }

  private long permute(long v) {
    int left = (int) (v >>> HALF_BITS) & HALF_MASK;
    int right = (int) v & HALF_MASK;
    for (int i = 0; i < ROUNDS; i++) {
      int f = (int) Seeds.mix(roundKeys[i] ^ right) & HALF_MASK;
      int next = left ^ f;
      left = right;
      right = next;
    }
    return ((long) left << HALF_BITS) | right;
  }

  private static int weightedSum7(int prefix7) {
    int sum = 0;
    int p = prefix7;
    for (int weight = 3; weight <= 9; weight++) {
      sum += weight * (p % 10);
      p /= 10;
    }
    return sum;
  }

  /** The 11-test of SPEC 3: 9*d1+8*d2+...+2*d8-d9 = 0 (mod 11), for 9 ASCII digits. */
  public static boolean passesElevenTest(String bsn) {
    if (bsn == null || bsn.length() != 9) {
      return false;
    }
    int sum = 0;
    for (int i = 0; i < 9; i++) {
      char c = bsn.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
      int d = c - '0';
      sum += i < 8 ? (9 - i) * d : -d;
    }
    return Math.floorMod(sum, 11) == 0;
  }

  /** Nine digits with leading zeros. */
  public static String format(int bsn) {
    String s = Integer.toString(bsn);
    return s.length() >= 9 ? s : "000000000".substring(s.length()) + s;
  }
}
