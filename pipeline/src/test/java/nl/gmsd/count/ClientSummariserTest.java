package nl.gmsd.count;

import static nl.gmsd.count.CountFixtures.GEMEENTE;
import static nl.gmsd.count.CountFixtures.arrangement;
import static nl.gmsd.count.CountFixtures.person;
import static nl.gmsd.count.CountFixtures.pseudonym;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import nl.gmsd.avro.Arrangement;
import nl.gmsd.avro.ClientPeriod;
import nl.gmsd.common.Period;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ClientSummariserTest {

  private static final Period H1 = Period.parse("H12025");
  private static final String P = pseudonym(1);

  private static ClientPeriod summarise(List<Arrangement> as, nl.gmsd.avro.Person person) {
    return ClientSummariser.summarise(GEMEENTE, H1, P, as, person);
  }

  @Test
  void typesAreDistinctAndAscending() {
    ClientPeriod c = summarise(List.of(
        arrangement(P, "07", "ZIN", "2025-01-01", "2025-02-01"),
        arrangement(P, "02", "ZIN", "2025-01-01", ""),
        arrangement(P, "07", "ZIN", "2025-03-01", "2025-04-01")), null);
    assertEquals(List.of("02", "07"), c.getTypes());
    assertEquals(3, c.getArrangements());
    assertEquals(GEMEENTE, c.getGemeentecode());
    assertEquals("H12025", c.getPeriod());
    assertEquals(P, c.getPseudonym());
  }

  @ParameterizedTest
  @CsvSource({"ZIN, ZIN, true, false", "PGB, PGB, false, true", "ZIN, PGB, true, true"})
  void flagsLeveringsvormen(String lv1, String lv2, boolean zin, boolean pgb) {
    ClientPeriod c = summarise(List.of(
        arrangement(P, "01", lv1, "2025-01-01", ""),
        arrangement(P, "02", lv2, "2025-01-01", "")), null);
    assertEquals(zin, c.getZin());
    assertEquals(pgb, c.getPgb());
  }

  @Test
  void unknownPersonHasUnknownAgeAndSexAndNoHousehold() {
    ClientPeriod c = summarise(List.of(arrangement(P, "01", "ZIN", "2025-01-01", "")), null);
    assertEquals("onbekend", c.getAgeGroup());
    assertEquals("onbekend", c.getSex());
    assertNull(c.getHousehold());
  }

  @ParameterizedTest
  @CsvSource({
      "1960-06-30, M, 65-74", // 65 on the last day of H1 2025
      "1960-07-01, V, 18-64", // 65 only the day after
      ",           M, onbekend",
      "2020-01-01, X, 0-17",
      "1930-01-01, , 85+"})
  void foundPersonGivesAgeOnLastDaySexAndHousehold(String birth, String sex, String age) {
    ClientPeriod c = summarise(List.of(arrangement(P, "01", "ZIN", "2025-01-01", "")),
        person(P, birth, sex, "hh-1"));
    assertEquals(age, c.getAgeGroup());
    assertEquals("M".equals(sex) || "V".equals(sex) ? sex : "onbekend", c.getSex());
    assertEquals("hh-1", c.getHousehold());
  }

  @Test
  void foundPersonWithoutHouseholdHasNone() {
    ClientPeriod c = summarise(List.of(arrangement(P, "01", "ZIN", "2025-01-01", "")),
        person(P, "1980-01-01", "V", null));
    assertNull(c.getHousehold());
    assertEquals("V", c.getSex());
  }

  @Test
  void rejectsWhatIsNotAClientOfThisPeriod() {
    Arrangement ok = arrangement(P, "01", "ZIN", "2025-01-01", "");
    assertThrows(IllegalArgumentException.class, () -> summarise(List.of(), null));
    assertThrows(IllegalArgumentException.class,
        () -> ClientSummariser.summarise(GEMEENTE, H1, null, List.of(ok), null));
    assertThrows(IllegalArgumentException.class,
        () -> summarise(List.of(arrangement(P, "01", "ZIN", "2025-07-01", "")), null));
    assertThrows(IllegalArgumentException.class,
        () -> summarise(List.of(arrangement(pseudonym(2), "01", "ZIN", "2025-01-01", "")), null));
    assertThrows(IllegalArgumentException.class,
        () -> summarise(List.of(ok), person(pseudonym(2), null, null, null)));
    Arrangement otherYear = Arrangement.newBuilder(ok).setYear(2024).build();
    assertThrows(IllegalArgumentException.class, () -> summarise(List.of(otherYear), null));
    assertTrue(summarise(List.of(ok), null).getZin());
    assertFalse(summarise(List.of(ok), null).getPgb());
  }
}
