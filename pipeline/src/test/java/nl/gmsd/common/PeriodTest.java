package nl.gmsd.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PeriodTest {

  @ParameterizedTest
  @CsvSource({
    "2025-01-01T00:00:00Z, H22024",
    "2025-06-30T23:59:59Z, H22024",
    "2025-07-01T00:00:00Z, H12025",
    "2025-12-31T23:59:59Z, H12025",
  })
  void windowIsTheHalfYearBeforeTheUploadsHalfYear(String at, String window) {
    assertEquals(window, Period.windowOf(Instant.parse(at)).code());
  }

  @Test
  void boundsPreviousAndOverlap() {
    Period h1 = Period.parse("H12025");
    assertEquals(LocalDate.of(2025, 6, 30), h1.end());
    assertEquals("H22024", h1.previous().code());
    assertEquals("H22025", h1.next().code());
    assertTrue(h1.overlaps(h1.endEpochDay(), null));
    assertTrue(h1.overlaps(h1.startEpochDay() - 10, h1.startEpochDay()));
    assertFalse(h1.overlaps(h1.startEpochDay() - 10, h1.startEpochDay() - 1));
    assertFalse(h1.overlaps(h1.endEpochDay() + 1, null));
  }

  @ParameterizedTest
  @CsvSource({"H32025", "h12025", "H1202", "''"})
  void rejectsBadCodes(String code) {
    assertThrows(IllegalArgumentException.class, () -> Period.parse(code));
    assertFalse(Period.isCode(code));
  }

  /** The index orders as the periods do and gives the period back, over every period with a 4-digit year. */
  @Test
  void indexOrdersAsThePeriodsAndRoundTrips() {
    Period before = null;
    for (int year = 1000; year <= 9999; year++) {
      for (int half = 1; half <= 2; half++) {
        Period p = new Period(half, year);
        assertEquals(p, Period.ofIndex(p.index()));
        if (before != null) {
          assertTrue(before.index() < p.index(), before + " before " + p);
        }
        before = p;
      }
    }
    assertEquals(4050, Period.parse("H12025").index());
  }
}
