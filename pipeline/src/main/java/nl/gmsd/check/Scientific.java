package nl.gmsd.check;

/**
 * A hand-written matcher for the protocol's scientific-notation pattern (R03, SPEC 11)
 * {@code ^[+-]?[0-9]+([.,][0-9]+)?[Ee][+-]?[0-9]+$}, for the hot path; a test holds it equal to
 * the regex in the protocol settings.
 */
final class Scientific {

  private Scientific() {}

  static boolean matches(byte[] b, int s, int e) {
    int i = s;
    if (i < e && (b[i] == '+' || b[i] == '-')) {
      i++;
    }
    int d = digits(b, i, e);
    if (d == i) {
      return false;
    }
    i = d;
    if (i < e && (b[i] == '.' || b[i] == ',')) {
      d = digits(b, i + 1, e);
      if (d == i + 1) {
        return false;
      }
      i = d;
    }
    if (i >= e || (b[i] != 'E' && b[i] != 'e')) {
      return false;
    }
    i++;
    if (i < e && (b[i] == '+' || b[i] == '-')) {
      i++;
    }
    d = digits(b, i, e);
    return d > i && d == e;
  }

  private static int digits(byte[] b, int i, int e) {
    while (i < e && b[i] >= '0' && b[i] <= '9') {
      i++;
    }
    return i;
  }
}
