package nl.gmsd.generate;

/** Derived seeds: every random stream is a pure function of the run seed and a name. */
final class Seeds {
  private Seeds() {}

  /** SplitMix64's finaliser: a bijective, well-mixing 64-bit hash. */
  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** The seed of stream {@code purpose} for gemeente {@code code} under run seed {@code seed}. */
  static long of(long seed, String purpose, String code) {
    long h = mix(seed);
    for (char c : (purpose + "/" + code).toCharArray()) {
      h = mix(h ^ c);
    }
    return h;
  }
}
