package nl.gmsd.common.input;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The description of one input file (SPEC 2, 6, 10, 11): its columns with their types, the keys
 * that must be unique, the codes that must resolve in other files, and the rules between fields
 * of a row. {@link InputFileReader} reads, checks and words every message from it alone, so a new
 * reference file is a description plus tests.
 *
 * <p>Always: UTF-8 (a byte order mark is skipped), LF or CRLF line ends, a header line whose
 * names are the columns in any order (compared case-insensitively, spaces around a name
 * ignored), blank lines (or lines of separators only, as a spreadsheet leaves them) skipped.
 */
public final class InputFile implements Serializable {

  private static final long serialVersionUID = 1L;

  /** A row rule between fields: the problem with the row, or null when it is fine. */
  @FunctionalInterface
  public interface RowCheck extends Serializable {
    String problem(Row row);
  }

  /** A rule between the fields of one row, with the fix to print when it fails. */
  public record Rule(RowCheck check, String fix) implements Serializable {}

  /**
   * A code that must resolve in another file. The check itself is given at reading time (it
   * needs the other file), by {@code name}; {@code target} says where it must resolve.
   */
  public record Reference(String name, Column<?> column, String target) implements Serializable {}

  private final String name;
  private final String purpose;
  private final List<Column<?>> columns;
  private final String separators;
  private final boolean quotes;
  private final boolean showValues;
  private final List<List<Column<?>>> keys;
  private final List<Rule> rules;
  private final List<Reference> references;

  private InputFile(Builder b) {
    this.name = b.name;
    this.purpose = b.purpose;
    this.columns = List.copyOf(b.columns);
    this.separators = b.separators;
    this.quotes = b.quotes;
    this.showValues = b.showValues;
    this.keys = List.copyOf(b.keys);
    this.rules = List.copyOf(b.rules);
    this.references = List.copyOf(b.references);
  }

  public static Builder named(String name) {
    return new Builder(name);
  }

  /** The file's name, as the user knows it (e.g. {@code gemeenten.csv}). */
  public String name() {
    return name;
  }

  /** What the file holds, for a message about a missing file. */
  public String purpose() {
    return purpose;
  }

  public List<Column<?>> columns() {
    return columns;
  }

  /** The separators accepted; the first is the one the messages ask for. */
  public String separators() {
    return separators;
  }

  /** Whether a field may be quoted as a spreadsheet writes it ({@code "a, b"}, {@code ""} for {@code "}). */
  public boolean quotes() {
    return quotes;
  }

  /**
   * Whether messages may show a field's text. False for the population register: its messages
   * name line and column only, never a value (a value may be a BSN).
   */
  public boolean showValues() {
    return showValues;
  }

  public List<List<Column<?>>> keys() {
    return keys;
  }

  public List<Rule> rules() {
    return rules;
  }

  public List<Reference> references() {
    return references;
  }

  /** The header as the messages ask for it, e.g. {@code jaar;gemeentecode;inwoners}. */
  public String header() {
    return columns.stream().map(Column::name).collect(Collectors.joining(String.valueOf(separators.charAt(0))));
  }

  /** The position of a column in the description (not in a file's header). */
  public int indexOf(Column<?> column) {
    int i = columns.indexOf(column);
    if (i < 0) {
      throw new IllegalArgumentException(column.name() + " is not a column of " + name);
    }
    return i;
  }

  /** The column of a header name, or -1. */
  int indexOfName(String headerName) {
    String n = headerName.strip().toLowerCase(Locale.ROOT);
    for (int i = 0; i < columns.size(); i++) {
      if (columns.get(i).name().toLowerCase(Locale.ROOT).equals(n)) {
        return i;
      }
    }
    return -1;
  }

  /** Builds a description. */
  public static final class Builder {
    private final String name;
    private String purpose = "";
    private final List<Column<?>> columns = new ArrayList<>();
    private String separators = ";";
    private boolean quotes;
    private boolean showValues = true;
    private final List<List<Column<?>>> keys = new ArrayList<>();
    private final List<Rule> rules = new ArrayList<>();
    private final List<Reference> references = new ArrayList<>();

    private Builder(String name) {
      this.name = name;
    }

    public Builder purpose(String p) {
      this.purpose = p;
      return this;
    }

    public Builder columns(Column<?>... cs) {
      columns.addAll(List.of(cs));
      return this;
    }

    /** Separators accepted, the documented one first (default {@code ;}). */
    public Builder separators(String s) {
      this.separators = s;
      return this;
    }

    /** Fields may be quoted as a spreadsheet writes them. */
    public Builder quotes() {
      this.quotes = true;
      return this;
    }

    /** Messages never show a field's text (the population register). */
    public Builder hideValues() {
      this.showValues = false;
      return this;
    }

    /** Columns whose values together appear in at most one row. */
    public Builder key(Column<?>... cs) {
      keys.add(List.of(cs));
      return this;
    }

    public Builder rule(RowCheck check, String fix) {
      rules.add(new Rule(check, fix));
      return this;
    }

    public Builder reference(String refName, Column<?> column, String target) {
      references.add(new Reference(refName, column, target));
      return this;
    }

    public InputFile build() {
      for (List<Column<?>> k : keys) {
        if (!columns.containsAll(k)) {
          throw new IllegalStateException(name + ": key " + k + " uses columns it does not have");
        }
      }
      return new InputFile(this);
    }
  }
}
