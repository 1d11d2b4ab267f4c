package nl.gmsd.costs;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import nl.gmsd.avro.TableCell;
import nl.gmsd.check.FileKinds;
import nl.gmsd.check.Protocol;
import nl.gmsd.common.Period;
import nl.gmsd.common.ReferenceData;
import nl.gmsd.common.TableCodebook;
import nl.gmsd.common.TableLayout;
import nl.gmsd.report.DutchNumbers;

/**
 * The {@code kosten} table (SPEC 12) in the long form of SPEC 7: per period with a cost kind in
 * force, per gemeente of the division, province and Nederland, per cost kind (dimension {@code sbo},
 * {@code jeugd}) and category plus the kind's {@code totaal}.
 *
 * <ul>
 *   <li>Gemeente: {@code kosten} (euros) and {@code kosten_per_inwoner}. Costs are not figures
 *       about persons: no rounding, no suppression. A gemeente whose costs are not published has
 *       every cell of the kind {@code .} with its status (ingetrokken, niet_geleverd,
 *       niet_gevraagd); a category left out of its file is {@code .} niet_geleverd; its {@code
 *       totaal} is the sum of the categories it delivered ({@code .} niet_geleverd with none).
 *   <li>Province and Nederland: the sums over the gemeenten that delivered that category (for
 *       {@code totaal}: at least one category) and are published, with {@code gemeenten_geleverd}
 *       (how many) and {@code inwoners_geleverd} (their inhabitants); {@code kosten_per_inwoner}
 *       over those inhabitants only. With no such gemeente the sums are {@code .} niet_geleverd
 *       and the two counts 0.
 *   <li>{@code kosten_per_inwoner}: euros with two decimals, halves up, in integer arithmetic:
 *       cents = {@code (200 * kosten + inwoners) div (2 * inwoners)}.
 * </ul>
 */
public final class KostenTable {

  public static final String KOSTEN = "kosten";
  public static final String KOSTEN_PER_INWONER = "kosten_per_inwoner";
  public static final String GEMEENTEN_GELEVERD = "gemeenten_geleverd";
  public static final String INWONERS_GELEVERD = "inwoners_geleverd";
  /** The table's file name in {@code tabellen/} (without extension). */
  public static final String NAME = "kosten";

  private KostenTable() {}

  /** The dimension of a cost kind: its id in lower case ({@code sbo}, {@code jeugd}). */
  public static String dimension(String kind) {
    return kind.toLowerCase(Locale.ROOT);
  }

  /**
   * Euros per inhabitant with two decimals, halves up, exactly: {@code 1000, 3 -> "333.33"},
   * {@code 1, 8 -> "0.13"} (0.125 rounds up).
   */
  public static String perInhabitant(long euros, long inhabitants) {
    if (inhabitants <= 0 || euros < 0) {
      throw new IllegalArgumentException("euros must be >= 0 and inhabitants > 0: " + euros + ", " + inhabitants);
    }
    long cents = Math.floorDiv(Math.addExact(Math.multiplyExact(200L, euros), inhabitants), Math.multiplyExact(2L, inhabitants));
    long rest = cents % 100;
    return (cents / 100) + "." + (rest < 10 ? "0" : "") + rest;
  }

