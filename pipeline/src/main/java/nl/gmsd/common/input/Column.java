package nl.gmsd.common.input;

import java.io.Serializable;

/**
 * A column of an input file: its name in the header (compared case-insensitively), its type, and
 * whether it may be empty (then its value is null).
 *
 * @param <T> the type of its values
 */
public record Column<T>(String name, FieldType<T> type, boolean optional) implements Serializable {

  /** A column every row must fill. */
  public static <T> Column<T> required(String name, FieldType<T> type) {
    return new Column<>(name, type, false);
  }

  /** A column that may be empty. */
  public static <T> Column<T> optional(String name, FieldType<T> type) {
    return new Column<>(name, type, true);
  }
}
