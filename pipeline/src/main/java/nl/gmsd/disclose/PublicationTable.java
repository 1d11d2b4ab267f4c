package nl.gmsd.disclose;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import nl.gmsd.avro.CellCount;
import nl.gmsd.common.Period;
import nl.gmsd.common.ReferenceData;
import nl.gmsd.common.TableLayout;
import nl.gmsd.common.TableLayout.Cell;

/**
 * The dense, EXACT (unrounded, restricted) publication table of one period (SPEC 7, 11 "The
 * table"): every gemeente of the division of the period's year, every province in it and
 * Nederland, with every count cell of {@link TableLayout#countCells()}. Province and Nederland
 * cells are the sums of their published gemeenten's exact counts; their inhabitants the sum over
 * those gemeenten only. Disclosure control turns it into the published cells.
 */
public final class PublicationTable implements Serializable {

  /**
   * A region of the table. {@code parentCode} is the province code of a gemeente, NL01 for a
   * province, null for Nederland. {@code status} is the publication status of a gemeente
   * (gepubliceerd, ingetrokken, niet_geleverd); provinces and Nederland are always gepubliceerd.
   * {@code inhabitants} is 0 for a gemeente that is not published.
   */
  public record Region(String level, String code, String name, String parentCode, String status, long inhabitants)
      implements Serializable {
    public boolean published() {
      return status.equals(TableLayout.STATUS_PUBLISHED);
    }
  }

  private final Period period;
  private final List<Region> regions;
  private final Map<String, long[]> exact;

  private PublicationTable(Period period, List<Region> regions, Map<String, long[]> exact) {
    this.period = period;
    this.regions = regions;
    this.exact = exact;
  }

  /**
   * Builds the exact table of {@code period}.
   *
   * @param gemeenteCounts exact counts per gemeente of this period; an absent cell is 0. Counts of
   *     a gemeente that is not published are ignored.
   * @param publicationStatus gemeentecode to gepubliceerd, ingetrokken or niet_geleverd
   * @throws IllegalArgumentException for a count of another period, an unknown gemeente or cell, a
   *     negative count, a published gemeente without inhabitants, or counts that break the table's
   *     relations (the message names the gemeente and relation, never a count)
   */
  public static PublicationTable build(
      Period period,
      Collection<CellCount> gemeenteCounts,
      ReferenceData ref,
      Function<String, String> publicationStatus) {
    int n = CellRelations.CELLS.size();
    Map<String, ReferenceData.Gemeente> division = ref.division(period.year());
    if (division.isEmpty()) {
      throw new IllegalArgumentException("no regional division for " + period.year());
    }
    Map<String, long[]> exact = new TreeMap<>();
    List<Region> regions = new ArrayList<>();
    TreeMap<String, String> provinceNames = new TreeMap<>();
    for (ReferenceData.Gemeente g : division.values()) {
      String status = publicationStatus.apply(g.code());
      if (!List.of(TableLayout.STATUS_PUBLISHED, TableLayout.STATUS_WITHDRAWN, TableLayout.STATUS_NOT_DELIVERED)
          .contains(status)) {
        throw new IllegalArgumentException("gemeente " + g.code() + ": unknown publication status " + status);
      }
      String pv = ref.provinceCode(g.province());
      provinceNames.put(pv, g.province());
      long inh = 0;
      if (status.equals(TableLayout.STATUS_PUBLISHED)) {
        inh = ref.inhabitants(period.year(), g.code())
            .orElseThrow(() -> new IllegalArgumentException("gemeente " + g.code() + ": no inhabitants in any year"))
            .count();
        if (inh <= 0) {
          throw new IllegalArgumentException("gemeente " + g.code() + ": inhabitants must be positive");
        }
      }
      regions.add(new Region(TableLayout.LEVEL_GEMEENTE, g.code(), g.name(), pv, status, inh));
      exact.put(g.code(), new long[n]);
    }
    for (CellCount c : gemeenteCounts) {
      if (!c.getPeriod().equals(period.code())) {
        throw new IllegalArgumentException("count of period " + c.getPeriod() + " in the table of " + period.code());
      }
      long[] row = exact.get(c.getGemeentecode());
      if (row == null) {
        throw new IllegalArgumentException("gemeente " + c.getGemeentecode() + " is not in the division of " + period.year());
      }
      if (c.getCount() < 0) {
        throw new IllegalArgumentException("gemeente " + c.getGemeentecode() + ": negative count in " + c.getDimension());
      }
      row[CellRelations.index(new Cell(c.getDimension(), c.getCategory(), c.getMeasure()))] += c.getCount();
    }
    long[] nl = new long[n];
    long nlInh = 0;
    Map<String, long[]> provinceSums = new TreeMap<>();
    Map<String, Long> provinceInh = new TreeMap<>();
    for (String pv : provinceNames.keySet()) {
      provinceSums.put(pv, new long[n]);
      provinceInh.put(pv, 0L);
    }
    for (Region g : regions) {
      long[] row = exact.get(g.code());
      if (!g.published()) {
        java.util.Arrays.fill(row, 0); // takes part in nothing
        continue;
      }
      for (CellRelations.Relation r : CellRelations.RELATIONS) {
        if (!r.holds(row)) {
          throw new IllegalArgumentException("gemeente " + g.code() + ": counts break the relation '" + r.name() + "'");
        }
      }
      long[] p = provinceSums.get(g.parentCode());
      for (int i = 0; i < n; i++) {
        p[i] += row[i];
        nl[i] += row[i];
      }
      provinceInh.merge(g.parentCode(), g.inhabitants(), Long::sum);
      nlInh += g.inhabitants();
    }
    for (Map.Entry<String, String> pv : provinceNames.entrySet()) {
      regions.add(new Region(TableLayout.LEVEL_PROVINCIE, pv.getKey(), pv.getValue(), TableLayout.NEDERLAND_CODE,
          TableLayout.STATUS_PUBLISHED, provinceInh.get(pv.getKey())));
      exact.put(pv.getKey(), provinceSums.get(pv.getKey()));
    }
    regions.add(new Region(TableLayout.LEVEL_NEDERLAND, TableLayout.NEDERLAND_CODE, TableLayout.NEDERLAND_NAME, null,
        TableLayout.STATUS_PUBLISHED, nlInh));
    exact.put(TableLayout.NEDERLAND_CODE, nl);
    return new PublicationTable(period, Collections.unmodifiableList(regions), exact);
  }

