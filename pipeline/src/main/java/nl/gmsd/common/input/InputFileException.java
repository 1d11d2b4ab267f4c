package nl.gmsd.common.input;

/**
 * An input file the run cannot use, found before anything is written (SPEC 6, 11): the message
 * names the file, the line and, where there is one, the column, the cause and the fix. It never
 * holds a BSN or a field of {@code personen.csv}.
 */
public class InputFileException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public InputFileException(String message) {
    super(message);
  }

  public InputFileException(String message, Throwable cause) {
    super(message, cause);
  }
}
