package nl.gmsd.pseudonymise;

import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Path;
import java.security.SecureRandom;
import nl.gmsd.common.io.Storage;

/**
 * The secret key of the pseudonyms (SPEC 5): the raw bytes of the key file, not trimmed, at least
 * {@value #MIN_BYTES} bytes. Nothing derived from it leaves the run except the pseudonyms: no
 * accessor, no fingerprint, and {@link #toString()} only says how long it is.
 */
public final class PseudonymKey implements Serializable {

  private static final long serialVersionUID = 1L;

  /** The shortest key accepted: 32 bytes, the output size of SHA-256. */
  public static final int MIN_BYTES = 32;

  private final byte[] bytes;

  private PseudonymKey(byte[] bytes) {
    this.bytes = bytes;
  }

  /**
   * Reads the key file as it is. Throws IllegalArgumentException naming the file (never its
   * content) and saying how to make a key when the file is missing, unreadable or too short.
   */
  public static PseudonymKey read(Path keyFile) {
    return read(keyFile.toString());
  }

  /** {@link #read(Path)} for a location: a local path, or a URI served by Beam's file systems. */
  public static PseudonymKey read(String keyFile) {
    String howTo =
        "make one with: head -c 32 /dev/urandom > " + keyFile
            + " (keep it secret: outside the repository and the output)";
    byte[] bytes;
    try {
      bytes = Storage.readAllBytes(keyFile);
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "cannot read the pseudonym key file " + keyFile + " (" + e.getClass().getSimpleName()
              + "); " + howTo);
    }
    if (bytes.length < MIN_BYTES) {
      throw new IllegalArgumentException(
          "the pseudonym key file " + keyFile + " holds " + bytes.length + " bytes, at least "
              + MIN_BYTES + " are needed; " + howTo);
    }
    return new PseudonymKey(bytes);
  }

  /** A random key that lives only as long as the run: for demos, its pseudonyms never match. */
  public static PseudonymKey throwaway(SecureRandom random) {
    byte[] bytes = new byte[MIN_BYTES];
    random.nextBytes(bytes);
    return new PseudonymKey(bytes);
  }

  /** For {@link Pseudonymiser} only: a copy, so the key itself cannot be changed. */
  byte[] bytes() {
    return bytes.clone();
  }

  @Override
  public String toString() {
    return "PseudonymKey[" + bytes.length + " bytes, redacted]";
  }
}
