package nl.gmsd.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import nl.gmsd.avro.CellCount;
import nl.gmsd.avro.FileVerdict;
import nl.gmsd.common.ArrangementTypes;
import nl.gmsd.common.Period;
import nl.gmsd.common.ReferenceData;
import nl.gmsd.common.TableLayout;
import nl.gmsd.testing.HeadlessChromium;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Renders op-orde pages in headless Chromium (loopback only): the charts are there, nothing is
 * wider than a laptop screen, a page of P-1 shows the real figures of the period before it, and a
 * screenshot is saved as a test artifact in {@code pipeline/target/screenshots/}.
 */
class OpOrdeBrowserIT {

  private static final Period P = Period.parse("H12025");
  private static final Period BEFORE = P.previous().previous();
  private static final int LAPTOP_WIDTH = 1366;

  /** A test-only page that loads a report in a frame and measures it; the reports have no scripts. */
  private static final String PROBE = """
      <!doctype html><html><body style="margin:0">
      <iframe id="f" style="border:0" width="%d" height="900" src="%s"></iframe>
      <pre id="result">pending</pre>
      <script>
      document.getElementById('f').addEventListener('load', () => {
        const d = document.getElementById('f').contentDocument;
        const root = d.documentElement;
        let wide = 0;
        d.querySelectorAll('body *').forEach(el => {
          const r = el.getBoundingClientRect();
          if (r.width > 0 && r.right > root.clientWidth + 1) wide++;
        });
        document.getElementById('result').textContent = 'svg=' + d.querySelectorAll('svg').length
          + ' scroll=' + root.scrollWidth + ' client=' + root.clientWidth + ' wide=' + wide;
      });
      </script></body></html>
      """;

  @TempDir Path tmp;

  @Test
  void pagesRenderWithChartsAndFitALaptopScreen() throws Exception {
    assumeTrue(HeadlessChromium.find() != null, "chromium not installed (scripts/test installs it)");
    ReferenceData ref = ReferenceData.shipped();
    List<CellCount> counts = realisticCounts(ref);
    Map<String, String> pages = OpOrdeReports.renderAll(List.of(P.previous(), P), counts, ref,
        deliveriesInForce(ref), (period, gemeente) -> TableLayout.STATUS_PUBLISHED, Set.of(BEFORE, P.previous(), P));
    Path site = Files.createDirectories(tmp.resolve("site"));
    for (Map.Entry<String, String> e : pages.entrySet()) {
      Path f = site.resolve(e.getKey());
      Files.createDirectories(f.getParent());
      Files.writeString(f, e.getValue());
    }
    List<String> probed = List.of(OpOrdeReports.pagePath("0363", P), OpOrdeReports.pagePath("0014", P.previous()),
        OpOrdeReports.INDEX_FILE);
    for (String page : probed) {
      Files.writeString(site.resolve(probeName(page)), PROBE.formatted(LAPTOP_WIDTH, page));
    }
    Path shots = Paths.get("target", "screenshots");
    try (HeadlessChromium chromium = HeadlessChromium.serving(site, tmp.resolve("chromium"))) {
      for (String page : probed) {
        String dom = chromium.dumpDom(probeName(page), LAPTOP_WIDTH + 40, 1000);
        Matcher m = Pattern.compile("svg=(\\d+) scroll=(\\d+) client=(\\d+) wide=(\\d+)").matcher(dom);
        assertTrue(m.find(), page + ": the probe did not run: " + dom.substring(0, Math.min(400, dom.length())));
        if (!page.equals(OpOrdeReports.INDEX_FILE)) {
          assertEquals(3, Integer.parseInt(m.group(1)), page + ": expected three charts (inline SVG)");
        }
        assertTrue(Integer.parseInt(m.group(2)) <= Integer.parseInt(m.group(3)), page + ": scrolls sideways: " + m.group());
        assertEquals(0, Integer.parseInt(m.group(4)), page + ": elements wider than the screen: " + m.group());
        Path png = shots.resolve(page.replace(".html", ".png").replace('/', '_'));
        chromium.screenshot(page, png, LAPTOP_WIDTH, 2400);
        assertTrue(Files.size(png) > 10_000, png + " looks empty");
      }
      // A page of P-1 as the browser shows it: the period before (H12024, read for the calendar
      // year 2024) with its real figures, not zeros.
      String dom = chromium.dumpDom(OpOrdeReports.pagePath("0014", P.previous()), LAPTOP_WIDTH, 1000);
      for (String[] row : List.of(new String[] {"totaal/totaal/clienten", TableLayout.CLIENTEN},
          new String[] {"totaal/totaal/arrangementen", TableLayout.ARRANGEMENTEN})) {
        long before = find(counts, BEFORE, "0014", TableLayout.TOTAAL, TableLayout.TOTAAL, row[1]);
        long now = find(counts, P.previous(), "0014", TableLayout.TOTAAL, TableLayout.TOTAAL, row[1]);
        assertTrue(before > 0 && before != now, "the scenario tells the periods apart");
        Matcher cell = Pattern.compile("data-cell=\"" + Pattern.quote(row[0])
            + "\"><td>[^<]*</td><td class=\"n prev\">([^<]*)</td><td class=\"n cur\">([^<]*)</td>").matcher(dom);
        assertTrue(cell.find(), "no row " + row[0] + " with the period before in the rendered page");
        assertEquals(DutchNumbers.integer(before), cell.group(1), row[0] + " of H12024");
        assertEquals(DutchNumbers.integer(now), cell.group(2), row[0] + " of H22024");
      }
      assertTrue(dom.contains("<th class=\"n\">H12024</th>"));
      assertTrue(dom.contains("Aantal cli\u00ebnten per typegroep, Groningen, H12024 en H22024"), "the bar chart's title");
    }
  }

