package nl.gmsd.pseudonymise;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import nl.gmsd.common.io.Storage;

/**
 * The lines of a byte range of {@code personen.csv} with the offset each starts at: every line
 * whose first byte lies in [start, end), the last one read to its end even past {@code end}. A line
 * is held up to {@link PersonRows#MAX_LINE_BYTES} and decoded as strict UTF-8 (ASCII, the usual
 * case, without a decoder); otherwise it comes with a {@link PersonRows.Defect} instead of text.
 */
final class PersonenLines implements Closeable {

  private final SeekableByteChannel channel;
  private final long end;
  private final ByteBuffer buffer;
  private long bufferOffset; // file offset of buffer position 0
  private boolean eof;
  private byte[] line = new byte[256];
  private int lineLength;
  private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
      .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);

  private long offset;
  private String text;
  private PersonRows.Defect defect;

  /**
   * Opens the range [start, end) of {@code file}; {@code firstLineStarts} says that a line starts
   * at {@code start} (the first range, after the header). Otherwise the line that began before
   * {@code start} belongs to the range before, and is skipped.
   */
  PersonenLines(Path file, long start, long end, boolean firstLineStarts) throws IOException {
    this(file.toString(), start, end, firstLineStarts);
  }

  /**
   * {@link #PersonenLines(Path, long, long, boolean)} for a location: a local path keeps its
   * {@code FileChannel}; a URI is read through the seekable channel of Beam's file system.
   */
  PersonenLines(String file, long start, long end, boolean firstLineStarts) throws IOException {
    this.channel = Storage.openSeekable(file);
    this.end = end;
    // 1 MiB for the job's ranges of 32 MiB; less for small ones (tests cut files into many).
    this.buffer = ByteBuffer.allocate((int) Math.max(8192, Math.min(1 << 20, end - start + 1024)));
    long from = start;
    if (!firstLineStarts && start > 0) {
      from = start - 1; // a line starts at start exactly when the byte before it ends one
    }
    channel.position(from);
    bufferOffset = from;
    buffer.limit(0);
    if (from < start) {
      skipToNextLine();
    }
  }

  /** Moves past the next LF (the rest of a line that belongs to the range before). */
  private void skipToNextLine() throws IOException {
    while (true) {
      if (!buffer.hasRemaining() && !fill()) {
        return;
      }
      byte b = buffer.get();
      if (b == '\n') {
        return;
      }
    }
  }

  private boolean fill() throws IOException {
    if (eof) {
      return false;
    }
    bufferOffset += buffer.limit();
    buffer.clear();
    int n;
    do {
      n = channel.read(buffer);
    } while (n == 0);
    buffer.flip();
    if (n < 0) {
      eof = true;
      return false;
    }
    return true;
  }

  private long position() {
    return bufferOffset + buffer.position();
  }

  /** Reads the next line of the range; false when there is none. */
  boolean next() throws IOException {
    if (!buffer.hasRemaining() && !fill()) {
      return false;
    }
    offset = position();
    if (offset >= end) {
      return false;
    }
    lineLength = 0;
    boolean tooLong = false;
    while (true) {
      if (!buffer.hasRemaining() && !fill()) {
        break;
      }
      byte b = buffer.get();
      if (b == '\n') {
        break;
      }
      if (lineLength == line.length) {
        if (lineLength >= PersonRows.MAX_LINE_BYTES) {
          tooLong = true;
          continue;
        }
        line = Arrays.copyOf(line, Math.min(PersonRows.MAX_LINE_BYTES, line.length * 2));
      }
      line[lineLength++] = b;
    }
    text = null;
    defect = null;
    if (tooLong) {
      defect = PersonRows.Defect.TOO_LONG;
      return true;
    }
    boolean ascii = true;
    for (int i = 0; i < lineLength && ascii; i++) {
      ascii = line[i] >= 0;
    }
    if (ascii) {
      text = new String(line, 0, lineLength, StandardCharsets.ISO_8859_1);
    } else {
      try {
        CharBuffer chars = decoder.reset().decode(ByteBuffer.wrap(line, 0, lineLength));
        text = chars.toString();
      } catch (CharacterCodingException e) {
        defect = PersonRows.Defect.NOT_UTF8;
      }
    }
    return true;
  }

  /** The offset of the current line's first byte. */
  long offset() {
    return offset;
  }

  /** The current line's text (a final CR kept), or null when it has a {@link #defect()}. */
  String text() {
    return text;
  }

  PersonRows.Defect defect() {
    return defect;
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }
}
