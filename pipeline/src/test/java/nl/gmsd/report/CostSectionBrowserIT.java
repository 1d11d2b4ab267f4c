package nl.gmsd.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import nl.gmsd.common.TableLayout;
import nl.gmsd.testing.HeadlessChromium;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An op-orde page of H12018 with the costs section (SPEC 12) in headless Chromium: its tables and
 * band chart fit a laptop screen; a screenshot is saved in {@code pipeline/target/screenshots/}.
 */
class CostSectionBrowserIT {

  private static final int LAPTOP_WIDTH = 1366;

  @TempDir Path tmp;

  @Test
  void theCostSectionRendersWithItsChartAndFitsALaptopScreen() throws Exception {
    assumeTrue(HeadlessChromium.find() != null, "chromium not installed (scripts/test installs it)");
    CostSectionTest.scenario();
    Map<String, String> pages = OpOrdeReports.renderAll(List.of(CostSectionTest.P), List.of(), CostSectionTest.REF,
        List.of(), (p, g) -> TableLayout.STATUS_NOT_DELIVERED, Set.of(CostSectionTest.P), OpOrdeSettings.DEFAULTS,
        CostSectionTest.section::html);
    Path site = Files.createDirectories(tmp.resolve("site"));
    String page = OpOrdeReports.pagePath(CostSectionTest.OWN, CostSectionTest.P);
    Files.createDirectories(site.resolve(page).getParent());
    Files.writeString(site.resolve(page), pages.get(page));
    Files.writeString(site.resolve("probe.html"), OpOrdeBrowserIT.PROBE.formatted(LAPTOP_WIDTH, page));
    try (HeadlessChromium chromium = HeadlessChromium.serving(site, tmp.resolve("chromium"))) {
      String dom = chromium.dumpDom("probe.html", LAPTOP_WIDTH + 40, 1000);
      Matcher m = Pattern.compile("svg=(\\d+) scroll=(\\d+) client=(\\d+) wide=(\\d+)").matcher(dom);
      assertTrue(m.find(), "the probe did not run: " + dom.substring(0, Math.min(400, dom.length())));
      // every chart of the page is drawn, the costs' band chart of JEUGD among them
      String html = pages.get(page);
      int from = html.indexOf("<section id=\"kosten\">");
      String costs = html.substring(from, html.indexOf("</section>", from));
      assertTrue(costs.contains("<svg"), "expected the costs chart in the section");
      assertEquals(html.split("<svg", -1).length - 1, Integer.parseInt(m.group(1)), "charts drawn: " + m.group());
      assertTrue(Integer.parseInt(m.group(2)) <= Integer.parseInt(m.group(3)), "scrolls sideways: " + m.group());
      assertEquals(0, Integer.parseInt(m.group(4)), "elements wider than the screen: " + m.group());
      Path png = Paths.get("target", "screenshots", "kosten-" + page.replace("/", "-").replace(".html", ".png"));
      chromium.screenshot(page, png, LAPTOP_WIDTH, 5600);
      assertTrue(Files.size(png) > 10_000, png + " looks empty");
    }
  }
}
