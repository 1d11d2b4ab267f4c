package nl.gmsd.common.input;

/**
 * One checked row of an input file: its physical line number (the header is line 1) and the
 * value of every column of its description. Values of an optional column left empty are null.
 */
public final class Row {

  private final InputFile file;
  private final int line;
  private final String[] texts;
  private final Object[] values;

  Row(InputFile file, int line, String[] texts, Object[] values) {
    this.file = file;
    this.line = line;
    this.texts = texts;
    this.values = values;
  }

  public int line() {
    return line;
  }

  /** The checked value of a column. */
  @SuppressWarnings("unchecked")
  public <T> T get(Column<T> column) {
    return (T) values[file.indexOf(column)];
  }

  /** The column's text as written (after unquoting). */
  public String text(Column<?> column) {
    return texts[file.indexOf(column)];
  }
}
