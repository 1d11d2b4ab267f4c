package nl.gmsd.join;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Map;
import nl.gmsd.common.StringHash;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.Coder;

/**
 * The pseudonyms of all clients as a Bloom filter: bit sets that never say "no" to a pseudonym that
 * was added and say "yes" to one that was not only rarely. The join uses it to drop the register
 * rows of persons who are no client before the shuffle (at national scale about 16 of the 18
 * million rows), which cannot change the result: a dropped row had no arrangement to join.
 *
 * <p>The filter is {@link #SHARDS} independent {@link Shard}s, each pseudonym in one of them, so
 * that the pieces built in parallel stay small: an engine's shuffle limits one record's size (Flink's
 * sort buffer takes about 1.75 MB), and one 4 MiB bit set would not pass it.
 *
 * <p>Plain Java, so it is tested without Beam; {@link Shard#coder()} carries a shard between stages.
 * The hash is {@link StringHash}: the pseudonyms are already uniform, so it only has to be cheap
 * and spread every character, not resist an attacker.
 */
public final class ClientPseudonyms {

  /** Number of shards (a power of two); a pseudonym's shard is the top bits of its hash. */
  public static final int SHARDS = 32;

  /**
   * Bits per shard (128 KiB), 4 MiB in all. With {@link #HASHES} bits per pseudonym this keeps false
   * "yes" answers near 0.03% for 1.5 million clients (scale 1.0) and about 4% for 5 million; more
   * clients only let more non-clients through to the join, never fewer clients.
   */
  public static final int SHARD_BITS = 1 << 20;

  /** Bits set per pseudonym. */
  public static final int HASHES = 5;

  private static final int SHARD_SHIFT = 64 - Integer.numberOfTrailingZeros(SHARDS);

  private final Shard[] shards;

  private ClientPseudonyms(Shard[] shards) {
    this.shards = shards;
  }

  /** The filter made of {@code shards} by their {@link #shardOf} index; a shard missing holds no pseudonym. */
  public static ClientPseudonyms of(Map<Integer, Shard> shards) {
    Shard[] all = new Shard[SHARDS];
    for (Map.Entry<Integer, Shard> e : shards.entrySet()) {
      if (e.getKey() < 0 || e.getKey() >= SHARDS) {
        throw new IllegalArgumentException("no shard " + e.getKey() + ": there are " + SHARDS);
      }
      all[e.getKey()] = e.getValue();
    }
    return new ClientPseudonyms(all);
  }

  /** An empty filter of {@code shardBits} bits per shard, to add pseudonyms to one by one. */
  public static ClientPseudonyms empty(int shardBits) {
    Shard[] all = new Shard[SHARDS];
    for (int i = 0; i < SHARDS; i++) {
      all[i] = Shard.empty(shardBits);
    }
    return new ClientPseudonyms(all);
  }

  /** The 64-bit hash everything here works on: computed once per pseudonym. */
  public static long hash(String pseudonym) {
    return StringHash.of(pseudonym);
  }

  /** The shard a pseudonym of this {@link #hash} belongs in. */
  public static int shardOf(long hash) {
    return (int) (hash >>> SHARD_SHIFT);
  }

  /** The shard {@code pseudonym} belongs in. */
  public static int shardOf(String pseudonym) {
    return shardOf(hash(pseudonym));
  }

  public void add(String pseudonym) {
    long hash = hash(pseudonym);
    Shard shard = shards[shardOf(hash)];
    if (shard == null) {
      throw new IllegalStateException("shard " + shardOf(hash) + " is missing: a filter assembled by of() is read-only there");
    }
    shard.add(hash);
  }

  /** False only if {@code pseudonym} was never added. */
  public boolean mightContain(String pseudonym) {
    long hash = hash(pseudonym);
    Shard shard = shards[shardOf(hash)];
    return shard != null && shard.mightContain(hash);
  }

