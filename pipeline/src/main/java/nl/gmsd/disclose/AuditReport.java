package nl.gmsd.disclose;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ObjLongConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What disclosure control of one period did, for {@code run.json} (SPEC 8). Never holds a true
 * value of a secret cell; interval widths are proven lower bounds and are fine to show.
 *
 * <p>It reaches the driver as named whole numbers ({@link #toFacts}, {@link #fromFacts}), each a
 * Beam counter that the one step holding the report adds once ({@code RecordRunFacts}): every
 * field is a count or a width, the stage and table names are fixed identifiers, and the order of
 * the stages and tables travels as an index in the name. A width that is null (no proven secret
 * cell) is a name left out.
 *
 * @param period the period code
 * @param tables per family of the table by count measure ({@code clienten}, {@code arrangementen},
 *     {@code huishoudens}: every region and dimension of that measure)
 * @param stages per protection stage, in the order they ran: the cells it made secret (or published
 *     again) and its rounds
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

  /** Names of stages and tables: fixed identifiers, so that a name splits back unambiguously. */
  private static final Pattern IDENTIFIER = Pattern.compile("[a-z][a-z0-9_]*");
  private static final Pattern STAGE_FACT =
      Pattern.compile("stages/(\\d+)/(" + IDENTIFIER.pattern() + ")/(cells_made_secret|cells_released|rounds|unsafe_after)");
  private static final Pattern TABLE_FACT = Pattern.compile("tables/(\\d+)/(" + IDENTIFIER.pattern()
      + ")/(primary_cells|secondary_cells|narrowest_interval_width)");
  /** Present in every report's facts, so that an audit with nothing in it still arrives. */
  static final String REPORTED = "reported";
  private static final String LINEAR_PROGRAMS = "linear_programs";
  private static final String BEYOND_PROTECTION = "cells_beyond_protection";
  private static final String NOT_PROVEN_SAFE = "cells_not_proven_safe";
  private static final String SOLVE_MS = "solve_ms";
  /** The facts of the whole report (the others are per stage and per table). */
  private static final List<String> REPORT_FACTS =
      List.of(REPORTED, LINEAR_PROGRAMS, BEYOND_PROTECTION, NOT_PROVEN_SAFE, SOLVE_MS);

  /**
   * The report as named whole numbers (the period is not among them: the caller names it), e.g.
   * {@code linear_programs}, {@code stages/1/heuristic_rounds/cells_made_secret},
   * {@code tables/0/clienten/narrowest_interval_width}, {@code solve_ms}.
   */
  public void toFacts(ObjLongConsumer<String> fact) {
    fact.accept(REPORTED, 1);
    fact.accept(LINEAR_PROGRAMS, lpCount);
    fact.accept(BEYOND_PROTECTION, beyondProtection);
    fact.accept(NOT_PROVEN_SAFE, unsafeLeft);
    fact.accept(SOLVE_MS, solveMillis);
    for (int i = 0; i < stages.size(); i++) {
      ProtectionStage.Report s = stages.get(i);
      String prefix = "stages/" + i + "/" + identifier(s.stage()) + "/";
      fact.accept(prefix + "cells_made_secret", s.cellsMadeSecret());
      fact.accept(prefix + "cells_released", s.cellsReleased());
      fact.accept(prefix + "rounds", s.rounds());
      fact.accept(prefix + "unsafe_after", s.unsafeAfter());
    }
    for (int i = 0; i < tables.size(); i++) {
      TableAudit t = tables.get(i);
      String prefix = "tables/" + i + "/" + identifier(t.table()) + "/";
      fact.accept(prefix + "primary_cells", t.primaryCells());
      fact.accept(prefix + "secondary_cells", t.secondaryCells());
      if (t.narrowestWidth() != null) {
        fact.accept(prefix + "narrowest_interval_width", t.narrowestWidth());
      }
    }
  }

  /**
   * The report of {@code period} back from its {@link #toFacts facts}; throws when they are not a
   * whole report (a name missing, or one it does not know).
   */
  public static AuditReport fromFacts(String period, Map<String, Long> facts) {
    if (facts.getOrDefault(REPORTED, 0L) != 1) {
      throw new IllegalArgumentException("the audit of " + period + " did not arrive whole: " + facts.keySet());
    }
    TreeMap<Integer, String> stageNames = new TreeMap<>();
    TreeMap<Integer, Map<String, Long>> stageFacts = new TreeMap<>();
    TreeMap<Integer, String> tableNames = new TreeMap<>();
    TreeMap<Integer, Map<String, Long>> tableFacts = new TreeMap<>();
    for (Map.Entry<String, Long> e : facts.entrySet()) {
      Matcher stage = STAGE_FACT.matcher(e.getKey());
      Matcher table = TABLE_FACT.matcher(e.getKey());
      if (stage.matches()) {
        collect(stage, e.getValue(), stageNames, stageFacts, period);
      } else if (table.matches()) {
        collect(table, e.getValue(), tableNames, tableFacts, period);
      } else if (!REPORT_FACTS.contains(e.getKey())) {
        throw new IllegalArgumentException("the audit of " + period + " has an unknown fact " + e.getKey());
      }
    }
    List<ProtectionStage.Report> stageList = new ArrayList<>();
    for (Map.Entry<Integer, String> s : stageNames.entrySet()) {
      requireIndex(s.getKey(), stageList.size(), period);
      Map<String, Long> f = stageFacts.get(s.getKey());
      stageList.add(new ProtectionStage.Report(s.getValue(), intFact(f, "cells_made_secret", period),
          intFact(f, "cells_released", period), intFact(f, "rounds", period), intFact(f, "unsafe_after", period)));
    }
    List<TableAudit> tableList = new ArrayList<>();
    for (Map.Entry<Integer, String> t : tableNames.entrySet()) {
      requireIndex(t.getKey(), tableList.size(), period);
      Map<String, Long> f = tableFacts.get(t.getKey());
      tableList.add(new TableAudit(t.getValue(), intFact(f, "primary_cells", period),
          intFact(f, "secondary_cells", period), f.get("narrowest_interval_width")));
    }
    return new AuditReport(period, List.copyOf(tableList), List.copyOf(stageList),
        intFact(facts, BEYOND_PROTECTION, period), intFact(facts, NOT_PROVEN_SAFE, period),
        fact(facts, LINEAR_PROGRAMS, period), fact(facts, SOLVE_MS, period));
  }

  private static String identifier(String name) {
    if (!IDENTIFIER.matcher(name).matches()) {
      throw new IllegalArgumentException("not an identifier for a fact's name: " + name);
    }
    return name;
  }

  private static void collect(Matcher m, long value, TreeMap<Integer, String> names,
      TreeMap<Integer, Map<String, Long>> facts, String period) {
    int index = Integer.parseInt(m.group(1));
    String known = names.putIfAbsent(index, m.group(2));
    if (known != null && !known.equals(m.group(2))) {
      throw new IllegalArgumentException("the audit of " + period + " names " + index + " both " + known + " and "
          + m.group(2));
    }
    facts.computeIfAbsent(index, i -> new TreeMap<>()).put(m.group(3), value);
  }

  private static void requireIndex(int index, int expected, String period) {
    if (index != expected) {
      throw new IllegalArgumentException("the audit of " + period + " lacks entry " + expected + " of a list");
    }
  }

  private static long fact(Map<String, Long> facts, String name, String period) {
    Long v = facts.get(name);
    if (v == null) {
      throw new IllegalArgumentException("the audit of " + period + " lacks " + name);
    }
    return v;
  }

  private static int intFact(Map<String, Long> facts, String name, String period) {
    return Math.toIntExact(fact(facts, name, period));
  }

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
      m.put("cells_released", s.cellsReleased());
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
