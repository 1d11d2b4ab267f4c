package nl.gmsd.check;

import static nl.gmsd.check.Fixtures.NAME;
import static nl.gmsd.check.Fixtures.bytes;
import static nl.gmsd.check.Fixtures.check;
import static nl.gmsd.check.Fixtures.validLines;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import nl.gmsd.avro.FileVerdict;
import nl.gmsd.avro.Finding;
import org.junit.jupiter.api.Test;

/** Seeded random mutations of valid files (the seed is in every failure message). */
class FileCheckerPropertiesTest {

  private static final String MUTATIONS = "\";;E,.-+ 0123456789abcZIN\u00e9";

  private static List<String> mutated(Random r) {
    List<String> lines = validLines(1 + r.nextInt(30));
    int edits = r.nextInt(6);
    for (int e = 0; e < edits; e++) {
      int at = 1 + r.nextInt(lines.size() - 1);
      String l = lines.get(at);
      switch (r.nextInt(4)) {
        case 0 -> lines.set(at, lines.get(1 + r.nextInt(lines.size() - 1))); // duplicate
        case 1 -> lines.set(at, ""); // blank line
        default -> {
          int p = r.nextInt(l.length() + 1);
          lines.set(at, l.substring(0, p) + MUTATIONS.charAt(r.nextInt(MUTATIONS.length()))
              + l.substring(Math.min(l.length(), p + r.nextInt(2))));
        }
      }
    }
    return lines;
  }

  @Test
  void findingsAreWellFormedAndLineEndsAndBomDoNotMatter() {
    long seed = new Random().nextLong();
    Random r = new Random(seed);
    for (int round = 0; round < 300; round++) {
      List<String> lines = mutated(r);
      FileVerdict v = check(NAME, bytes(lines));
      String msg = "seed " + seed + " round " + round;
      assertEquals(lines.size() - 1, v.getRecords(), msg);
      long errors = 0;
      String previous = "";
      for (Finding f : v.getFindings()) {
        assertTrue(f.getCode().compareTo(previous) > 0, msg + ": sorted, one finding per code");
        previous = f.getCode();
        assertTrue(f.getLines().size() <= 10 && f.getCount() >= f.getLines().size(), msg);
        for (int i = 1; i < f.getLines().size(); i++) {
          assertTrue(f.getLines().get(i - 1) < f.getLines().get(i), msg + ": ascending, distinct");
        }
        for (int l : f.getLines()) {
          assertTrue(l >= 2 && l <= lines.size(), msg + ": a record line");
        }
        errors += f.getCode().startsWith("W") ? 0 : f.getCount();
      }
      assertEquals(errors, v.getErrors(), msg);
      boolean rejects = v.getFindings().stream().anyMatch(f -> f.getCode().matches("[FR].*"));
      assertEquals(rejects ? "AFGEKEURD" : "GOEDGEKEURD", v.getVerdict(), msg);
      // without a final line end a blank last line would vanish: only drop it after text
      boolean finalEol = lines.get(lines.size() - 1).isEmpty() || r.nextBoolean();
      FileVerdict crlf = check(NAME, bytes(lines, "\r\n", r.nextBoolean(), finalEol));
      assertEquals(v.getFindings(), crlf.getFindings(), msg + ": CRLF/BOM/final line end");
      if (!rejects) {
        long left = v.getFindings().stream().filter(f -> f.getCode().matches("W3[01]"))
            .mapToLong(Finding::getCount).sum();
        int handedOn = Fixtures.approved(NAME, bytes(lines)).size();
        assertTrue(handedOn >= v.getRecords() - left && handedOn <= v.getRecords(), msg);
      }
    }
  }
}
