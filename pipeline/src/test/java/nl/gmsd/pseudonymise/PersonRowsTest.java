package nl.gmsd.pseudonymise;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.Random;
import nl.gmsd.avro.Person;
import nl.gmsd.pseudonymise.PersonRows.ParsedPerson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PersonRowsTest {

  private static final String BSN = "123456782"; // made up; passes the 11-test

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      nullValues = "null",
      value = {
        // row after the BSN       | birth date  | sex  | household
        ";19800229;M;h1            | 1980-02-29  | M    | h1",
        ";20241231;V;H-0001\\r     | 2024-12-31  | V    | H-0001",
        ";19800230;M;h1            | null        | M    | h1",
        ";19801301;M;h1            | null        | M    | h1",
        ";19000229;M;h1            | null        | M    | h1",
        ";20000229;M;h1            | 2000-02-29  | M    | h1",
        ";1980-1-1;M;h1            | null        | M    | h1",
        ";;M;h1                    | null        | M    | h1",
        ";+1980101;M;h1            | null        | M    | h1",
        ";19800101;m;h1            | 1980-01-01  | null | h1",
        ";19800101;X;h1            | 1980-01-01  | null | h1",
        ";19800101;MV;h1           | 1980-01-01  | null | h1",
        ";19800101;;h1             | 1980-01-01  | null | h1",
        ";19800101;V;              | 1980-01-01  | V    | null",
        ";19800101;V;\\r           | 1980-01-01  | V    | null",
        "';19800101;V; h 1'        | 1980-01-01  | V    | ' h 1'",
      })
  void parsesUsableRows(String rest, String birth, String sex, String household) {
    Optional<ParsedPerson> p = PersonRows.parse(BSN + rest.replace("\\r", "\r"));
    assertTrue(p.isPresent());
    assertEquals(BSN, p.get().bsn());
    assertEquals(birth == null ? null : (int) LocalDate.parse(birth).toEpochDay(),
        p.get().birthDate());
    assertEquals(sex, p.get().sex());
    assertEquals(household, p.get().household());
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "bsn;geboortedatum;geslacht;huishouden",
        "BSN;Geboortedatum;GESLACHT;huishouden\\r",
        "\uFEFFbsn;geboortedatum;geslacht;huishouden",
        "12345678;19800101;M;h1",
        "1234567820;19800101;M;h1",
        "12345678a;19800101;M;h1",
        "' 123456782;19800101;M;h1'",
        "999999999;19800101;M;h1",
        "123456782;19800101;M",
        "123456782;19800101;M;h1;extra",
        "123456782",
        "''",
      })
  void skipsTheHeaderAndUnusableRows(String line) {
    assertEquals(Optional.empty(), PersonRows.parse(line.replace("\\r", "\r")));
  }

  @Test
  void theBsnIsNotInToString() {
    ParsedPerson p = PersonRows.parse(BSN + ";19800101;M;h1").orElseThrow();
    assertFalse(p.toString().contains(BSN), p.toString());
  }

  @Test
  void toAvroReplacesTheBsnByItsPseudonym() {
    Pseudonymiser ps = new Pseudonymiser(PseudonymKey.throwaway(new SecureRandom()));
    Person person =
        PersonRows.toAvro(PersonRows.parse(BSN + ";19800101;V;h1\r").orElseThrow(), ps);
    assertEquals(ps.pseudonym(BSN), person.getPseudonym());
    assertEquals((int) LocalDate.of(1980, 1, 1).toEpochDay(), person.getBirthDate());
    assertEquals("V", person.getSex());
    assertEquals("h1", person.getHousehold());
    assertFalse(person.toString().contains(BSN));

    Person unknown = PersonRows.toAvro(PersonRows.parse(BSN + ";;;").orElseThrow(), ps);
    assertNull(unknown.getBirthDate());
    assertNull(unknown.getSex());
    assertNull(unknown.getHousehold());
  }

  /** The hand-written date arithmetic agrees with java.time on generated dates and non-dates. */
  @Test
  void generatedDatesAgreeWithJavaTime() {
    long seed = new Random().nextLong();
    Random random = new Random(seed);
    DateTimeFormatter basic = DateTimeFormatter.BASIC_ISO_DATE;
    for (int i = 0; i < 20_000; i++) {
      String text = String.format("%04d%02d%02d",
          1 + random.nextInt(9999), random.nextInt(14), random.nextInt(33));
      Integer expected;
      try {
        expected = (int) LocalDate.parse(text, basic.withResolverStyle(
            java.time.format.ResolverStyle.STRICT)).toEpochDay();
      } catch (java.time.DateTimeException e) {
        expected = null;
      }
      assertEquals(expected, PersonRows.epochDay(text, 0, 8), "seed " + seed + ": " + text);
    }
  }
}
