package nl.gmsd.check;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import nl.gmsd.avro.Finding;

/** Counts one code's occurrences in a file and keeps its first distinct line numbers (bounded). */
final class FindingTally {

  private final String code;
  private final String field;
  private final int[] lines;
  private int lineCount;
  private long count;
  private final TreeSet<String> details = new TreeSet<>();

  FindingTally(String code, String field, int maxLines) {
    this.code = code;
    this.field = field;
    this.lines = new int[maxLines];
  }

  /** One occurrence; {@code line} 0 = no line number (file-level codes without one). */
  void add(int line) {
    count++;
    // Lines arrive in ascending order, so "distinct" means "not the last one kept".
    if (line > 0 && lineCount < lines.length && (lineCount == 0 || lines[lineCount - 1] != line)) {
      lines[lineCount++] = line;
    }
  }

  /** A detail for the message, e.g. a column name or "0844 → 1948"; kept small by its callers. */
  void detail(String d) {
    details.add(d);
  }

  String code() {
    return code;
  }

  long count() {
    return count;
  }

  Finding toFinding(String detailPrefix, String separator) {
    List<Integer> l = new ArrayList<>(lineCount);
    for (int i = 0; i < lineCount; i++) {
      l.add(lines[i]);
    }
    String detail = details.isEmpty() ? null : detailPrefix + String.join(separator, details);
    return Finding.newBuilder()
        .setCode(code)
        .setField(field)
        .setCount(count)
        .setLines(l)
        .setDetail(detail)
        .build();
  }
}
