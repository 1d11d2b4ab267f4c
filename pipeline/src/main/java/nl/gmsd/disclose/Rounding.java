package nl.gmsd.disclose;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import nl.gmsd.common.TableLayout.Cell;

/** Rounding of a count at or above minCount to a multiple of the rounding base (SPEC 8). */
final class Rounding {

  private Rounding() {}

  /**
   * Nearest (halves up) or random rounding of {@code x >= minCount}. The random draw is seeded by
   * the cell key (period, region code, dimension, category, measure), so reruns agree.
   */
  static long round(long x, DisclosureSettings s, String period, String regionCode, Cell cell) {
    long b = s.roundingBase();
    if (s.roundingMode() == DisclosureSettings.RoundingMode.NEAREST) {
      return Math.floorDiv(x + b / 2, b) * b;
    }
    long down = Math.floorDiv(x, b) * b;
    long rest = x - down;
    if (rest == 0) {
      return x;
    }
    String key = period + "|" + regionCode + "|" + cell.dimension() + "|" + cell.category() + "|" + cell.measure();
    boolean up = new SplittableRandom(fnv1a(key)).nextLong(b) < rest;
    long r = up ? down + b : down;
    return r < s.minCount() ? down + b : r;
  }

  /** 64-bit FNV-1a hash of the UTF-8 bytes: a stable seed, unlike String.hashCode's 32 bits. */
  static long fnv1a(String s) {
    long h = 0xcbf29ce484222325L;
    for (byte by : s.getBytes(StandardCharsets.UTF_8)) {
      h ^= by & 0xff;
      h *= 0x100000001b3L;
    }
    return h;
  }
}
