package nl.gmsd.pseudonymise;

import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import nl.gmsd.common.ReferenceFiles.Personen;
import nl.gmsd.common.input.Header;
import nl.gmsd.common.input.InputFileException;
import nl.gmsd.common.input.InputPaths;
import nl.gmsd.common.io.Storage;

/**
 * The population register extract {@code personen.csv} as the driver sees it before the run: its
 * header checked by the description (separator, columns by name, in any order) and its data cut
 * into byte ranges that workers read in parallel. A line belongs to the range its first byte lies
 * in, so every line is read once whatever the cut, and its byte offset names it in a message (the
 * line number is counted from the offset only when there is something to report).
 */
public final class PersonenFile implements Serializable {

  private static final long serialVersionUID = 1L;

  /** [decision] Bytes per range: about 600 000 rows, a few seconds of work each. */
  static final long RANGE_BYTES = 32L << 20;

  /** One piece of the data: the lines whose first byte lies in [start, end). */
  public record Range(int index, long start, long end) implements Serializable {}

  private final String path;
  private final Header header;
  private final long dataStart;
  private final List<Range> ranges;

  private PersonenFile(String path, Header header, long dataStart, List<Range> ranges) {
    this.path = path;
    this.header = header;
    this.dataStart = dataStart;
    this.ranges = ranges;
  }

  /** Checks the file's header and cuts its data into ranges of {@code rangeBytes}. */
  public static PersonenFile open(Path file, long rangeBytes) {
    return open(file.toString(), rangeBytes);
  }

  /**
   * {@link #open(Path, long)} for a location: a local path, or a URI served by Beam's file
   * systems ({@link Storage}); only the header is read here, the rest by the workers.
   */
  public static PersonenFile open(String file, long rangeBytes) {
    String fixIfMissing = "add it to the reference folder, header " + Personen.FILE.header();
    if (Storage.isLocal(file)) {
      InputPaths.requireFile(Path.of(file), "the population register extract", fixIfMissing);
    } else {
      Storage.Kind kind;
      try {
        kind = Storage.kind(file);
      } catch (IOException e) {
        throw new UncheckedIOException(file + ": cannot be read", e);
      }
      if (kind != Storage.Kind.FILE) {
        throw new InputFileException(file + (kind == Storage.Kind.MISSING ? " does not exist" : " is a folder")
            + " (the population register extract): " + fixIfMissing);
      }
    }
    byte[] head;
    long size;
    try (InputStream in = Storage.open(file)) {
      head = in.readNBytes(PersonRows.MAX_LINE_BYTES);
      size = Storage.size(file);
    } catch (IOException e) {
      throw new UncheckedIOException(file + ": cannot be read", e);
    }
    int from = head.length >= 3 && (head[0] & 0xFF) == 0xEF && (head[1] & 0xFF) == 0xBB && (head[2] & 0xFF) == 0xBF ? 3 : 0;
    int nl = from;
    while (nl < head.length && head[nl] != '\n') {
      nl++;
    }
    if (head.length == 0) {
      throw new InputFileException(file + " is empty: its first line must be the header " + Personen.FILE.header());
    }
    if (nl == head.length && size > head.length) {
      throw new InputFileException(file + " line 1: the header is longer than " + PersonRows.MAX_LINE_BYTES
          + " bytes; make the first line " + Personen.FILE.header());
    }
    int textEnd = nl > from && head[nl - 1] == '\r' ? nl - 1 : nl;
    String line;
    try {
      line = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(head, from, textEnd - from)).toString();
    } catch (CharacterCodingException e) {
      throw new InputFileException(file + " line 1: not valid UTF-8; save it as UTF-8 text");
    }
    Header header = Header.of(Personen.FILE, file, line);
    long dataStart = Math.min(size, nl + 1L);
    List<Range> ranges = new ArrayList<>();
    for (long s = dataStart; s < size; s += rangeBytes) {
      ranges.add(new Range(ranges.size(), s, Math.min(size, s + rangeBytes)));
    }
    return new PersonenFile(file, header, dataStart, List.copyOf(ranges));
  }

  public static PersonenFile open(Path file) {
    return open(file, RANGE_BYTES);
  }

  public static PersonenFile open(String file) {
    return open(file, RANGE_BYTES);
  }

  public String path() {
    return path;
  }

  public Header header() {
    return header;
  }

  /** The offset of the first data line (after the header). */
  public long dataStart() {
    return dataStart;
  }

  public List<Range> ranges() {
    return ranges;
  }
}
