package nl.gmsd.common.input;

import java.io.Serializable;

/**
 * The type and form of a field of an input file: how a raw text is checked and what it means.
 * Messages are made from {@link #what()} and {@link #form()}: "{@code <column> '<text>' is not
 * <what>; write <form>}".
 *
 * @param <T> the value a valid text stands for
 */
public interface FieldType<T> extends Serializable {

  /** The value of a non-empty text, or null when the text is not of this type. */
  T parse(String text);

  /** What a value of this type is, e.g. "a gemeentecode". */
  String what();

  /** How to write one, e.g. "4 digits, e.g. 0363, or GM0363". */
  String form();
}
