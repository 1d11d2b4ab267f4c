package nl.gmsd.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DutchNumbersTest {

  @ParameterizedTest
  @CsvSource({"0,0", "7,7", "999,999", "1000,1.000", "1234,1.234", "1234567,1.234.567", "-1234,-1.234"})
  void integersGroupThousandsWithDots(long n, String expected) {
    assertEquals(expected, DutchNumbers.integer(n));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
    "12.5|1|12,5", "12.25|1|12,3", "1234.56|1|1.234,6", "0.05|1|0,1", "-0.04|1|0,0",
    "-2.35|1|-2,4", "3|0|3", "15.37653|1|15,4"
  })
  void decimalsUseACommaAndRoundHalvesUp(double x, int decimals, String expected) {
    assertEquals(expected, DutchNumbers.decimal(x, decimals));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {"50|+50,0%", "-3|-3,0%", "0|0,0%", "-0.01|0,0%", "1234.5|+1.234,5%"})
  void signedPercentages(double p, String expected) {
    assertEquals(expected, DutchNumbers.signedPercent(p));
  }

  @Test
  void quantilesInterpolateLinearly() {
    PeerStatistics s = PeerStatistics.of(List.of(11.0, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0));
    assertEquals(11, s.peers());
    assertEquals(3.5, s.p25(), 1e-9);
    assertEquals(6.0, s.median(), 1e-9);
    assertEquals(8.5, s.p75(), 1e-9);
    PeerStatistics two = PeerStatistics.of(List.of(10.0, 20.0));
    assertEquals(15.0, two.median(), 1e-9);
    assertEquals(12.5, two.p25(), 1e-9);
  }

  @Test
  void fencesAreTukeys() {
    PeerStatistics s = PeerStatistics.of(List.of(11.0, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0));
    assertEquals(5.0, s.iqr(), 1e-9);
    assertEquals(3.5 - 7.5, s.lowerFence(1.5), 1e-9);
    assertEquals(8.5 + 7.5, s.upperFence(1.5), 1e-9);
    assertEquals(false, s.outside(16.0, 1.5), "on the fence is inside");
    assertEquals(true, s.outside(16.01, 1.5));
    assertEquals(true, s.outside(-4.01, 1.5));
    assertEquals(true, s.outside(Double.POSITIVE_INFINITY, 1.5), "a rise from 0 is outside any spread");
  }
}
