package nl.gmsd.common;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TableLayoutTest {

  @Test
  void hasExactlyTheCellsOfTheSpec() {
    // totaal 3 + type 18*2 + typegroep (5 groups + total excl.) 6*2 + fin 3 + aantal 6 + leeftijd 6 + geslacht 3
    assertEquals(3 + 36 + 12 + 3 + 6 + 6 + 3, TableLayout.countCells().size());
    assertEquals(2 + 36 + 12 + 3 + 6 + 6 + 3, TableLayout.rateCells().size());
  }

  @ParameterizedTest
  @CsvSource({"0, 1000, 0", "1, 2000, 1", "1, 2001, 0", "3, 2000, 2", "10, 1000, 10", "12345, 56789, 217"})
  void per1000RoundsHalvesUp(long count, long inh, long expected) {
    assertEquals(expected, TableLayout.per1000(count, inh));
  }

  @Test
  void ageIsTakenOnTheLastDayOfThePeriod() {
    Period h1 = Period.parse("H12025");
    int born = (int) java.time.LocalDate.of(2007, 6, 30).toEpochDay();
    assertEquals("18-64", TableLayout.ageGroup(born, h1));
    assertEquals("0-17", TableLayout.ageGroup(born + 1, h1));
    assertEquals(TableLayout.UNKNOWN, TableLayout.ageGroup(null, h1));
  }
}
