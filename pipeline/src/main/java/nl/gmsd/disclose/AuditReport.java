package nl.gmsd.disclose;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What disclosure control of one period did, for {@code run.json} (SPEC 8). Never holds a true
 * value of a secret cell; interval widths are proven lower bounds and are fine to show.
 *
 * @param period the period code
 * @param tables per family of the table by count measure ({@code clienten}, {@code arrangementen},
 *     {@code huishoudens}: every region and dimension of that measure)
 * @param stages per protection stage, in the order they ran: the cells it made secret and its rounds
 * @param beyondProtection secret cells no choice of secret cells can protect: their own region pins
 *     them even with every cell secret ({@link Protection})
 * @param unsafeLeft secret cells not proven safe at the end (0 unless the audit could not prove a
 *     cell that is not beyond protection even with every cell secret)
 * @param lpCount linear programs solved (deterministic)
 * @param solveMillis wall-clock time of the stage: depends on the machine, so it sits apart in
 *     {@code run.json}'s {@code environment} and is left out of determinism checks
 */
public record AuditReport(String period, List<TableAudit> tables, List<ProtectionStage.Report> stages,
    int beyondProtection, int unsafeLeft, long lpCount, long solveMillis) implements Serializable {

  /**
   * One family's figures.
   *
   * @param table clienten, arrangementen or huishoudens
   * @param primaryCells count cells below minCount (all regions that are not withdrawn or missing)
   * @param secondaryCells count cells made secret by the later stages
   * @param narrowestWidth the narrowest proven interval width among its secret cells proven safe;
   *     null when it has none
   */
  public record TableAudit(String table, int primaryCells, int secondaryCells, Long narrowestWidth)
      implements Serializable {}

  /** Rounds of the heuristic stage. */
  public int rounds() {
    return stages.stream().filter(s -> s.stage().equals("heuristic_rounds")).mapToInt(ProtectionStage.Report::rounds)
        .sum();
  }

  /** The audit as a JSON object with a fixed key order (no environment figures in it). */
  public Map<String, Object> toJsonObject() {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("rounds", rounds());
    json.put("linear_programs", lpCount);
    List<Object> stageList = new ArrayList<>();
    for (ProtectionStage.Report s : stages) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("stage", s.stage());
      m.put("cells_made_secret", s.cellsMadeSecret());
      m.put("rounds", s.rounds());
      m.put("unsafe_after", s.unsafeAfter());
      stageList.add(m);
    }
    json.put("stages", stageList);
    json.put("cells_beyond_protection", beyondProtection);
    json.put("cells_not_proven_safe", unsafeLeft);
    List<Object> tableList = new ArrayList<>();
    for (TableAudit t : tables) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("table", t.table());
      m.put("primary_cells", t.primaryCells());
      m.put("secondary_cells", t.secondaryCells());
      m.put("narrowest_interval_width", t.narrowestWidth());
      tableList.add(m);
    }
    json.put("tables", tableList);
    return json;
  }
}
