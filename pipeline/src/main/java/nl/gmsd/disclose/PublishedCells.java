package nl.gmsd.disclose;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import nl.gmsd.avro.TableCell;
import nl.gmsd.common.TableLayout;
import nl.gmsd.common.TableLayout.Cell;

/**
 * Publishing, the step after protection (SPEC 7, 8, 10): every region of the period's table,
 * every count and rate cell, with the published value or {@code .}. One status for every secret
 * cell, {@code geheim} (primary and secondary alike); a withdrawn or not-delivered gemeente has
 * every cell {@code .} with its own status; rates come from the published (rounded) count.
 */
final class PublishedCells {

  private PublishedCells() {}

  /**
   * The cells, sorted by (period, region level, region code, region name, dimension, category,
   * measure) in ordinal order.
   */
  static List<TableCell> of(PublicationTable table, AuditState s) {
    Map<String, Integer> audited = new HashMap<>();
    for (int i = 0; i < s.size(); i++) {
      audited.put(s.code(i), i);
    }
    String period = table.period().code();
    List<TableCell> out = new ArrayList<>();
    for (PublicationTable.Region r : table.regions()) {
      Integer idx = audited.get(r.code());
      boolean notPublished = r.level().equals(TableLayout.LEVEL_GEMEENTE) && !r.published();
      for (Cell c : TableLayout.countCells()) {
        String value = TableLayout.SECRET_VALUE;
        String status = notPublished ? r.status() : TableLayout.STATUS_SECRET;
        if (idx != null) {
          int j = CellRelations.index(c);
          if (!s.isSecret(idx, j)) {
            value = Long.toString(s.rounded[idx][j]);
            status = TableLayout.STATUS_PUBLISHED;
          }
        }
        out.add(cell(period, r, c, value, status));
      }
      for (Cell c : TableLayout.rateCells()) {
        String value = TableLayout.SECRET_VALUE;
        String status = notPublished ? r.status() : TableLayout.STATUS_SECRET;
        if (idx != null) {
          int j = CellRelations.index(c.dimension(), c.category(), TableLayout.countOfRate(c.measure()));
          if (!s.isSecret(idx, j)) {
            value = Long.toString(TableLayout.per1000(s.rounded[idx][j], r.inhabitants()));
            status = TableLayout.STATUS_PUBLISHED;
          }
        }
        out.add(cell(period, r, c, value, status));
      }
    }
    out.sort(Comparator.comparing(TableCell::getPeriod)
        .thenComparing(TableCell::getRegionLevel)
        .thenComparing(TableCell::getRegionCode)
        .thenComparing(TableCell::getRegionName)
        .thenComparing(TableCell::getDimension)
        .thenComparing(TableCell::getCategory)
        .thenComparing(TableCell::getMeasure));
    return out;
  }

  private static TableCell cell(String period, PublicationTable.Region r, Cell c, String value, String status) {
    return TableCell.newBuilder()
        .setPeriod(period)
        .setRegionLevel(r.level())
        .setRegionCode(r.code())
        .setRegionName(r.name())
        .setDimension(c.dimension())
        .setCategory(c.category())
        .setMeasure(c.measure())
        .setValue(value)
        .setStatus(status)
        .build();
  }
}
