package nl.gmsd.pseudonymise;

import java.util.Random;

/** Made-up BSNs that pass the 11-test, computed rather than hard-coded. */
final class TestBsns {

  private TestBsns() {}

  /** True when 9*d1 + 8*d2 + ... + 2*d8 - d9 is a multiple of 11. */
  static boolean passesElevenTest(String bsn) {
    int sum = 0;
    for (int i = 0; i < 8; i++) {
      sum += (9 - i) * (bsn.charAt(i) - '0');
    }
    sum -= bsn.charAt(8) - '0';
    return sum % 11 == 0;
  }

  /** A random 9-digit BSN that passes the 11-test. */
  static String random(Random random) {
    while (true) {
      StringBuilder sb = new StringBuilder(9);
      int sum = 0;
      for (int i = 0; i < 8; i++) {
        int d = random.nextInt(10);
        sb.append((char) ('0' + d));
        sum += (9 - i) * d;
      }
      int last = Math.floorMod(sum, 11); // d9 = sum mod 11 makes the total a multiple of 11
      if (last < 10) {
        String bsn = sb.append((char) ('0' + last)).toString();
        if (passesElevenTest(bsn)) {
          return bsn;
        }
      }
    }
  }
}
