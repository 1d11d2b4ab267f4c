package nl.gmsd.disclose;

/**
 * The tables could not be made safe: the run must stop. The message says how many cells are
 * still unsafe and never holds a true value of a secret cell.
 */
public class DisclosureException extends RuntimeException {
  public DisclosureException(String message) {
    super(message);
  }
}
