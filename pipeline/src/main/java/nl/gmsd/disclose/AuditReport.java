package nl.gmsd.disclose;

import java.io.Serializable;
import java.util.List;
import java.util.Locale;

/**
 * What the audit of one period did, for {@code run.json} (SPEC 8). A "table" is one family of
 * the period's publication table by count measure: {@code clienten}, {@code arrangementen},
 * {@code huishoudens} (every region and dimension of that measure). Never holds a true value of a
 * secret cell; interval widths are proven lower bounds and are fine to show.
 *
 * @param period the period code
 * @param tables per family, in the order clienten, arrangementen, huishoudens
 * @param rounds audit rounds run (1 when the first audit passed)
 * @param lpCount linear programs solved over all rounds (deterministic)
 * @param solveMillis wall-clock time of the audit: depends on the machine, so it sits under
 *     {@code environment_ms} in the JSON and must be left out of determinism checks
 */
public record AuditReport(String period, List<TableAudit> tables, int rounds, long lpCount, long solveMillis)
    implements Serializable {

  /**
   * One family's figures.
   *
   * @param table clienten, arrangementen or huishoudens
   * @param primaryCells count cells below minCount (all regions that are not withdrawn or missing)
   * @param secondaryCells count cells suppressed by the audit
   * @param narrowestWidth the narrowest proven interval width among its secret cells; null when it
   *     has none (or none with a finite width)
   * @param roundsNeeded 1 plus the number of rounds that added secondary cells to this family
   */
  public record TableAudit(String table, int primaryCells, int secondaryCells, Double narrowestWidth, int roundsNeeded)
      implements Serializable {}

  /** Deterministic JSON (fixed key order), widths with 3 decimals. */
  public String toJson() {
    StringBuilder b = new StringBuilder();
    b.append("{\"period\":\"").append(period).append("\",\"rounds\":").append(rounds)
        .append(",\"lp_count\":").append(lpCount).append(",\"tables\":[");
    for (int i = 0; i < tables.size(); i++) {
      TableAudit t = tables.get(i);
      if (i > 0) {
        b.append(',');
      }
      b.append("{\"table\":\"").append(t.table()).append("\",\"primary_cells\":").append(t.primaryCells())
          .append(",\"secondary_cells\":").append(t.secondaryCells())
          .append(",\"narrowest_interval_width\":")
          .append(t.narrowestWidth() == null ? "null" : String.format(Locale.ROOT, "%.3f", t.narrowestWidth()))
          .append(",\"rounds_needed\":").append(t.roundsNeeded()).append('}');
    }
    b.append("],\"environment_ms\":{\"audit_solve\":").append(solveMillis).append("}}");
    return b.toString();
  }
}