  /** A table from its parts as {@link #regions()} and {@link #exact} give them (tests, benchmarks). */
  static PublicationTable of(Period period, List<Region> regions, Map<String, long[]> exact) {
    return new PublicationTable(period, List.copyOf(regions), new TreeMap<>(exact));
  }

  /**
   * The same table with only the gemeenten of the given provinces, those provinces, and Nederland
   * as their sum (benchmarks and tests of one part of the country).
   */
  PublicationTable onlyProvinces(java.util.Set<String> provinceCodes) {
    int n = CellRelations.CELLS.size();
    List<Region> kept = new ArrayList<>();
    Map<String, long[]> rows = new TreeMap<>();
    long[] nl = new long[n];
    long nlInh = 0;
    for (Region r : regions) {
      boolean keep = r.level().equals(TableLayout.LEVEL_GEMEENTE) ? provinceCodes.contains(r.parentCode())
          : r.level().equals(TableLayout.LEVEL_PROVINCIE) && provinceCodes.contains(r.code());
      if (keep) {
        kept.add(r);
        rows.put(r.code(), exact.get(r.code()));
        if (r.level().equals(TableLayout.LEVEL_PROVINCIE)) {
          long[] p = exact.get(r.code());
          for (int i = 0; i < n; i++) {
            nl[i] += p[i];
          }
          nlInh += r.inhabitants();
        }
      }
    }
    kept.add(new Region(TableLayout.LEVEL_NEDERLAND, TableLayout.NEDERLAND_CODE, TableLayout.NEDERLAND_NAME, null,
        TableLayout.STATUS_PUBLISHED, nlInh));
    rows.put(TableLayout.NEDERLAND_CODE, nl);
    return new PublicationTable(period, Collections.unmodifiableList(kept), rows);
  }

  public Period period() {
    return period;
  }

  /** Gemeenten by code, then provinces by code, then Nederland. */
  public List<Region> regions() {
    return regions;
  }

  /** The count cells of every region, in layout order (the cell indexes of {@link #exact}). */
  public static List<Cell> countCells() {
    return CellRelations.CELLS;
  }

  /** The exact count of a region's cell; 0 for a gemeente that is not published. */
  public long exact(String regionCode, Cell cell) {
    return exact(regionCode, CellRelations.index(cell));
  }

  long exact(String regionCode, int cell) {
    long[] row = exact.get(regionCode);
    if (row == null) {
      throw new IllegalArgumentException("no region " + regionCode);
    }
    return row[cell];
  }

  long[] exactRow(String regionCode) {
    return exact.get(regionCode);
  }
}