  /**
   * The table's entries of the codebook {@code tabellen/codes.csv}, which describes every table in
   * {@code tabellen/} ({@link TableCodebook}): the cost kinds in force in {@code periods} as
   * dimensions with their categories (Dutch labels from their protocols, of the latest such
   * period), the four measures, and, with the kind in the dimension column, the region levels,
   * the value {@code .} and the statuses whose meaning in this table differs from the Wmo table's
   * (no rounding; sums over the gemeenten that delivered; not delivered also for a category left
   * out; not asked).
   */
  public static List<TableCodebook.Entry> codebookEntries(List<Period> periods, FileKinds fileKinds) {
    TreeMap<String, Protocol> byKind = new TreeMap<>();
    for (Period p : periods) {
      fileKinds.forPeriod(p).withRecord(CostFigures.RECORD).forEach(k -> byKind.put(k.kind(), k));
    }
    List<Protocol> kinds = new ArrayList<>(byKind.values());
    kinds.sort(Comparator.comparing(k -> dimension(k.kind())));
    if (kinds.isEmpty()) {
      return List.of(); // no kosten table
    }
    List<TableCodebook.Entry> e = new ArrayList<>();
    for (Protocol k : kinds) {
      e.add(new TableCodebook.Entry("dimension", "", dimension(k.kind()), k.title()
          + ", in de tabel kosten (perioden 2016-2019)"));
    }
    for (Protocol k : kinds) {
      String d = dimension(k.kind());
      for (String c : k.columnFor("category").allowed()) {
        e.add(new TableCodebook.Entry("category", d, c, c + " " + k.categoryLabel(c)));
      }
      e.add(new TableCodebook.Entry("category", d, TableLayout.TOTAAL, "Totaal van de geleverde categorie\u00ebn"));
    }
    e.add(new TableCodebook.Entry("measure", "", KOSTEN, "Kosten in hele euro's, zoals geleverd (niet afgerond)"));
    e.add(new TableCodebook.Entry("measure", "", KOSTEN_PER_INWONER, "Kosten per inwoner in euro's, op twee"
        + " decimalen afgerond (de helft naar boven), voor provincie en Nederland per inwoner van de gemeenten in de som"));
    e.add(new TableCodebook.Entry("measure", "", GEMEENTEN_GELEVERD, "Aantal gemeenten in de som (provincie en Nederland)"));
    e.add(new TableCodebook.Entry("measure", "", INWONERS_GELEVERD,
        "Inwoners van de gemeenten in de som op 1 januari (provincie en Nederland)"));
    for (Protocol k : kinds) {
      String d = dimension(k.kind());
      e.add(new TableCodebook.Entry("region_level", d, TableLayout.LEVEL_PROVINCIE, "Provincie (region_code: CBS-code"
          + " PV20-PV31): som over de gemeenten die de categorie hebben geleverd en worden gepubliceerd, niet afgerond"));
      e.add(new TableCodebook.Entry("region_level", d, TableLayout.LEVEL_NEDERLAND, "Nederland (region_code NL01):"
          + " som over de gemeenten die de categorie hebben geleverd en worden gepubliceerd, niet afgerond"));
      e.add(new TableCodebook.Entry("value", d, TableLayout.SECRET_VALUE, "Geen getal: zie status"));
      e.add(new TableCodebook.Entry("status", d, TableLayout.STATUS_PUBLISHED, "Gepubliceerd: de kosten zoals"
          + " geleverd, niet afgerond en niet geheimgehouden (kosten zijn geen aantallen personen)"));
      e.add(new TableCodebook.Entry("status", d, TableLayout.STATUS_WITHDRAWN, "Ingetrokken: de gemeente heeft de"
          + " toestemming tot publicatie ingetrokken, en ze telt niet mee in de provincie en Nederland"));
      e.add(new TableCodebook.Entry("status", d, TableLayout.STATUS_NOT_DELIVERED, "Niet geleverd: geen goedgekeurd"
          + " bestand van kracht, of de categorie staat niet in het bestand (niet geleverd is geen nul)"));
      k.optionalSetting("request.inhabitantsBelow").ifPresent(n -> e.add(new TableCodebook.Entry("status", d,
          CostFigures.STATUS_NOT_REQUESTED, "Niet gevraagd: de uitvraag geldt alleen voor gemeenten met minder dan "
              + DutchNumbers.integer(Long.parseLong(n)) + " inwoners, een geleverd bestand wordt niet gepubliceerd")));
    }
    return List.copyOf(e);
  }

  /** Every cell of the table, in no particular order (the writer sorts). */
  public static List<TableCell> cells(CostFigures figures, ReferenceData ref) {
    List<TableCell> out = new ArrayList<>();
    for (Period p : figures.periods()) {
      for (CostFigures.Kind kind : figures.kinds(p)) {
        cells(p, kind, figures, ref, out);
      }
    }
    return out;
  }

  /** Sums over the delivering published gemeenten of one region, per category and the total. */
  private static final class Sums {
    final Map<String, long[]> byCategory = new TreeMap<>(); // category -> {kosten, gemeenten, inwoners}

