package nl.gmsd.common.input;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import nl.gmsd.common.TextEncoding;

/**
 * Reads an input file by its {@link InputFile} description and checks it as strictly as a
 * delivery (SPEC 6): encoding, separator, header by column name, every field's type and form,
 * the rules between fields, unique keys and codes that must resolve. Every message names the
 * file, the line and, where there is one, the column, the cause and the fix. It reads the whole
 * file and reports up to {@value #MAX_MESSAGES} defects at once, so that one round of fixing
 * can mend them all.
 */
public final class InputFileReader {

  /** How many defects one message lists (the first ones, in line order). */
  public static final int MAX_MESSAGES = 10;

  /** A code that must resolve elsewhere: what is wrong with the row's code, or null when it resolves. */
  @FunctionalInterface
  public interface Resolver {
    String problem(Row row);
  }

  private InputFileReader() {}

  /** Reads a file from disk; {@code what} and {@code fixIfMissing} word the message when it is absent. */
  public static List<Row> read(InputFile file, Path path, Map<String, Resolver> resolvers) {
    InputPaths.requireFile(path, file.name() + ", " + file.purpose(),
        "add it, with the header " + file.header());
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(path);
    } catch (IOException e) {
      throw new UncheckedIOException(path + ": cannot be read", e);
    }
    return read(file, path.toString(), bytes, resolvers);
  }

  /** Reads {@code bytes} as the file {@code shownName} (the path the messages give). */
  public static List<Row> read(InputFile file, String shownName, byte[] bytes, Map<String, Resolver> resolvers) {
    for (InputFile.Reference r : file.references()) {
      if (!resolvers.containsKey(r.name())) {
        throw new IllegalStateException(file.name() + ": no resolver given for " + r.name());
      }
    }
    Messages messages = new Messages(shownName);
    encoding(shownName, bytes);
    List<int[]> lines = lines(bytes);
    if (lines.isEmpty()) {
      throw new InputFileException(shownName + " is empty: its first line must be the header " + file.header());
    }
    int bom = hasUtf8Bom(bytes) ? 3 : 0;
    String headerText = decode(shownName, 1, bytes, lines.get(0)[0] + bom, lines.get(0)[1]);
    Header header = Header.of(file, shownName, headerText);
    List<Row> rows = new ArrayList<>();
    Map<List<Object>, Integer>[] keys = newKeyMaps(file);
    for (int i = 1; i < lines.size(); i++) {
      int number = i + 1;
      String text = decode(shownName, number, bytes, lines.get(i)[0], lines.get(i)[1]);
      Row row = header.row(text, number, messages);
      if (row == null) {
        continue;
      }
      if (!rules(file, header, row, messages) | !keys(file, header, row, keys, messages)) {
        continue;
      }
      for (InputFile.Reference r : file.references()) {
        if (row.get(r.column()) == null) {
          continue;
        }
        String problem = resolvers.get(r.name()).problem(row);
        if (problem != null) {
          messages.add(number, header.describe(r.column(), row.text(r.column())) + " " + problem);
        }
      }
      rows.add(row);
    }
    messages.throwIfAny();
    return rows;
  }

  // ---- encoding and lines ----

  private static void encoding(String shownName, byte[] bytes) {
    int n = Math.min(bytes.length, 8192);
    if (n >= 2 && TextEncoding.guess(bytes, n, new byte[0], 0) == TextEncoding.Guess.UTF_16) {
      throw new InputFileException(shownName + " is UTF-16 text (\"Unicode\"), not UTF-8: save it as UTF-8, "
          + "in Excel with Save As > CSV UTF-8");
    }
  }

  static boolean hasUtf8Bom(byte[] b) {
    return b.length >= 3 && (b[0] & 0xFF) == 0xEF && (b[1] & 0xFF) == 0xBB && (b[2] & 0xFF) == 0xBF;
  }

  /** [start, end) of each physical line, a CR before the LF dropped; a final LF ends no line. */
  private static List<int[]> lines(byte[] bytes) {
    List<int[]> lines = new ArrayList<>();
    int start = 0;
    while (start < bytes.length) {
      int end = start;
      while (end < bytes.length && bytes[end] != '\n') {
        end++;
      }
      int textEnd = end > start && bytes[end - 1] == '\r' ? end - 1 : end;
      lines.add(new int[] {start, textEnd});
      start = end + 1;
    }
    return lines;
  }

  private static String decode(String shownName, int number, byte[] bytes, int from, int to) {
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes, from, Math.max(0, to - from)))
          .toString();
    } catch (CharacterCodingException e) {
      byte[] rest = Arrays.copyOfRange(bytes, from, Math.min(bytes.length, from + 4096));
      TextEncoding.Guess g = TextEncoding.guess(bytes, Math.min(bytes.length, 4096), rest, rest.length);
      String found = switch (g) {
        case WINDOWS_1252 -> "it looks like Windows-1252 (\"ANSI\") text, as Excel's plain CSV writes it";
        case UTF_16 -> "it looks like UTF-16 (\"Unicode\") text";
        case ZIP -> "it looks like a zip file, such as an Excel workbook (.xlsx) renamed to .csv";
        case BINARY -> "it is not a text file";
      };
      throw new InputFileException(shownName + " line " + number + ": not valid UTF-8; " + found
          + ": save it as UTF-8 text, in Excel with Save As > CSV UTF-8");
    }
  }

  // ---- checks of a row ----

  private static boolean rules(InputFile file, Header header, Row row, Messages messages) {
    boolean ok = true;
    for (InputFile.Rule rule : file.rules()) {
      String problem = rule.check().problem(row);
      if (problem != null) {
        messages.add(row.line(), problem + "; " + rule.fix());
        ok = false;
      }
    }
    return ok;
  }

  @SuppressWarnings("unchecked")
  private static Map<List<Object>, Integer>[] newKeyMaps(InputFile file) {
    Map<List<Object>, Integer>[] maps = new Map[file.keys().size()];
    for (int i = 0; i < maps.length; i++) {
      maps[i] = new HashMap<>();
    }
    return maps;
  }

  private static boolean keys(InputFile file, Header header, Row row, Map<List<Object>, Integer>[] maps, Messages messages) {
    boolean ok = true;
    for (int k = 0; k < maps.length; k++) {
      List<Column<?>> key = file.keys().get(k);
      List<Object> values = new ArrayList<>(key.size());
      for (Column<?> c : key) {
        values.add(row.get(c));
      }
      Integer earlier = maps[k].putIfAbsent(values, row.line());
      if (earlier != null) {
        messages.add(row.line(), duplicateKey(file, key, row, earlier));
        ok = false;
      }
    }
    return ok;
  }

  /** "jaar 2025 and gemeentecode 0363 are already on line 4 (one row per ...); keep one of lines 4 and 9". */
  static String duplicateKey(InputFile file, List<Column<?>> key, Row row, int earlier) {
    List<String> names = key.stream().map(Column::name).toList();
    String what;
    if (file.showValues()) {
      List<String> parts = new ArrayList<>();
      for (Column<?> c : key) {
        parts.add(c.name() + " " + row.get(c));
      }
      what = String.join(" and ", parts) + (key.size() == 1 ? " is" : " are") + " already on line " + earlier;
    } else {
      what = "the same " + String.join(" and ", names) + " as line " + earlier;
    }
    return what + " (" + file.name() + " has one row per " + String.join(" and ", names)
        + "); keep one of lines " + earlier + " and " + row.line();
  }

  /** Up to {@value #MAX_MESSAGES} defects, then a count. */
  static final class Messages {
    private final String shownName;
    private final List<String> kept = new ArrayList<>();
    private long count;

    Messages(String shownName) {
      this.shownName = shownName;
    }

    void add(int line, String text) {
      count++;
      if (kept.size() < MAX_MESSAGES) {
        kept.add(shownName + " line " + line + ": " + text + ".");
      }
    }

    void throwIfAny() {
      if (count == 0) {
        return;
      }
      StringBuilder sb = new StringBuilder(String.join("\n", kept));
      if (count > kept.size()) {
        sb.append("\n").append(shownName).append(": ").append(count - kept.size())
            .append(" more defect(s) like these; the first ").append(kept.size()).append(" are shown");
      }
      throw new InputFileException(sb.toString());
    }
  }
}
