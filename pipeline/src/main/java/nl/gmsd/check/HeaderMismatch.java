package nl.gmsd.check;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Why a header line is not the protocol's (F07), in words a coordinator can act on (issue 14): a
 * wrong separator, the right columns in another order, or which columns are missing, unknown or
 * repeated. With a wrong separator or another order every record would only repeat the same
 * mistake (R01 on every line, or a wrong code in every field), so the records are then counted
 * but not checked.
 *
 * <p>Privacy: a name from the file is shown only when it looks like a column name (letters,
 * digits after a letter, {@code _}, spaces; at most 40 characters), so a data line taken for the
 * header never puts a BSN into a report.
 */
final class HeaderMismatch {

  /** What kind of mismatch. */
  enum Kind { WRONG_SEPARATOR, OTHER_ORDER, COLUMNS, NO_NAMES }

  private static final String OTHER_SEPARATORS = ",\t|";
  private static final Pattern COLUMN_LIKE = Pattern.compile("[A-Za-z][A-Za-z0-9_ ]{0,39}");
  private static final int MAX_SHOWN = 5;

  private final Kind kind;
  private final String detail;

  private HeaderMismatch(Kind kind, String detail) {
    this.kind = kind;
    this.detail = detail;
  }

  Kind kind() {
    return kind;
  }

  /** The Dutch detail of the F07 finding. */
  String detail() {
    return detail;
  }

  /** Whether the records are left unchecked: every one would repeat the header's mistake. */
  boolean recordsUnchecked() {
    return kind == Kind.WRONG_SEPARATOR || kind == Kind.OTHER_ORDER;
  }

  /** Analyses a header line that is not {@code expected} (names compared case-insensitively). */
  static HeaderMismatch of(String line, List<String> expected, char separator, Protocol protocol) {
    List<String> names = split(line, separator);
    int known = known(names, expected);
    for (char s : OTHER_SEPARATORS.toCharArray()) {
      List<String> other = split(line, s);
      if (known(other, expected) > known && known(other, expected) * 2 >= expected.size()) {
        return new HeaderMismatch(Kind.WRONG_SEPARATOR,
            protocol.setting("detail.header.separator").replace("{0}", separatorName(s, protocol)));
      }
    }
    if (known == 0) {
      return new HeaderMismatch(Kind.NO_NAMES, protocol.setting("detail.header.noNames"));
    }
    List<String> lower = names.stream().map(n -> n.toLowerCase(Locale.ROOT)).toList();
    List<String> expectedLower = expected.stream().map(n -> n.toLowerCase(Locale.ROOT)).toList();
    if (lower.size() == expectedLower.size() && lower.containsAll(expectedLower)
        && new LinkedHashSet<>(lower).size() == lower.size()) {
      return new HeaderMismatch(Kind.OTHER_ORDER, protocol.setting("detail.header.order"));
    }
    List<String> missing = new ArrayList<>();
    for (String e : expected) {
      if (!lower.contains(e.toLowerCase(Locale.ROOT))) {
        missing.add(e);
      }
    }
    List<String> unknown = new ArrayList<>();
    int unshown = 0;
    Set<String> seen = new LinkedHashSet<>();
    List<String> repeated = new ArrayList<>();
    for (String n : names) {
      String l = n.toLowerCase(Locale.ROOT);
      if (!expectedLower.contains(l)) {
        if (COLUMN_LIKE.matcher(n).matches()) {
          unknown.add(n);
        } else {
          unshown++;
        }
      } else if (!seen.add(l) && !repeated.contains(n.toUpperCase(Locale.ROOT))) {
        repeated.add(n.toUpperCase(Locale.ROOT));
      }
    }
    List<String> parts = new ArrayList<>();
    if (!missing.isEmpty()) {
      parts.add(protocol.setting("detail.header.missing").replace("{0}", list(missing)));
    }
    if (!unknown.isEmpty() || unshown > 0) {
      String shown = list(unknown);
      if (unshown > 0) {
        shown += (shown.isEmpty() ? "" : " en ") + protocol.setting("detail.header.unshown").replace("{0}", String.valueOf(unshown));
      }
      parts.add(protocol.setting("detail.header.unknown").replace("{0}", shown));
    }
    if (!repeated.isEmpty()) {
      parts.add(protocol.setting("detail.header.repeated").replace("{0}", list(repeated)));
    }
    return new HeaderMismatch(Kind.COLUMNS, String.join("; ", parts));
  }

  private static String list(List<String> names) {
    List<String> shown = names.subList(0, Math.min(MAX_SHOWN, names.size()));
    String s = String.join(", ", shown);
    return names.size() > MAX_SHOWN ? s + " en " + (names.size() - MAX_SHOWN) + " meer" : s;
  }

  private static String separatorName(char s, Protocol protocol) {
    return protocol.setting("detail.separator." + switch (s) {
      case ',' -> "comma";
      case '\t' -> "tab";
      default -> "bar";
    });
  }

  private static List<String> split(String line, char sep) {
    return List.of(line.split(Pattern.quote(String.valueOf(sep)), -1));
  }

  private static int known(List<String> names, List<String> expected) {
    int n = 0;
    for (String name : names) {
      for (String e : expected) {
        if (e.equalsIgnoreCase(name)) {
          n++;
          break;
        }
      }
    }
    return n;
  }
}
