package nl.gmsd.pseudonymise;

import java.io.Serializable;
import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.ShortBufferException;
import javax.crypto.spec.SecretKeySpec;

/**
 * Replaces a BSN by its pseudonym (SPEC 5): the lowercase hex HMAC-SHA-256 of the BSN's 9 ASCII
 * digits under the run's {@link PseudonymKey}. Equal BSNs get equal pseudonyms within a run, so
 * deliveries and personen.csv still join; without the key a pseudonym cannot be traced back.
 *
 * <p>Serializable for a Beam DoFn; the {@link Mac} is made lazily, one per thread, because a Mac
 * is not thread-safe and not serializable. Hot path (18 million persons): no allocation beyond the
 * result string.
 */
public final class Pseudonymiser implements Serializable {

  private static final long serialVersionUID = 1L;

  private static final String ALGORITHM = "HmacSHA256";

  /** BSN 999999999: an unknown person, who gets no pseudonym and is never a client. */
  public static final String UNKNOWN_BSN = "999999999";

  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private final PseudonymKey key;
  private transient volatile ThreadLocal<State> state;

  public Pseudonymiser(PseudonymKey key) {
    if (key == null) {
      throw new IllegalArgumentException("a pseudonym key is needed");
    }
    this.key = key;
  }

  /**
   * The pseudonym of {@code bsn} (9 ASCII digits): 64 lowercase hex characters, or null for
   * {@value #UNKNOWN_BSN}. Throws IllegalArgumentException, without the value, for anything that
   * is not 9 digits. The 11-test is the technical check's business, not this one's.
   */
  public String pseudonym(String bsn) {
    if (!isNineDigits(bsn)) {
      throw new IllegalArgumentException("not a BSN: a BSN has 9 digits");
    }
    if (bsn.equals(UNKNOWN_BSN)) {
      return null;
    }
    State s = state();
    for (int i = 0; i < 9; i++) {
      s.input[i] = (byte) bsn.charAt(i);
    }
    s.mac.update(s.input, 0, 9);
    try {
      s.mac.doFinal(s.digest, 0);
    } catch (ShortBufferException e) {
      throw new IllegalStateException(e); // cannot happen: the buffer has the digest's size
    }
    return hex(s.digest, s.hex);
  }

  static boolean isNineDigits(String s) {
    if (s == null || s.length() != 9) {
      return false;
    }
    for (int i = 0; i < 9; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  /** Lowercase hex of {@code bytes}, written through {@code out} (twice as long). */
  static String hex(byte[] bytes, char[] out) {
    for (int i = 0; i < bytes.length; i++) {
      out[2 * i] = HEX[(bytes[i] >> 4) & 0xf];
      out[2 * i + 1] = HEX[bytes[i] & 0xf];
    }
    return new String(out, 0, 2 * bytes.length);
  }

  private State state() {
    ThreadLocal<State> local = state;
    if (local == null) {
      synchronized (this) {
        if (state == null) {
          state = ThreadLocal.withInitial(() -> new State(key));
        }
        local = state;
      }
    }
    return local.get();
  }

  /** One thread's Mac and buffers. */
  private static final class State {
    final Mac mac;
    final byte[] input = new byte[9];
    final byte[] digest;
    final char[] hex;

    State(PseudonymKey key) {
      try {
        mac = Mac.getInstance(ALGORITHM);
        byte[] k = key.bytes();
        mac.init(new SecretKeySpec(k, ALGORITHM));
        java.util.Arrays.fill(k, (byte) 0);
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("HmacSHA256 is not available in this Java runtime", e);
      }
      digest = new byte[mac.getMacLength()];
      hex = new char[2 * digest.length];
    }
  }

  @Override
  public String toString() {
    return "Pseudonymiser[" + key + "]";
  }
}
