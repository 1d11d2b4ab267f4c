package nl.gmsd.intake;

import nl.gmsd.common.input.InputFileException;

/**
 * A defect in the delivery archive's registers ({@code manifest.csv}, {@code withdrawals.csv})
 * that stops the run before anything is written (SPEC 11, "Deliveries"). The message names the
 * file and the line and says how to fix it; it never holds a delivered record's content.
 */
public class ArchiveException extends InputFileException {

  private static final long serialVersionUID = 1L;

  public ArchiveException(String message) {
    super(message);
  }

  public ArchiveException(String message, Throwable cause) {
    super(message, cause);
  }
}
