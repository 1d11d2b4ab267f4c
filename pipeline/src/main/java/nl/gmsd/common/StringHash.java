package nl.gmsd.common;

/**
 * A fast 64-bit hash of a string (FNV-1a, finished with MurmurHash3's mixer so every character
 * moves every bit), for shuffle keys and Bloom filters. Not cryptographic and not a pseudonym:
 * the values it hashes are pseudonyms and codes already, and equal hashes are always checked
 * against the full value where it matters.
 */
public final class StringHash {

  private StringHash() {}

  public static long of(CharSequence s) {
    long h = 0xcbf29ce484222325L;
    for (int i = 0; i < s.length(); i++) {
      h ^= s.charAt(i);
      h *= 0x100000001b3L;
    }
    return mix(h);
  }

  /** MurmurHash3's 64-bit finaliser: a bijection that spreads every input bit over the word. */
  public static long mix(long k) {
    k ^= k >>> 33;
    k *= 0xff51afd7ed558ccdL;
    k ^= k >>> 33;
    k *= 0xc4ceb9fe1a85ec53L;
    k ^= k >>> 33;
    return k;
  }
}
