package nl.gmsd.common.input;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The header line of one input file, matched to its description: which separator the file uses
 * and where each described column stands. Turns the following lines into checked {@link Row}s.
 */
public final class Header implements Serializable {

  private static final long serialVersionUID = 1L;

  /** Separators a file may have been written with, to name a wrong one (SPEC 6). */
  private static final String LIKELY_SEPARATORS = ";,\t|";

  private final InputFile file;
  private final char separator;
  private final int[] columnAt; // file position -> description index
  private final int[] positionOf; // description index -> file position

  private Header(InputFile file, char separator, int[] columnAt) {
    this.file = file;
    this.separator = separator;
    this.columnAt = columnAt;
    this.positionOf = new int[file.columns().size()];
    for (int p = 0; p < columnAt.length; p++) {
      positionOf[columnAt[p]] = p;
    }
  }

  /**
   * Matches {@code line} (line 1 without its byte order mark and line end) to the description, or
   * throws naming the separator, or the missing, unknown and repeated columns.
   */
  public static Header of(InputFile file, String shownName, String line) {
    String expected = file.header();
    if (line.isBlank()) {
      throw new InputFileException(shownName + " line 1: the header is empty; make the first line " + expected);
    }
    String accepted = file.separators();
    char best = accepted.charAt(0);
    int bestKnown = -1;
    for (char s : accepted.toCharArray()) {
      int[] at = match(file, split(line, s));
      if (at != null) {
        return new Header(file, s, at);
      }
      int known = known(file, split(line, s));
      if (known > bestKnown) {
        best = s;
        bestKnown = known;
      }
    }
    for (char s : LIKELY_SEPARATORS.toCharArray()) {
      if (accepted.indexOf(s) < 0 && match(file, split(line, s)) != null) {
        throw new InputFileException(shownName + " line 1: the file is separated by " + separatorName(s)
            + " where " + acceptedNames(accepted) + " is expected; save it with " + separatorName(accepted.charAt(0))
            + " as the separator (in Excel: Save As > CSV UTF-8, with ; as the list separator)");
      }
    }
    List<String> names = split(line, best);
    Set<String> seen = new LinkedHashSet<>();
    List<String> unknown = new ArrayList<>();
    List<String> repeated = new ArrayList<>();
    for (String n : names) {
      String key = n.strip().toLowerCase(Locale.ROOT);
      if (file.indexOfName(n) < 0) {
        unknown.add("'" + n.strip() + "'");
      } else if (!seen.add(key)) {
        repeated.add(n.strip());
      }
    }
    List<String> missing = new ArrayList<>();
    for (Column<?> c : file.columns()) {
      if (!seen.contains(c.name().toLowerCase(Locale.ROOT))) {
        missing.add(c.name());
      }
    }
    List<String> parts = new ArrayList<>();
    if (!missing.isEmpty()) {
      parts.add("column" + (missing.size() > 1 ? "s " : " ") + String.join(", ", missing) + " missing");
    }
    if (!unknown.isEmpty()) {
      parts.add("unknown column" + (unknown.size() > 1 ? "s " : " ") + String.join(", ", unknown));
    }
    if (!repeated.isEmpty()) {
      parts.add("column" + (repeated.size() > 1 ? "s " : " ") + String.join(", ", repeated) + " more than once");
    }
    throw new InputFileException(shownName + " line 1: the header does not match the columns of " + file.name()
        + " (" + String.join("; ", parts) + "); make the first line " + expected
        + " (any order, upper or lower case)");
  }

  /** The file position of each described column's name, or null unless they match one to one. */
  private static int[] match(InputFile file, List<String> names) {
    if (names.size() != file.columns().size()) {
      return null;
    }
    int[] at = new int[names.size()];
    boolean[] used = new boolean[names.size()];
    for (int p = 0; p < names.size(); p++) {
      int c = file.indexOfName(names.get(p));
      if (c < 0 || used[c]) {
        return null;
      }
      used[c] = true;
      at[p] = c;
    }
    return at;
  }

  private static int known(InputFile file, List<String> names) {
    int n = 0;
    for (String s : names) {
      if (file.indexOfName(s) >= 0) {
        n++;
      }
    }
    return n;
  }

