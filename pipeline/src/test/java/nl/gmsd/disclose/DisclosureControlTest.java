package nl.gmsd.disclose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import nl.gmsd.avro.CellCount;
import nl.gmsd.avro.TableCell;
import nl.gmsd.common.ArrangementTypes;
import nl.gmsd.common.Period;
import nl.gmsd.common.ReferenceData;
import nl.gmsd.common.TableLayout;
import nl.gmsd.common.TableLayout.Cell;
import nl.gmsd.disclose.SyntheticTables.Client;
import nl.gmsd.disclose.SyntheticTables.Gem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DisclosureControlTest {

  static final Period P = Period.parse("H12025");
  static final DisclosureSettings DEFAULTS = DisclosureSettings.defaults();
  static final Cell V_CLIENTS = new Cell("geslacht", "V", "clienten");

  @TempDir Path tmp;

  // ---- the LP core: a 2x2 table with margins, hand-computed ----

  @Test
  void twoByTwoWithMargins_intervalOfTheSecretCell() {
    // a secret [0,7]; b published 10 [8,12]; c published 20 [18,22]; d published 30 [28,32];
    // row 1 (a+b) published 15 [13,17]; column 1 (a+c) published 20 [18,22]; other margins free.
    // a >= max(0, 13-12, 18-22) = 1 and a <= min(7, 17-8, 22-18) = 4.
    LinearSystem sys = new LinearSystem();
    int a = sys.variable(0, 7);
    int b = sys.variable(8, 12);
    int c = sys.variable(18, 22);
    int d = sys.variable(28, 32);
    sys.row(new int[] {a, b}, new double[] {1, 1}, 13, 17);
    sys.row(new int[] {a, c}, new double[] {1, 1}, 18, 22);
    sys.row(new int[] {c, d}, new double[] {1, 1}, 0, Double.POSITIVE_INFINITY);
    double[] range = sys.range(new int[] {a});
    assertEquals(1.0, range[0], 1e-6);
    assertEquals(4.0, range[1], 1e-6);
    double[] rowRange = sys.range(new int[] {a, b});
    assertEquals(13.0, rowRange[0], 1e-6);
    assertEquals(16.0, rowRange[1], 1e-6); // a <= 4, b <= 12
  }

  // ---- rounding ----

  @ParameterizedTest
  @CsvSource({"8,10", "9,10", "12,10", "13,15", "17,15", "18,20", "100,100", "102,100", "103,105", "1002,1000"})
  void nearestRounding_halvesUp(long exact, long published) {
    assertEquals(published, Rounding.round(exact, DEFAULTS, "H12025", "0001", V_CLIENTS));
  }

  @ParameterizedTest
  @CsvSource({"10,8,12", "20,18,22", "105,103,107"})
  void publishedValueStandsForAnInterval(long r, long lo, long hi) {
    assertEquals(lo, DEFAULTS.publishedLower(r));
    assertEquals(hi, DEFAULTS.publishedUpper(r));
  }

  @Test
  void randomRounding_isStablePerCell_multipleOfBase_neverBelowMinCount() {
    DisclosureSettings random = DEFAULTS.withRoundingMode(DisclosureSettings.RoundingMode.RANDOM);
    int ups = 0;
    for (long x = 8; x < 2008; x++) {
      Cell cell = new Cell("type", String.format("%02d", 1 + x % 18), "clienten");
      long r = Rounding.round(x, random, "H12025", "0001", cell);
      assertEquals(r, Rounding.round(x, random, "H12025", "0001", cell));
      assertEquals(0, r % 5);
      assertTrue(r >= 8 && Math.abs(r - x) < 5, "x=" + x + " r=" + r);
      assertTrue(random.publishedLower(r) <= x && x <= random.publishedUpper(r));
      if (r > x) {
        ups++;
      }
    }
    assertTrue(ups > 500 && ups < 1300, "ups=" + ups);
  }

  // ---- the pinned cell A=12 (published 10), B=7 secret, T=19 (published 20) ----

  private ReferenceData twoGemeenten() throws IOException {
    return SyntheticTables.referenceData(tmp.resolve("ref"), 2025, List.of(
        new Gem("0001", "Aland", "Utrecht", 10_000), new Gem("0002", "Beland", "Utrecht", 20_000)));
  }

  private static List<Client> clients(int women, int men, String type) {
    List<Client> out = new ArrayList<>();
    for (int i = 0; i < women + men; i++) {
      out.add(SyntheticTables.client(type, 1, "ZIN", "18-64", i < women ? "V" : "M", "h" + i));
    }
    return out;
  }

  private PublicationTable pinnedTable() throws IOException {
    List<CellCount> counts = new ArrayList<>();
    counts.addAll(SyntheticTables.count(P, "0001", clients(12, 20, "01")));
    counts.addAll(SyntheticTables.count(P, "0002", clients(7, 20, "01")));
    return PublicationTable.build(P, counts, twoGemeenten(), g -> TableLayout.STATUS_PUBLISHED);
  }

  @Test
  void pinnedSecretCell_isDetectedByTheAudit() throws IOException {
    PublicationTable table = pinnedTable();
    assertEquals(19, table.exact("PV26", V_CLIENTS));
    Protection p = new Protection(new AuditState(table, DEFAULTS));
    new PrimarySuppression().protect(p);
    List<String> failing = p.unsafe().stream().map(c -> p.state.key(c[0], c[1])).toList();
    // B = T - A in [18-12, 22-8] = [6, 14], with B <= 7: [6, 7], width 1 < 2.
    assertTrue(failing.contains("H12025 gemeente 0002 geslacht/V/clienten"), failing.toString());
  }

  @Test
  void pinnedSecretCell_isRepairedBySecondarySuppression() throws IOException {
    PublicationTable table = pinnedTable();
    DisclosureControl.Result result = new DisclosureControl().apply(table, DEFAULTS);
    Map<String, TableCell> byKey = index(result.cells());
    assertEquals(TableLayout.STATUS_SECRET, byKey.get("0002|geslacht|V|clienten").getStatus());
    // Every client here has one arrangement, so the reader's relation sum k * clients_k <=
    // arrangements pins "clients with 4 arrangements" to 0 or 1 while clients and arrangements are
    // both published: the later stages make totals secret too (CellRelations, issue 13 item 2).
    // With those secret, cells the heuristic took first (the cheapest rectangle for B's women:
    // Aland's women with the two zeros of "onbekend") are not needed: the last stage publishes
    // them again.
    assertEquals(0, result.audit().unsafeLeft());
    ProtectionStage.Report release = result.audit().stages().get(4);
    assertEquals("release_redundant", release.stage());
    assertTrue(release.cellsReleased() >= 1, release.toString());
    assertEquals(TableLayout.STATUS_PUBLISHED, byKey.get("0001|geslacht|V|clienten").getStatus());
    assertTrue(result.audit().rounds() >= 1);
    AuditReport.TableAudit clients = result.audit().tables().get(0);
    assertEquals("clienten", clients.table());
    assertTrue(clients.secondaryCells() >= 1);
    assertTrue(clients.narrowestWidth() >= 2);
    assertIndependentlySafe(table, result.cells(), DEFAULTS, new Random(1), Integer.MAX_VALUE);
  }

  @ParameterizedTest
  @CsvSource({"0", "1"})
  void pinnedSecretCell_withFewRoundsAllowed_endsSafeThroughTheLaterStages(int rounds) throws IOException {
    // SPEC 8 (revised): no setting makes the stage fail; the exact stage takes over.
    DisclosureSettings few = new DisclosureSettings(8, 5, DisclosureSettings.RoundingMode.NEAREST, 2, rounds);
    PublicationTable table = pinnedTable();
    DisclosureControl.Result result = new DisclosureControl().apply(table, few);
    assertEquals(0, result.audit().unsafeLeft());
    assertTrue(result.audit().rounds() <= rounds);
    assertEquals(List.of("primary", "heuristic_rounds", "exact", "group_fallback", "release_redundant"),
        result.audit().stages().stream().map(ProtectionStage.Report::stage).toList());
    assertIndependentlySafe(table, result.cells(), few, new Random(1), Integer.MAX_VALUE);
  }

  @Test
  void pinnedSecretCell_withNoExactStage_endsSafeThroughTheGroupFallback() throws IOException {
    DisclosureSettings none = new DisclosureSettings(8, 5, DisclosureSettings.RoundingMode.NEAREST, 2, 0);
    PublicationTable table = pinnedTable();
    DisclosureControl.Result result = new DisclosureControl(0).apply(table, none);
    ProtectionStage.Report group = result.audit().stages().get(3);
    assertEquals("group_fallback", group.stage());
    assertTrue(group.cellsMadeSecret() > 0, result.audit().stages().toString());
    assertEquals(0, result.audit().unsafeLeft());
    assertIndependentlySafe(table, result.cells(), none, new Random(1), Integer.MAX_VALUE);
  }

  // ---- client types are not additive: only inequalities ----

  @Test
  void secretTypeCell_staysWide_becauseTypesGiveOnlyInequalities() throws IOException {
    List<Client> aland = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      // 5 of the 20 Persoonlijke verzorging clients also have Begeleiding.
      Map<String, Integer> arr = i < 5 ? Map.of("02", 1, "03", 1) : Map.of("03", 1);
      aland.add(new Client(arr, "ZIN", "65-74", "V", "h" + i));
    }
    List<CellCount> counts = new ArrayList<>(SyntheticTables.count(P, "0001", aland));
    counts.addAll(SyntheticTables.count(P, "0002", clients(10, 20, "03")));
    PublicationTable table = PublicationTable.build(P, counts, twoGemeenten(), g -> TableLayout.STATUS_PUBLISHED);
    Protection p = new Protection(new AuditState(table, DEFAULTS));
    new PrimarySuppression().protect(p);
    int aland0 = 0;
    assertEquals("0001", p.state.code(aland0));
    // Were types additive, group 20 = 02 + 03 (20) would pin 02 near 0; as inequalities it stays wide.
    int type02 = CellRelations.index(new Cell("type", "02", "clienten"));
    assertTrue(p.cert.width(aland0, type02) >= 2, "width " + p.cert.width(aland0, type02));
    assertTrue(p.unsafe().stream().noneMatch(c -> c[0] == aland0 && c[1] == type02),
        p.unsafe().stream().map(c -> p.state.key(c[0], c[1])).toList().toString());
  }

  // ---- dense output, order, withdrawn and not-delivered gemeenten ----

  @Test
  void denseSortedOutput_withWithdrawnAndNotDelivered() throws IOException {
    ReferenceData ref = SyntheticTables.referenceData(tmp.resolve("ref3"), 2025, List.of(
        new Gem("0001", "Aland", "Utrecht", 10_000), new Gem("0002", "Beland", "Utrecht", 20_000),
        new Gem("0003", "Celand", "Zeeland", 5_000), new Gem("0004", "Deland", "Zeeland", 7_000)));
    List<CellCount> counts = new ArrayList<>();
    Random rnd = new Random(7);
    for (String g : List.of("0001", "0002", "0003", "0004")) {
      List<Client> cl = new ArrayList<>();
      for (int i = 0; i < 60; i++) {
        cl.add(SyntheticTables.randomClient(rnd, List.of("01", "02", "03", "07")));
      }
      counts.addAll(SyntheticTables.count(P, g, cl));
    }
    Map<String, String> status = Map.of("0001", "gepubliceerd", "0002", "gepubliceerd", "0003", "ingetrokken",
        "0004", "niet_geleverd");
    PublicationTable table = PublicationTable.build(P, counts, ref, status::get);
    assertEquals(0, table.exact("0003", new Cell("totaal", "totaal", "clienten")));
    assertEquals(table.exact("0001", new Cell("totaal", "totaal", "clienten"))
        + table.exact("0002", new Cell("totaal", "totaal", "clienten")),
        table.exact("PV26", new Cell("totaal", "totaal", "clienten")));
    DisclosureControl.Result result = new DisclosureControl().apply(table, DEFAULTS);
    List<TableCell> cells = result.cells();
    int perRegion = TableLayout.countCells().size() + TableLayout.rateCells().size();
    assertEquals(7 * perRegion, cells.size()); // 4 gemeenten, Utrecht, Zeeland, Nederland
    assertSorted(cells);
    for (TableCell c : cells) {
      switch (c.getRegionCode()) {
        case "0003" -> assertEquals(List.of(".", "ingetrokken"), List.of(c.getValue(), c.getStatus()));
        case "0004" -> assertEquals(List.of(".", "niet_geleverd"), List.of(c.getValue(), c.getStatus()));
        case "PV29" -> assertEquals(List.of(".", "geheim"), List.of(c.getValue(), c.getStatus()));
        default -> assertTrue(c.getStatus().equals("gepubliceerd") || c.getStatus().equals("geheim"));
      }
    }
    Map<String, TableCell> byKey = index(cells);
    assertEquals("Zeeland", byKey.get("PV29|totaal|totaal|clienten").getRegionName());
    assertEquals("Nederland", byKey.get("NL01|totaal|totaal|clienten").getRegionName());
    assertEquals("nederland", byKey.get("NL01|totaal|totaal|clienten").getRegionLevel());
    // Rates of Utrecht use the inhabitants of its published gemeenten only (30 000).
    long utrecht = Long.parseLong(byKey.get("PV26|totaal|totaal|clienten").getValue());
    assertEquals(Long.toString(TableLayout.per1000(utrecht, 30_000)),
        byKey.get("PV26|totaal|totaal|clienten_per_1000").getValue());
    assertIndependentlySafe(table, cells, DEFAULTS, new Random(3), 40);
  }

  @Test
  void countsThatBreakARelation_areRefused_withoutValues() throws IOException {
    List<CellCount> counts = new ArrayList<>(SyntheticTables.count(P, "0001", clients(12, 20, "01")));
    counts.add(CellCount.newBuilder().setPeriod("H12025").setGemeentecode("0001").setDimension("leeftijd")
        .setCategory("85+").setMeasure("clienten").setCount(3).build());
    ReferenceData ref = twoGemeenten();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> PublicationTable.build(P, counts, ref, g -> "gepubliceerd"));
    assertTrue(e.getMessage().contains("0001") && e.getMessage().contains("leeftijd"), e.getMessage());
    assertFalse(e.getMessage().matches(".*\\b(3|32|35)\\b.*"), e.getMessage());
  }

  @Test
  void auditReportJson_hasFixedKeys_perStage_withoutTimeOrValues() throws IOException {
    AuditReport r = new DisclosureControl().apply(pinnedTable(), DEFAULTS).audit();
    String json = nl.gmsd.write.Json.write(r.toJsonObject());
    assertTrue(json.replaceAll("\\s", "").startsWith("{\"rounds\":" + r.rounds() + ",\"linear_programs\":"), json);
    assertTrue(json.replaceAll("\\s", "").contains("{\"stage\":\"primary\",\"cells_made_secret\":"), json);
    assertTrue(json.replaceAll("\\s", "").contains("{\"table\":\"clienten\",\"primary_cells\":"), json);
    assertFalse(json.contains("millis") || json.contains("_ms"), json);
    AuditReport again = new DisclosureControl().apply(pinnedTable(), DEFAULTS).audit();
    assertEquals(r.tables(), again.tables());
    assertEquals(r.stages(), again.stages());
    assertEquals(r.lpCount(), again.lpCount());
  }

  // ---- seeded property test ----

  /** Random tables per run: each costs a few hundred small LPs plus the independent re-audit. */
  static final int TABLES = Integer.getInteger("disclose.tables", 20);

  static final long DEFAULT_SEED = 20251123L;

  @Test
  void randomTables_afterDisclosureControl_areSafeAndRoundedAndDense() throws IOException {
    // A fixed default seed keeps CI deterministic; -Ddisclose.seed=N explores other tables.
    long base = Long.getLong("disclose.seed", DEFAULT_SEED);
    Random seeds = new Random(base);
    List<String> provinces = List.of("Utrecht", "Zeeland", "Drenthe");
    for (int t = 0; t < TABLES; t++) {
      long seed = seeds.nextLong();
      try {
        checkRandomTable(seed, provinces, t);
      } catch (AssertionError | RuntimeException e) {
        throw new AssertionError("base seed " + base + ", table seed " + seed + ": " + e.getMessage(), e);
      }
    }
  }

  private void checkRandomTable(long seed, List<String> provinces, int t) throws IOException {
    Random rnd = new Random(seed);
    List<Gem> gems = new ArrayList<>();
    int nProv = 1 + rnd.nextInt(2);
    for (int p = 0; p < nProv; p++) {
      int nGem = 1 + rnd.nextInt(2);
      for (int g = 0; g < nGem; g++) {
        String code = String.format("%04d", gems.size() + 1);
        gems.add(new Gem(code, "G" + code, provinces.get(p), 1_000 + rnd.nextInt(100_000)));
      }
    }
    ReferenceData ref = SyntheticTables.referenceData(tmp.resolve("p" + t), 2025, gems);
    Map<String, String> status = new HashMap<>();
    List<CellCount> counts = new ArrayList<>();
    List<String> allTypes = ArrangementTypes.codes();
    for (Gem g : gems) {
      int s = rnd.nextInt(20);
      status.put(g.code(), s == 0 ? "ingetrokken" : s == 1 ? "niet_geleverd" : "gepubliceerd");
      List<String> pool = new ArrayList<>();
      for (int k = 0; k < 2 + rnd.nextInt(4); k++) {
        pool.add(allTypes.get(rnd.nextInt(allTypes.size())));
      }
      List<Client> clients = new ArrayList<>();
      int n = rnd.nextInt(90);
      for (int i = 0; i < n; i++) {
        clients.add(SyntheticTables.randomClient(rnd, pool));
      }
      counts.addAll(SyntheticTables.count(P, g.code(), clients));
    }
    Function<String, String> st = status::get;
    PublicationTable table = PublicationTable.build(P, counts, ref, st);
    // Odd tables skip the exact stage (node limit 0), so the group fallback is tested too.
    DisclosureControl control = t % 2 == 0 ? new DisclosureControl() : new DisclosureControl(0);
    DisclosureControl.Result result = control.apply(table, DEFAULTS);
    assertEquals(0, result.audit().unsafeLeft(), "cells not proven safe: " + result.audit().stages());
    List<TableCell> cells = result.cells();
    int perRegion = TableLayout.countCells().size() + TableLayout.rateCells().size();
    assertEquals(table.regions().size() * perRegion, cells.size());
    assertSorted(cells);
    Map<String, PublicationTable.Region> regions = new HashMap<>();
    table.regions().forEach(r -> regions.put(r.code(), r));
    Map<String, TableCell> byKey = index(cells);
    for (TableCell c : cells) {
      PublicationTable.Region r = regions.get(c.getRegionCode());
      if (r.level().equals("gemeente") && !r.published()) {
        assertEquals(List.of(".", r.status()), List.of(c.getValue(), c.getStatus()));
        continue;
      }
      boolean rate = c.getMeasure().endsWith("_per_1000");
      if (!c.getStatus().equals("gepubliceerd")) {
        assertEquals(List.of(".", "geheim"), List.of(c.getValue(), c.getStatus()));
        if (!rate) {
          // primary cells are secret (checked below for published ones: never below minCount)
          continue;
        }
        continue;
      }
      long v = Long.parseLong(c.getValue());
      if (rate) {
        String count = byKey.get(c.getRegionCode() + "|" + c.getDimension() + "|" + c.getCategory() + "|"
            + TableLayout.countOfRate(c.getMeasure())).getValue();
        assertEquals(TableLayout.per1000(Long.parseLong(count), r.inhabitants()), v);
        continue;
      }
      long exact = table.exact(c.getRegionCode(), new Cell(c.getDimension(), c.getCategory(), c.getMeasure()));
      assertTrue(exact >= 8 && v >= 8, "published count below minCount");
      assertEquals(0, v % 5);
      assertEquals(Math.floorDiv(exact + 2, 5) * 5, v, "rounded on its own");
    }
    for (TableCell c : cells) {
      if (c.getMeasure().endsWith("_per_1000") || !regions.get(c.getRegionCode()).published()
          && regions.get(c.getRegionCode()).level().equals("gemeente")) {
        continue;
      }
      long exact = table.exact(c.getRegionCode(), new Cell(c.getDimension(), c.getCategory(), c.getMeasure()));
      if (exact < 8) {
        assertEquals("geheim", c.getStatus(), "a count below minCount is secret");
      }
    }
    assertIndependentlySafe(table, cells, DEFAULTS, rnd, 8);
  }

  // ---- helpers ----

  /**
   * Full-LP re-audit: every secondary cell (secret with exact >= minCount) and up to {@code
   * primarySample} primary cells must keep a width of at least minIntervalWidth.
   */
  static void assertIndependentlySafe(PublicationTable table, List<TableCell> cells, DisclosureSettings s, Random rnd,
      int primarySample) {
    IndependentAudit audit = new IndependentAudit(table, cells, s);
    List<String[]> primary = new ArrayList<>();
    for (String region : audit.regions()) {
      for (Cell c : TableLayout.countCells()) {
        if (!audit.secret(region, c)) {
          continue;
        }
        if (table.exact(region, c) >= s.minCount()) {
          assertWide(audit, region, c, s);
        } else {
          primary.add(new String[] {region, c.dimension(), c.category(), c.measure()});
        }
      }
    }
    java.util.Collections.shuffle(primary, rnd);
    for (String[] p : primary.subList(0, Math.min(primarySample, primary.size()))) {
      assertWide(audit, p[0], new Cell(p[1], p[2], p[3]), s);
    }
  }

  private static void assertWide(IndependentAudit audit, String region, Cell c, DisclosureSettings s) {
    double[] range = audit.range(region, c);
    assertTrue(range[1] - range[0] >= s.minIntervalWidth() - 1e-6,
        "secret cell " + region + " " + c + " has width " + (range[1] - range[0]));
  }

  private static Map<String, TableCell> index(List<TableCell> cells) {
    Map<String, TableCell> m = new HashMap<>();
    for (TableCell c : cells) {
      m.put(c.getRegionCode() + "|" + c.getDimension() + "|" + c.getCategory() + "|" + c.getMeasure(), c);
    }
    return m;
  }

  private static void assertSorted(List<TableCell> cells) {
    Comparator<TableCell> order = Comparator.comparing(TableCell::getPeriod)
        .thenComparing(TableCell::getRegionLevel).thenComparing(TableCell::getRegionCode)
        .thenComparing(TableCell::getRegionName).thenComparing(TableCell::getDimension)
        .thenComparing(TableCell::getCategory).thenComparing(TableCell::getMeasure);
    for (int i = 1; i < cells.size(); i++) {
      assertTrue(order.compare(cells.get(i - 1), cells.get(i)) < 0, "not strictly sorted at " + i);
    }
  }
}
