package nl.gmsd.check;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class ScientificTest {

  private static final Pattern REGEX =
      Pattern.compile(Fixtures.PROTOCOL.setting("scientificNotation"));

  private static boolean hand(String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    return Scientific.matches(b, 0, b.length);
  }

  @ParameterizedTest
  @CsvSource(quoteCharacter = '\'', value = {
      "'1,23E+08',true", "1.23E+08,true", "1E5,true", "-1e-5,true", "+12e0,true", "1.2E,false",
      "E5,false", "'1,E5',false", "1.2.3E4,false", "'',false", "12345,false", "1E5x,false",
      "'1 E5',false", "1E+-5,false", "++1E5,false"})
  void cases(String value, boolean expected) {
    assertEquals(expected, hand(value));
    assertEquals(expected, REGEX.matcher(value).find());
  }

  @Test
  void handWrittenMatcherEqualsTheProtocolsRegex() {
    long seed = new Random().nextLong();
    Random r = new Random(seed);
    String alphabet = "0123456789+-.,Ee x";
    for (int i = 0; i < 100_000; i++) {
      StringBuilder b = new StringBuilder();
      int len = r.nextInt(9);
      for (int j = 0; j < len; j++) {
        b.append(alphabet.charAt(r.nextInt(alphabet.length())));
      }
      String s = b.toString();
      assertEquals(REGEX.matcher(s).find(), hand(s), "seed " + seed + " value '" + s + "'");
    }
  }
}
