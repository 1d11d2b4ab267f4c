package nl.gmsd.pseudonymise;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Random;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PseudonymiserTest {

  @TempDir Path dir;

  /** Key bytes 0x00, 0x01, ..., 0x1f. */
  private static byte[] countingKey() {
    byte[] key = new byte[32];
    for (int i = 0; i < key.length; i++) {
      key[i] = (byte) i;
    }
    return key;
  }

  private Pseudonymiser pseudonymiser(byte[] key) throws IOException {
    Path file = dir.resolve("key-" + System.nanoTime());
    Files.write(file, key);
    return new Pseudonymiser(PseudonymKey.read(file));
  }

  private static String independentHmac(byte[] key, String bsn) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(key, "HmacSHA256"));
    return HexFormat.of().formatHex(mac.doFinal(bsn.getBytes(StandardCharsets.US_ASCII)));
  }

  @Test
  void hmacPrimitiveAndHexMatchRfc4231TestCase2() throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec("Jefe".getBytes(StandardCharsets.US_ASCII), "HmacSHA256"));
    byte[] digest = mac.doFinal("what do ya want for nothing?".getBytes(StandardCharsets.US_ASCII));
    assertEquals(
        "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
        Pseudonymiser.hex(digest, new char[64]));
  }

  @Test
  void pseudonymMatchesAVectorComputedWithOpenssl() throws Exception {
    // printf 123456782 | openssl dgst -sha256 -mac HMAC -macopt hexkey:000102...1e1f
    String bsn = "123456782";
    assertTrue(TestBsns.passesElevenTest(bsn));
    assertEquals(
        "8e4c078580cfe222fd12ced43ae58d770a18bb5092337edc9e9ba06050b7ba02",
        pseudonymiser(countingKey()).pseudonym(bsn));
  }

  @Test
  void pseudonymsMatchAFreshMacForGeneratedBsnsAndKeys() throws Exception {
    long seed = new Random().nextLong();
    Random random = new Random(seed);
    for (int round = 0; round < 20; round++) {
      byte[] key = new byte[32 + random.nextInt(80)]; // also longer than a SHA-256 block
      random.nextBytes(key);
      Pseudonymiser p = pseudonymiser(key);
      for (int i = 0; i < 50; i++) {
        String bsn = TestBsns.random(random);
        String pseudonym = p.pseudonym(bsn);
        assertEquals(independentHmac(key, bsn), pseudonym, "seed " + seed);
        assertEquals(pseudonym, p.pseudonym(bsn), "seed " + seed); // the Mac is reused cleanly
        assertTrue(pseudonym.matches("[0-9a-f]{64}"), "seed " + seed);
      }
    }
  }

  @Test
  void theKeyIsTheRawFileNotTrimmed() throws Exception {
    byte[] key = "0123456789abcdef0123456789abcdef\n".getBytes(StandardCharsets.US_ASCII);
    byte[] trimmed = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    String bsn = "123456782";
    assertEquals(independentHmac(key, bsn), pseudonymiser(key).pseudonym(bsn));
    assertNotEquals(pseudonymiser(trimmed).pseudonym(bsn), pseudonymiser(key).pseudonym(bsn));
  }

  @Test
  void theUnknownPersonHasNoPseudonym() throws Exception {
    assertNull(pseudonymiser(countingKey()).pseudonym("999999999"));
  }

  @ParameterizedTest
  @CsvSource({"12345678", "1234567890", "12345678a", "' 12345678'", "１23456782", "''"})
  void refusesWhatIsNotNineDigitsWithoutEchoingIt(String bad) throws Exception {
    Pseudonymiser p = pseudonymiser(countingKey());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> p.pseudonym(bad));
    assertFalse(!bad.isEmpty() && e.getMessage().contains(bad.trim()), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> p.pseudonym(null));
  }

  @ParameterizedTest
  @CsvSource({"0", "1", "31"})
  void aKeyShorterThan32BytesIsRefusedWithoutShowingIt(int length) throws IOException {
    Path file = dir.resolve("short.key");
    byte[] key = new byte[length];
    java.util.Arrays.fill(key, (byte) 'Q');
    Files.write(file, key);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> PseudonymKey.read(file));
    assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
    assertTrue(e.getMessage().contains("head -c 32 /dev/urandom"), e.getMessage());
    assertFalse(e.getMessage().replace(file.toString(), "").contains("Q"), e.getMessage());
  }

  @Test
  void aMissingKeyFileIsNamed() {
    Path file = dir.resolve("absent.key");
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> PseudonymKey.read(file));
    assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
    assertTrue(e.getMessage().contains("head -c 32 /dev/urandom"), e.getMessage());
  }

  @Test
  void toStringNeverShowsTheKey() throws IOException {
    Path file = dir.resolve("k");
    byte[] key = new byte[32];
    java.util.Arrays.fill(key, (byte) 'Z');
    Files.write(file, key);
    PseudonymKey k = PseudonymKey.read(file);
    assertEquals("PseudonymKey[32 bytes, redacted]", k.toString());
    assertFalse(new Pseudonymiser(k).toString().contains("Z"));
    assertFalse(new Pseudonymiser(k).toString().contains("5a")); // hex of 'Z'
  }

  @Test
  void throwawayKeysDiffer() {
    SecureRandom random = new SecureRandom();
    String bsn = "123456782";
    assertNotEquals(
        new Pseudonymiser(PseudonymKey.throwaway(random)).pseudonym(bsn),
        new Pseudonymiser(PseudonymKey.throwaway(random)).pseudonym(bsn));
  }

  @Test
  void aSerializedPseudonymiserGivesTheSamePseudonyms() throws Exception {
    Pseudonymiser p = pseudonymiser(countingKey());
    String before = p.pseudonym("123456782"); // the Mac exists before shipping; it is transient
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(p);
    }
    Pseudonymiser copy;
    try (ObjectInputStream in =
        new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      copy = (Pseudonymiser) in.readObject();
    }
    assertEquals(before, copy.pseudonym("123456782"));
  }

  @Test
  void threadsShareAPseudonymiserSafely() throws Exception {
    Pseudonymiser p = pseudonymiser(countingKey());
    long seed = new Random().nextLong();
    Random random = new Random(seed);
    String[] bsns = new String[2000];
    String[] expected = new String[bsns.length];
    for (int i = 0; i < bsns.length; i++) {
      bsns[i] = TestBsns.random(random);
      expected[i] = independentHmac(countingKey(), bsns[i]);
    }
    String[][] got = new String[4][bsns.length];
    Thread[] threads = new Thread[4];
    for (int t = 0; t < threads.length; t++) {
      int id = t;
      threads[t] = new Thread(() -> {
        for (int i = 0; i < bsns.length; i++) {
          got[id][i] = p.pseudonym(bsns[i]);
        }
      });
      threads[t].start();
    }
    for (Thread t : threads) {
      t.join();
    }
    for (String[] g : got) {
      assertEquals(java.util.List.of(expected), java.util.List.of(g), "seed " + seed);
    }
  }
}