  private static String probeName(String page) {
    return "probe-" + page.replace('/', '_');
  }

  /** Every gemeente delivered every period, in force. */
  static List<FileVerdict> deliveriesInForce(ReferenceData ref) {
    List<FileVerdict> verdicts = new ArrayList<>();
    for (Period p : List.of(BEFORE, P.previous(), P)) {
      for (String code : ref.division(p.year()).keySet()) {
        String file = code + "/WMO_" + p.code() + "_" + code + ".csv";
        verdicts.add(FileVerdict.newBuilder().setFile(file).setReceivedAt("2025-07-05T09:00:00Z")
            .setReceivedAtMillis(java.time.Instant.parse("2025-07-05T09:00:00Z").toEpochMilli()).setAccount(code)
            .setWindow(P.code()).setGemeentecode(code).setPeriod(p.code()).setVerdict("GOEDGEKEURD").setErrors(0)
            .setBlanked(false).setRecords(1000).setInForce(true).setInForceFile(file).setFindings(List.of()).build());
      }
    }
    return verdicts;
  }

  private static long find(List<CellCount> counts, Period p, String code, String dim, String cat, String measure) {
    return counts.stream().filter(c -> c.getPeriod().equals(p.code()) && c.getGemeentecode().equals(code)
        && c.getDimension().equals(dim) && c.getCategory().equals(cat) && c.getMeasure().equals(measure))
        .findFirst().orElseThrow().getCount();
  }

  /** Counts proportional to inhabitants, so the comparison groups have realistic spreads; a few % more each period. */
  static List<CellCount> realisticCounts(ReferenceData ref) {
    List<CellCount> counts = new ArrayList<>();
    int step = 0;
    for (Period p : List.of(BEFORE, P.previous(), P)) {
      step++;
      for (String code : ref.division(p.year()).keySet()) {
        long inh = ref.inhabitants(p.year(), code).orElseThrow().count();
        int h = Math.floorMod(code.hashCode(), 40);
        long clients = inh * (50 + h) / 1000 * (100 + 3 * step + Math.floorMod(code.hashCode() / 40, 5)) / 100;
        add(counts, p, code, TableLayout.TOTAAL, TableLayout.TOTAAL, TableLayout.CLIENTEN, clients);
        add(counts, p, code, TableLayout.TOTAAL, TableLayout.TOTAAL, TableLayout.ARRANGEMENTEN, clients * 13 / 10);
        add(counts, p, code, TableLayout.TOTAAL, TableLayout.TOTAAL, TableLayout.HUISHOUDENS, clients * 8 / 10);
        int i = 0;
        for (String group : ArrangementTypes.groups()) {
          long n = clients * (10 + (i++ * 7 + h) % 30) / 100;
          add(counts, p, code, TableLayout.TYPEGROEP, group, TableLayout.CLIENTEN, n);
          add(counts, p, code, TableLayout.TYPEGROEP, group, TableLayout.ARRANGEMENTEN, n * 12 / 10);
        }
        add(counts, p, code, TableLayout.FINANCIERINGSVORM, "ZIN", TableLayout.CLIENTEN, clients * 88 / 100);
        add(counts, p, code, TableLayout.FINANCIERINGSVORM, "PGB", TableLayout.CLIENTEN, clients * 9 / 100);
        add(counts, p, code, TableLayout.FINANCIERINGSVORM, "ZIN+PGB", TableLayout.CLIENTEN, clients * 3 / 100);
        long[] ages = {5, 35, 20, 25, 15};
        for (int a = 0; a < ages.length; a++) {
          add(counts, p, code, TableLayout.LEEFTIJD, TableLayout.AGE_GROUPS.get(a), TableLayout.CLIENTEN, clients * ages[a] / 100);
        }
        add(counts, p, code, TableLayout.GESLACHT, "V", TableLayout.CLIENTEN, clients * 62 / 100);
        add(counts, p, code, TableLayout.GESLACHT, "M", TableLayout.CLIENTEN, clients * 38 / 100);
      }
    }
    return counts;
  }

  private static void add(List<CellCount> counts, Period p, String code, String dim, String cat, String measure, long n) {
    counts.add(CellCount.newBuilder().setPeriod(p.code()).setGemeentecode(code).setDimension(dim)
        .setCategory(cat).setMeasure(measure).setCount(n).build());
  }
}