  /** Share of bits set over all shards: about its {@link #HASHES}th power is the false "yes" rate. */
  public double fillRatio() {
    long set = 0;
    long bits = 0;
    for (Shard s : shards) {
      if (s != null) {
        set += s.bitsSet();
        bits += s.bits();
      }
    }
    return bits == 0 ? 0.0 : (double) set / bits;
  }

  /**
   * One shard's bit set, for the pseudonyms of one {@link #shardOf} index. It does not know its
   * index (a combiner that builds it sees the pseudonyms, not the key), so it takes any pseudonym.
   */
  public static final class Shard {
    private final long[] words;
    private final long mask;

    private Shard(long[] words) {
      if (words.length == 0 || Integer.bitCount(words.length) != 1) {
        throw new IllegalArgumentException("a shard has a power of two of at least 64 bits, not " + 64L * words.length);
      }
      this.words = words;
      this.mask = (long) words.length * 64 - 1;
    }

    /** An empty shard of {@code bits} bits, a power of two of at least 64. */
    public static Shard empty(int bits) {
      if (bits < 64 || Integer.bitCount(bits) != 1) {
        throw new IllegalArgumentException("a shard has a power of two of at least 64 bits, not " + bits);
      }
      return new Shard(new long[bits / 64]);
    }

    public static Shard empty() {
      return empty(SHARD_BITS);
    }

    public int bits() {
      return words.length * 64;
    }

    long bitsSet() {
      long set = 0;
      for (long w : words) {
        set += Long.bitCount(w);
      }
      return set;
    }

    public void add(String pseudonym) {
      add(hash(pseudonym));
    }

    /** Adds the pseudonym of this {@link ClientPseudonyms#hash}. */
    public void add(long hash) {
      long step = step(hash);
      for (int i = 0; i < HASHES; i++) {
        long bit = (hash + i * step) & mask;
        words[(int) (bit >>> 6)] |= 1L << bit;
      }
    }

    public boolean mightContain(String pseudonym) {
      return mightContain(hash(pseudonym));
    }

    public boolean mightContain(long hash) {
      long step = step(hash);
      for (int i = 0; i < HASHES; i++) {
        long bit = (hash + i * step) & mask;
        if ((words[(int) (bit >>> 6)] & (1L << bit)) == 0) {
          return false;
        }
      }
      return true;
    }

    /** Adds everything {@code other} (of the same size) holds to this one. */
    public Shard addAll(Shard other) {
      if (other.words.length != words.length) {
        throw new IllegalArgumentException("shards of " + bits() + " and " + other.bits() + " bits cannot be merged");
      }
      for (int i = 0; i < words.length; i++) {
        words[i] |= other.words[i];
      }
      return this;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Shard other && Arrays.equals(words, other.words);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(words);
    }

    public static Coder<Shard> coder() {
      return ShardCoder.INSTANCE;
    }
  }

  /**
   * The distance between a pseudonym's probes (double hashing): a second hash from the first,
   * odd, so the probes differ for every size.
   */
  private static long step(long hash) {
    return StringHash.mix(hash ^ 0x9E3779B97F4A7C15L) | 1;
  }

  /** A shard as its length and words: no Java serialisation for a 128 KiB value. */
  static final class ShardCoder extends AtomicCoder<Shard> {
    static final ShardCoder INSTANCE = new ShardCoder();

    @Override
    public void encode(Shard value, OutputStream out) throws IOException {
      ByteBuffer bytes = ByteBuffer.allocate(4 + 8 * value.words.length);
      bytes.putInt(value.words.length).asLongBuffer().put(value.words);
      out.write(bytes.array());
    }

    @Override
    public Shard decode(InputStream in) throws IOException {
      DataInputStream data = new DataInputStream(in);
      int length = data.readInt();
      if (length <= 0 || Integer.bitCount(length) != 1) {
        throw new IOException("not a client filter shard: " + length + " words");
      }
      byte[] bytes = new byte[8 * length];
      data.readFully(bytes);
      long[] words = new long[length];
      ByteBuffer.wrap(bytes).asLongBuffer().get(words);
      return new Shard(words);
    }

    @Override
    public void verifyDeterministic() {}
  }
}