  /** Splits a header line (never quoted in practice; quotes around a name are dropped). */
  private static List<String> split(String line, char sep) {
    List<String> out = new ArrayList<>();
    for (String s : line.split(java.util.regex.Pattern.quote(String.valueOf(sep)), -1)) {
      String t = s.strip();
      if (t.length() >= 2 && t.startsWith("\"") && t.endsWith("\"")) {
        t = t.substring(1, t.length() - 1);
      }
      out.add(t);
    }
    return out;
  }

  static String separatorName(char s) {
    return switch (s) {
      case ';' -> "';' (semicolon)";
      case ',' -> "',' (comma)";
      case '\t' -> "tabs";
      case '|' -> "'|' (vertical bar)";
      default -> "'" + s + "'";
    };
  }

  private static String acceptedNames(String accepted) {
    List<String> names = new ArrayList<>();
    for (char c : accepted.toCharArray()) {
      names.add(separatorName(c));
    }
    return String.join(" or ", names);
  }

  /** The separator this file uses. */
  public char separator() {
    return separator;
  }

  /** The 0-based position in the file's lines of a described column. */
  public int position(Column<?> column) {
    return positionOf[file.indexOf(column)];
  }

  /** "gemeentecode '0364' (column 2)", or without the text when the file hides values. */
  String describe(Column<?> column, String text) {
    String where = " (column " + (position(column) + 1) + ")";
    return file.showValues() ? column.name() + " '" + text + "'" + where : column.name() + where;
  }

  /**
   * The checked row of line {@code number}, or null when the line is blank or has a defect
   * (then {@code messages} has it).
   */
  Row row(String text, int number, InputFileReader.Messages messages) {
    List<String> fields = fields(text, number, messages);
    if (fields == null) {
      return null;
    }
    int n = file.columns().size();
    String[] texts = new String[n];
    Object[] values = new Object[n];
    boolean ok = true;
    for (int p = 0; p < n; p++) {
      int c = columnAt[p];
      Column<?> col = file.columns().get(c);
      String t = fields.get(p);
      texts[c] = t;
      if (t.isEmpty()) {
        if (!col.optional()) {
          messages.add(number, col.name() + " (column " + (p + 1) + ") is empty; write " + col.type().form());
          ok = false;
        }
        continue;
      }
      Object v = col.type().parse(t);
      if (v == null) {
        messages.add(number, describe(col, t) + " is not " + col.type().what() + "; write " + col.type().form());
        ok = false;
      }
      values[c] = v;
    }
    return ok ? new Row(file, number, texts, values) : null;
  }

  /** The fields of a line, or null when it is blank or cannot be split (then reported). */
  private List<String> fields(String text, int number, InputFileReader.Messages messages) {
    if (text.isBlank()) {
      return null;
    }
    List<String> fields = new ArrayList<>(file.columns().size());
    int i = 0;
    int len = text.length();
    while (true) {
      if (file.quotes() && i < len && text.charAt(i) == '"') {
        StringBuilder sb = new StringBuilder();
        int j = i + 1;
        while (true) {
          if (j >= len) {
            messages.add(number, "a quote (\") opened in field " + (fields.size() + 1) + " is not closed on this line; "
                + "close it, or write the field without quotes");
            return null;
          }
          char c = text.charAt(j);
          if (c == '"') {
            if (j + 1 < len && text.charAt(j + 1) == '"') {
              sb.append('"');
              j += 2;
              continue;
            }
            break;
          }
          sb.append(c);
          j++;
        }
        fields.add(sb.toString());
        i = j + 1;
        if (i < len && text.charAt(i) != separator) {
          messages.add(number, "text follows the closing quote of field " + fields.size()
              + "; put the whole field in quotes, or none of it");
          return null;
        }
      } else {
        int j = text.indexOf(separator, i);
        int end = j < 0 ? len : j;
        fields.add(text.substring(i, end));
        i = end;
      }
      if (i >= len) {
        break;
      }
      i++; // the separator
      if (i == len) {
        fields.add("");
        break;
      }
    }
    if (fields.stream().allMatch(String::isBlank)) {
      return null; // a spreadsheet's empty row, separators only
    }
    int n = file.columns().size();
    if (fields.size() != n) {
      messages.add(number, fields.size() + " fields where " + n + " are expected; write " + file.header()
          + ", separated by " + separatorName(separator)
          + (file.quotes() ? " (a field holding " + separatorName(separator) + " in quotes)" : " with none inside a field"));
      return null;
    }
    return fields;
  }
}