    void add(String category, long kosten, long inhabitants) {
      long[] s = byCategory.computeIfAbsent(category, c -> new long[3]);
      s[0] = Math.addExact(s[0], kosten);
      s[1]++;
      s[2] = Math.addExact(s[2], inhabitants);
    }

    long[] of(String category) {
      return byCategory.getOrDefault(category, new long[3]);
    }
  }

  private static void cells(Period p, CostFigures.Kind kind, CostFigures figures, ReferenceData ref, List<TableCell> out) {
    String dimension = dimension(kind.id());
    List<String> categories = new ArrayList<>(kind.categories());
    categories.add(TableLayout.TOTAAL);
    TreeMap<String, String> provinceNames = new TreeMap<>();
    TreeMap<String, Sums> provinces = new TreeMap<>();
    Sums nederland = new Sums();
    for (ReferenceData.Gemeente g : ref.division(p.year()).values()) {
      String pv = ref.provinceCode(g.province());
      provinceNames.put(pv, g.province());
      Sums province = provinces.computeIfAbsent(pv, x -> new Sums());
      CostFigures.Delivery d = figures.of(p, kind.id(), g.code());
      Region region = new Region(p, TableLayout.LEVEL_GEMEENTE, g.code(), g.name(), dimension);
      if (!d.published()) {
        for (String c : categories) {
          region.cell(out, c, KOSTEN, null, d.status());
          region.cell(out, c, KOSTEN_PER_INWONER, null, d.status());
        }
        continue;
      }
      long inh = ref.inhabitants(p.year(), g.code())
          .orElseThrow(() -> new IllegalArgumentException("gemeente " + g.code() + ": no inhabitants in any year"))
          .count();
      for (String c : categories) {
        Long v = c.equals(TableLayout.TOTAAL) ? d.total().orElse(null) : d.kosten().get(c);
        if (v == null) {
          region.cell(out, c, KOSTEN, null, TableLayout.STATUS_NOT_DELIVERED);
          region.cell(out, c, KOSTEN_PER_INWONER, null, TableLayout.STATUS_NOT_DELIVERED);
          continue;
        }
        region.cell(out, c, KOSTEN, Long.toString(v), TableLayout.STATUS_PUBLISHED);
        region.cell(out, c, KOSTEN_PER_INWONER, perInhabitant(v, inh), TableLayout.STATUS_PUBLISHED);
        province.add(c, v, inh);
        nederland.add(c, v, inh);
      }
    }
    for (Map.Entry<String, Sums> e : provinces.entrySet()) {
      sums(new Region(p, TableLayout.LEVEL_PROVINCIE, e.getKey(), provinceNames.get(e.getKey()), dimension),
          categories, e.getValue(), out);
    }
    sums(new Region(p, TableLayout.LEVEL_NEDERLAND, TableLayout.NEDERLAND_CODE, TableLayout.NEDERLAND_NAME, dimension),
        categories, nederland, out);
  }

  private static void sums(Region region, List<String> categories, Sums sums, List<TableCell> out) {
    for (String c : categories) {
      long[] s = sums.of(c);
      boolean any = s[1] > 0;
      String status = any ? TableLayout.STATUS_PUBLISHED : TableLayout.STATUS_NOT_DELIVERED;
      region.cell(out, c, KOSTEN, any ? Long.toString(s[0]) : null, status);
      region.cell(out, c, KOSTEN_PER_INWONER, any ? perInhabitant(s[0], s[2]) : null, status);
      region.cell(out, c, GEMEENTEN_GELEVERD, Long.toString(s[1]), TableLayout.STATUS_PUBLISHED);
      region.cell(out, c, INWONERS_GELEVERD, Long.toString(s[2]), TableLayout.STATUS_PUBLISHED);
    }
  }

  /** The fixed part of a region's cells. */
  private record Region(Period period, String level, String code, String name, String dimension) {
    void cell(List<TableCell> out, String category, String measure, String value, String status) {
      out.add(new TableCell(period.code(), level, code, name, dimension, category, measure,
          value == null ? TableLayout.SECRET_VALUE : value, status));
    }
  }
}
