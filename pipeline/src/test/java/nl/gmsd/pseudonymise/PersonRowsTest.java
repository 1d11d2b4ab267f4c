package nl.gmsd.pseudonymise;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Random;
import nl.gmsd.avro.Person;
import nl.gmsd.common.ReferenceFiles.Personen;
import nl.gmsd.common.input.FieldTypes;
import nl.gmsd.common.input.Header;
import nl.gmsd.pseudonymise.PersonRows.ParsedPerson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every row of personen.csv checked by its description (SPEC 6), with the reason for a defect. */
class PersonRowsTest {

  private static final String BSN = "123456782"; // made up; passes the 11-test
  private static final PersonRows.Parser PARSER =
      new PersonRows.Parser(Header.of(Personen.FILE, "personen.csv", Personen.FILE.header()));

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      nullValues = "null",
      value = {
        // row after the BSN       | birth date  | sex  | household
        ";19800229;M;h1            | 1980-02-29  | M    | h1",
        ";20241231;V;H-0001\\r     | 2024-12-31  | V    | H-0001",
        ";20000229;M;h1            | 2000-02-29  | M    | h1",
        ";19800101;V;              | 1980-01-01  | V    | null",
        ";19800101;V;\\r           | 1980-01-01  | V    | null",
        "';19800101;V; h 1'        | 1980-01-01  | V    | ' h 1'",
      })
  void parsesValidRows(String rest, String birth, String sex, String household) {
    ParsedPerson p = PARSER.parse(BSN + rest.replace("\\r", "\r"));
    assertNotNull(p, String.valueOf(PARSER.defect()));
    assertEquals(BSN, p.bsn());
    assertEquals((int) LocalDate.parse(birth).toEpochDay(), p.birthDate());
    assertEquals(sex, p.sex());
    assertEquals(household, p.household());
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(
      delimiter = '|',
      nullValues = "null",
      value = {
        // line                            | defect      | column        | fields
        "123456782;19800230;M;h1           | INVALID     | geboortedatum | 4",
        "123456782;19801301;M;h1           | INVALID     | geboortedatum | 4",
        "123456782;19000229;M;h1           | INVALID     | geboortedatum | 4",
        "123456782;1980-1-1;M;h1           | INVALID     | geboortedatum | 4",
        "123456782;01-01-1980;M;h1         | INVALID     | geboortedatum | 4",
        "123456782;;M;h1                   | EMPTY       | geboortedatum | 4",
        "123456782;19800101;m;h1           | INVALID     | geslacht      | 4",
        "123456782;19800101;X;h1           | INVALID     | geslacht      | 4",
        "123456782;19800101;MV;h1          | INVALID     | geslacht      | 4",
        "123456782;19800101;;h1            | EMPTY       | geslacht      | 4",
        "12345678;19800101;M;h1            | INVALID     | bsn           | 4",
        "1234567820;19800101;M;h1          | INVALID     | bsn           | 4",
        "12345678a;19800101;M;h1           | INVALID     | bsn           | 4",
        "' 123456782;19800101;M;h1'        | INVALID     | bsn           | 4",
        "999999999;19800101;M;h1           | INVALID     | bsn           | 4",
        "000000000;19800101;M;h1           | INVALID     | bsn           | 4",
        "123456789;19800101;M;h1           | INVALID     | bsn           | 4",
        ";19800101;M;h1                    | EMPTY       | bsn           | 4",
        "123456782;19800101;M              | FIELD_COUNT | null          | 3",
        "123456782;19800101;M;h1;extra     | FIELD_COUNT | null          | 5",
        "123456782,19800101,M,h1           | FIELD_COUNT | null          | 1",
      })
  void namesTheDefectOfARow(String line, PersonRows.Defect defect, String column, int fields) {
    assertNull(PARSER.parse(line));
    assertEquals(defect, PARSER.defect());
    assertEquals(column, PARSER.defectColumn() == null ? null : PARSER.defectColumn().name());
    assertEquals(fields, PARSER.fieldsFound());
  }

  @Test
  void aHouseholdWithAControlCharacterIsADefect() {
    assertNull(PARSER.parse(BSN + ";19800101;M;h\u00071"));
    assertEquals("huishouden", PARSER.defectColumn().name());
  }

  @Test
  void columnsInAnotherOrderAreReadByName() {
    PersonRows.Parser p = new PersonRows.Parser(
        Header.of(Personen.FILE, "personen.csv", "Geslacht;HUISHOUDEN;bsn;geboortedatum"));
    ParsedPerson row = p.parse("V;h7;" + BSN + ";19800101");
    assertNotNull(row);
    assertEquals(BSN, row.bsn());
    assertEquals("h7", row.household());
    assertEquals("V", row.sex());
  }

  @Test
  void blankLinesAndSeparatorsOnlyAreNoRows() {
    assertTrue(PARSER.isBlank(""));
    assertTrue(PARSER.isBlank(";;;\r"));
    assertFalse(PARSER.isBlank(";;;x"));
  }

  @Test
  void theBsnIsNotInToString() {
    ParsedPerson p = PARSER.parse(BSN + ";19800101;M;h1");
    assertFalse(p.toString().contains(BSN), p.toString());
  }

  @Test
  void toAvroReplacesTheBsnByItsPseudonym() {
    Pseudonymiser ps = new Pseudonymiser(PseudonymKey.throwaway(new SecureRandom()));
    Person person = PersonRows.toAvro(PARSER.parse(BSN + ";19800101;V;h1\r"), ps);
    assertEquals(ps.pseudonym(BSN), person.getPseudonym());
    assertEquals((int) LocalDate.of(1980, 1, 1).toEpochDay(), person.getBirthDate());
    assertEquals("V", person.getSex());
    assertEquals("h1", person.getHousehold());
    assertFalse(person.toString().contains(BSN));
  }

  /** The hand-written date arithmetic agrees with java.time on generated dates and non-dates. */
  @Test
  void generatedDatesAgreeWithJavaTime() {
    long seed = Long.getLong("personen.seed", 20_251L);
    Random random = new Random(seed);
    DateTimeFormatter basic = DateTimeFormatter.BASIC_ISO_DATE;
    for (int i = 0; i < 20_000; i++) {
      String text = String.format("%04d%02d%02d",
          1 + random.nextInt(9999), random.nextInt(14), random.nextInt(33));
      int expected;
      try {
        expected = (int) LocalDate.parse(text, basic.withResolverStyle(
            java.time.format.ResolverStyle.STRICT)).toEpochDay();
      } catch (java.time.DateTimeException e) {
        expected = Integer.MIN_VALUE;
      }
      assertEquals(expected, FieldTypes.epochDay(text, 0, 8), "seed " + seed + ": " + text);
    }
  }
}
