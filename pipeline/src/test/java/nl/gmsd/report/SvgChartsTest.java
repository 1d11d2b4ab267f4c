package nl.gmsd.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SvgChartsTest {

  @ParameterizedTest
  @CsvSource({
    "108.7,false,125,25", "93.2,false,100,20", "4.4,false,5,1", "0.7,false,0.8,0.2", "3,true,3,1",
    "0,true,5,1", "0,false,1,0.2", "657,true,800,200", "1200,true,1250,250", "12.5,false,12.5,2.5"
  })
  void scalesEndOnRoundValues(double max, boolean integers, double top, double step) {
    SvgCharts.Scale s = SvgCharts.niceScale(max, integers);
    assertEquals(top, s.top(), 1e-9);
    assertEquals(step, s.step(), 1e-9);
  }

  /** Seeded: the axis always holds the maximum, with 1 to 10 round steps. */
  @Test
  void scalesHoldTheirMaximum() {
    long seed = Long.getLong("charts.seed", 15L);
    Random rnd = new Random(seed);
    for (int i = 0; i < 10_000; i++) {
      double max = Math.pow(10, rnd.nextDouble() * 12 - 4);
      boolean integers = rnd.nextBoolean();
      SvgCharts.Scale s = SvgCharts.niceScale(max, integers);
      assertTrue(s.top() >= max, "seed " + seed + ": " + max + " above " + s);
      double steps = s.top() / s.step();
      assertTrue(steps >= 1 - 1e-9 && steps <= 10 + 1e-9, "seed " + seed + ": " + max + " -> " + s);
      assertTrue(!integers || s.step() >= 1 && s.step() == Math.rint(s.step()), s.toString());
    }
  }

  @Test
  void aBandChartHasATitleAUnitAndOneScaleForAllRows() {
    PeerStatistics small = PeerStatistics.of(List.of(1.0, 2.0, 3.0, 4.0, 5.0));
    PeerStatistics large = PeerStatistics.of(List.of(20.0, 30.0, 40.0, 50.0, 60.0));
    String svg = SvgCharts.bandChart("Cli\u00ebnten per 1.000 inwoners per typegroep", "cli\u00ebnten per 1.000 inwoners",
        List.of(new SvgCharts.BandRow("Klein", 2.5, small), new SvgCharts.BandRow("Groot", 95.0, large)), 1.5);
    assertTrue(svg.contains("<text class=\"chart-title\" x=\"0\" y=\"16\" font-size=\"13\" font-weight=\"600\">"
        + "Cli\u00ebnten per 1.000 inwoners per typegroep</text>"));
    assertTrue(svg.contains(">cli\u00ebnten per 1.000 inwoners</text>"), "the unit under the axis");
    // One axis for both rows: 0, 20, ..., 100 (95 and the upper fence 50 + 1.5 * 20 = 80 fit under 100).
    List<String> ticks = new ArrayList<>();
    Matcher m = Pattern.compile("<text class=\"tick\"[^>]*>([^<]*)</text>").matcher(svg);
    while (m.find()) {
      ticks.add(m.group(1));
    }
    assertEquals(List.of("0", "20", "40", "60", "80", "100"), ticks);
    assertTrue(svg.contains("fill=\"#c1121f\""), "95 is outside the fences: red");
  }

  @Test
  void aBarChartShowsOnlyThePeriodsItHas() {
    String svg = SvgCharts.barChart("Aantal cli\u00ebnten", "aantal cli\u00ebnten (exact)", "H12024", "H22024",
        List.of(new SvgCharts.BarRow("Alle", null, 93L)));
    assertTrue(svg.contains(">H22024</text>"));
    assertTrue(!svg.contains(">H12024</text>"), "no legend for a period without figures");
    assertTrue(svg.contains(">aantal cli\u00ebnten (exact)</text>"));
  }
}
