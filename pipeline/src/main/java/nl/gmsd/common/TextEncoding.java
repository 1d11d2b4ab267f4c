package nl.gmsd.common;

/**
 * What a file that is not valid UTF-8 most likely is, so that a message can say which encoding
 * was found and how to save the file instead (SPEC 4 F05, SPEC 6). A guess from the bytes only:
 * it is never used to read the file, only to word the message.
 */
public final class TextEncoding {

  /** The kinds of non-UTF-8 content a message distinguishes. */
  public enum Guess {
    /** UTF-16 (a byte order mark, or every other byte NUL): "Unicode text" in Excel and Notepad. */
    UTF_16,
    /** Windows-1252 / ISO-8859-1 ("ANSI"): Excel's plain "CSV" on Windows; é is one byte. */
    WINDOWS_1252,
    /** A zip container, such as an .xlsx workbook saved under a .csv name. */
    ZIP,
    /** Anything else: control characters or NUL bytes, not a text file. */
    BINARY
  }

  private TextEncoding() {}

  /**
   * Guesses from {@code head} (the first bytes of the file, up to a few kilobytes) and
   * {@code around} (bytes from the first invalid one on, may be empty).
   */
  public static Guess guess(byte[] head, int headLength, byte[] around, int aroundLength) {
    if (headLength >= 2) {
      int b0 = head[0] & 0xFF;
      int b1 = head[1] & 0xFF;
      if ((b0 == 0xFF && b1 == 0xFE) || (b0 == 0xFE && b1 == 0xFF)) {
        return Guess.UTF_16;
      }
      if (b0 == 'P' && b1 == 'K' && headLength >= 4 && head[2] == 3 && head[3] == 4) {
        return Guess.ZIP;
      }
    }
    if (looksLikeUtf16(head, headLength)) {
      return Guess.UTF_16;
    }
    if (isSingleByteText(head, headLength) && isSingleByteText(around, aroundLength)) {
      return Guess.WINDOWS_1252;
    }
    return Guess.BINARY;
  }

  /** Convenience for a whole file (or its first part) held in memory. */
  public static Guess guess(byte[] bytes) {
    int n = Math.min(bytes.length, 8192);
    return guess(bytes, n, new byte[0], 0);
  }

  /** Most bytes at even (or odd) positions NUL, and ASCII between them: UTF-16 without a BOM. */
  private static boolean looksLikeUtf16(byte[] b, int n) {
    if (n < 8) {
      return false;
    }
    int evenNul = 0;
    int oddNul = 0;
    for (int i = 0; i + 1 < n; i += 2) {
      if (b[i] == 0) {
        evenNul++;
      }
      if (b[i + 1] == 0) {
        oddNul++;
      }
    }
    int pairs = n / 2;
    return Math.max(evenNul, oddNul) * 10 >= pairs * 8 && Math.min(evenNul, oddNul) * 10 <= pairs;
  }

  /**
   * Text in a single-byte code page: no NUL or other control characters but tab, CR and LF, and
   * no byte that Windows-1252 leaves undefined (0x81, 0x8D, 0x8F, 0x90, 0x9D).
   */
  private static boolean isSingleByteText(byte[] b, int n) {
    for (int i = 0; i < n; i++) {
      int c = b[i] & 0xFF;
      if (c < 0x20 && c != '\t' && c != '\r' && c != '\n') {
        return false;
      }
      if (c == 0x7F || c == 0x81 || c == 0x8D || c == 0x8F || c == 0x90 || c == 0x9D) {
        return false;
      }
    }
    return true;
  }
}
