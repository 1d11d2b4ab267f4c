package nl.gmsd.generate;

import java.util.ArrayList;
import java.util.List;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;
import nl.gmsd.check.Protocols;
import nl.gmsd.common.Period;
import nl.gmsd.common.ReferenceData;

/**
 * Everything decided before any person is generated: the periods, the gemeenten (as units of
 * work), their sizes and the planted delivery scenarios. Small, and a pure function of the
 * arguments.
 */
final class GenerationPlan {

  /** The planted delivery situations (SPEC 2, 4, 11). */
  enum Scenario {
    /** A rejected delivery, later an approved correction in the same window (in force). */
    REJECT_THEN_FIX,
    /** An approved delivery, later a rejected one: the approved one stays in force. */
    APPROVED_THEN_REJECTED,
    /** Only a rejected delivery: nothing in force for that gemeente and period. */
    REJECTED_ONLY,
    /** Errors in optional fields only: approved, optional fields blanked. */
    OPTIONAL_ERRORS_ONLY,
    /** The gemeente withdraws consent after its last delivery for the period. */
    WITHDRAWAL,
    /** 21 deliveries in one window: the 21st is refused (F09). */
    TWENTY_ONE_UPLOADS,
    /** A forced approved correction in the same window. */
    CORRECTION,
    /** A forced re-delivery of the period in the next window. */
    REDELIVERY,
    /** A forced delivery with records of BSN 999999999 (W32). */
    UNKNOWN_BSN
  }

  /** A scenario for one gemeente and period; {@code errorCodes} lists one planted record per code. */
  record Planted(Scenario scenario, Period period, List<String> errorCodes) {}

  /** The planted situations of the cost files (SPEC 12), besides their corrections. */
  enum CostScenario {
    /** A rejected cost file, later an approved correction in the same window (in force). */
    REJECT_THEN_FIX,
    /** Only a rejected cost file: nothing of that kind in force. */
    REJECTED_ONLY,
    /** An SBO file of a gemeente of 20 000 inhabitants or more: accepted with W33, not published. */
    NOT_REQUESTED
  }

  /** A cost scenario for one gemeente, kind and period; one planted bad row per error code. */
  record CostPlanted(String kind, CostScenario scenario, Period period, List<String> errorCodes) {}

  /**
   * A unit of work: one gemeente of the run period's division, with the codes its persons belong
   * to in each year the run reads (its predecessors in years before a merger).
   *
   * @param codesByYear per year, the codes of the unit in that year's division
   * @param personsByYear per year, persons per code (same order), summing to {@code persons}
   */
  record Unit(
      String key,
      int persons,
      TreeMap<Integer, List<String>> codesByYear,
      TreeMap<Integer, int[]> personsByYear) {}

  final Period run;
  /** Every half year the run reads, ascending (SPEC 1). */
  final List<Period> periods;
  final TreeSet<Integer> years;
  final double scale;
  final long seed;
  final TreeMap<String, Unit> units = new TreeMap<>();
  final TreeMap<String, Planted> scenarios = new TreeMap<>();
  /** Uploading account per gemeentecode, where it is not the gemeente's own (a partnership). */
  final TreeMap<String, String> accounts = new TreeMap<>();
  /** The cost scenarios by gemeentecode; empty when the run reads no half year of 2016-2019. */
  final TreeMap<String, CostPlanted> costScenarios = new TreeMap<>();

  GenerationPlan(ReferenceData ref, Period run, double scale, long seed) {
    this.run = run;
    this.scale = scale;
    this.seed = seed;
    this.periods = periodsRead(run);
    this.years = new TreeSet<>();
    for (Period p : periods) {
      years.add(p.year());
    }
    for (int y : years) {
      if (!ref.hasDivision(y)) {
        throw new IllegalArgumentException(
            "no regional division for " + y + " in the shipped reference data (years "
                + ref.years().first() + "-" + ref.years().last() + ")");
      }
    }
    buildUnits(ref);
    planScenarios(ref);
    planCostScenarios(ref);
  }

  /** Fisher-Yates, from the last element down. */
  private static void shuffle(List<String> list, SplittableRandom r) {
    for (int i = list.size() - 1; i > 0; i--) {
      int j = r.nextInt(i + 1);
      String t = list.get(i);
      list.set(i, list.get(j));
      list.set(j, t);
    }
  }

  /** The generated inhabitants of {@code code} in {@code year} (as gemeenten.csv gets them), or 0. */
  int inhabitants(String code, int year) {
    for (Unit u : units.values()) {
      List<String> codes = u.codesByYear().get(year);
      if (codes != null && codes.contains(code)) {
        return Math.max(1, u.personsByYear().get(year)[codes.indexOf(code)]);
      }
    }
    return 0;
  }

  /**
   * Cost scenarios (SPEC 12), on a random stream of their own so the Wmo plan stays as it was: in
   * the latest half year read with cost files, a JEUGD file rejected for R42 and fixed, a JEUGD
   * file rejected for R43 only; in the earliest, an SBO file rejected for R40 and fixed; and, where
   * a gemeente has 20 000 generated inhabitants or more, an SBO file of it (W33).
   */
  private void planCostScenarios(ReferenceData ref) {
    List<Period> costPeriods = new ArrayList<>();
    for (Period p : periods) {
      if (!Protocols.forPeriod(p).withRecord("CostRecord").isEmpty()) {
        costPeriods.add(p);
      }
    }
    if (costPeriods.isEmpty()) {
      return;
    }
    Period last = costPeriods.get(costPeriods.size() - 1);
    Period first = costPeriods.get(0);
    long threshold = Long.parseLong(Protocols.forPeriod(last).kind("SBO").setting("request.inhabitantsBelow"));
    List<String> candidates = new ArrayList<>();
    for (String code : ref.division(run.year()).keySet()) {
      if (years.stream().allMatch(y -> ref.division(y).containsKey(code)) && !scenarios.containsKey(code)
          && !accounts.containsKey(code)) {
        candidates.add(code);
      }
    }
    shuffle(candidates, new SplittableRandom(Seeds.of(seed, "costScenarios", run.code())));
    List<String> small = candidates.stream().filter(c -> inhabitants(c, first.year()) < threshold).toList();
    List<String> large = candidates.stream().filter(c -> inhabitants(c, last.year()) >= threshold).toList();
    costScenarios.put(candidates.get(0), new CostPlanted("JEUGD", CostScenario.REJECT_THEN_FIX, last, List.of("R42")));
    costScenarios.put(candidates.get(1), new CostPlanted("JEUGD", CostScenario.REJECTED_ONLY, last, List.of("R43")));
    for (String c : small) {
      if (!costScenarios.containsKey(c)) {
        costScenarios.put(c, new CostPlanted("SBO", CostScenario.REJECT_THEN_FIX, first, List.of("R40")));
        break;
      }
    }
    if (!large.isEmpty() && !costScenarios.containsKey(large.get(0))) {
      costScenarios.put(large.get(0), new CostPlanted("SBO", CostScenario.NOT_REQUESTED, last, List.of()));
    }
  }

  /** The halves of the calendar years of P and P-1, up to P (SPEC 1). */
  static List<Period> periodsRead(Period run) {
    List<Period> out = new ArrayList<>();
    for (int y = run.previous().year(); y <= run.year(); y++) {
      for (int h = 1; h <= 2; h++) {
        Period p = new Period(h, y);
        if (p.compareTo(run) <= 0) {
          out.add(p);
        }
      }
    }
    return out;
  }

  private void buildUnits(ReferenceData ref) {
    int runYear = run.year();
    NavigableMap<String, ReferenceData.Gemeente> runDivision = ref.division(runYear);
    TreeMap<String, TreeMap<Integer, List<String>>> codes = new TreeMap<>();
    for (String code : runDivision.keySet()) {
      codes.put(code, new TreeMap<>());
    }
    for (int y : years) {
      for (String code : ref.division(y).keySet()) {
        String key = runDivision.containsKey(code) ? code : successorIn(ref, code, runYear).orElse(code);
        codes.computeIfAbsent(key, k -> new TreeMap<>()).computeIfAbsent(y, k -> new ArrayList<>()).add(code);
      }
    }
    for (var e : codes.entrySet()) {
      String key = e.getKey();
      double inhabitants = estimatedInhabitants(ref, key, runYear);
      int persons = (int) Math.max(GeneratorSettings.MIN_PERSONS_PER_GEMEENTE, Math.round(inhabitants * scale));
      TreeMap<Integer, int[]> counts = new TreeMap<>();
      for (var ye : e.getValue().entrySet()) {
        List<String> yc = ye.getValue();
        double[] weights = new double[yc.size()];
        for (int i = 0; i < weights.length; i++) {
          weights[i] = Math.max(1, estimatedInhabitants(ref, yc.get(i), ye.getKey()));
        }
        counts.put(ye.getKey(), split(persons, weights));
      }
      units.put(key, new Unit(key, persons, e.getValue(), counts));
    }
  }

  /** Where {@code code} went by 1 January of {@code year}, following mergers; empty if nowhere. */
  static Optional<String> successorIn(ReferenceData ref, String code, int year) {
    String cutoff = year + "0101";
    NavigableMap<String, ReferenceData.Gemeente> division = ref.division(year);
    String current = code;
    for (int depth = 0; depth < 20; depth++) {
      if (division.containsKey(current)) {
        return Optional.of(current);
      }
      String from = current;
      // the first (lowest) new code wins for a split; mergers are in date order in the file
      Optional<String> next = ref.mergers().stream()
          .filter(m -> m.oldCode().equals(from) && m.date().compareTo(cutoff) <= 0)
          .map(ReferenceData.Merger::newCode)
          .sorted()
          .findFirst();
      if (next.isEmpty()) {
        return Optional.empty();
      }
      current = next.get();
    }
    return Optional.empty();
  }

  /**
   * Inhabitants of a code in a year: the shipped count (with its fallback to the nearest year);
   * for a code that ended before the year with counts, an equal share of its successor's count.
   */
  private double estimatedInhabitants(ReferenceData ref, String code, int year) {
    Optional<ReferenceData.Inhabitants> own = ref.inhabitants(year, code);
    if (own.isPresent()) {
      return own.get().count();
    }
    if (countedYear == null) {
      countedYear = ref.years().last();
      for (int y : ref.years()) {
        if (ref.division(y).values().stream().anyMatch(g -> g.inhabitants() != null)) {
          countedYear = y;
        }
      }
    }
    int counted = countedYear;
    Optional<String> successor = successor(ref, code, counted);
    if (successor.isEmpty()) {
      return GeneratorSettings.MIN_PERSONS_PER_GEMEENTE;
    }
    long total = ref.inhabitants(counted, successor.get()).map(ReferenceData.Inhabitants::count).orElse(0L);
    int sharers = 0;
    for (String other : ref.division(year).keySet()) {
      if (successor(ref, other, counted).equals(successor)) {
        sharers++;
      }
    }
    return (double) total / Math.max(1, sharers);
  }

  /** The latest year with inhabitants; lazily found. */
  private Integer countedYear;

  /** {@link #successorIn} cached: the estimate asks the same questions many times (lookups only). */
  private final java.util.HashMap<String, Optional<String>> successors = new java.util.HashMap<>();

  private Optional<String> successor(ReferenceData ref, String code, int year) {
    return successors.computeIfAbsent(code + "/" + year, k -> successorIn(ref, code, year));
  }

  /** Splits {@code n} into parts proportional to {@code weights}, each at least 1 when n allows. */
  static int[] split(int n, double[] weights) {
    int k = weights.length;
    int[] out = new int[k];
    double sum = 0;
    for (double w : weights) {
      sum += w;
    }
    int given = 0;
    for (int i = 0; i < k; i++) {
      out[i] = (int) Math.floor(n * weights[i] / sum);
      given += out[i];
    }
    for (int i = 0; given < n; i = (i + 1) % k) {
      out[i]++;
      given++;
    }
    for (int i = 0; i < k; i++) {
      while (out[i] == 0) {
        int largest = 0;
        for (int j = 1; j < k; j++) {
          if (out[j] > out[largest]) {
            largest = j;
          }
        }
        if (out[largest] <= 1) {
          break;
        }
        out[largest]--;
        out[i]++;
      }
    }
    return out;
  }

  private void planScenarios(ReferenceData ref) {
    Period p = run;
    Period p1 = run.previous();
    List<String> candidates = new ArrayList<>();
    for (String code : ref.division(run.year()).keySet()) {
      boolean everyYear = years.stream().allMatch(y -> ref.division(y).containsKey(code));
      if (everyYear) {
        candidates.add(code);
      }
    }
    // the smallest gemeente gets the 21 uploads: the cost of 21 copies stays tiny
    String smallest = candidates.get(0);
    for (String c : candidates) {
      if (units.get(c).persons() < units.get(smallest).persons()) {
        smallest = c;
      }
    }
    scenarios.put(smallest, new Planted(Scenario.TWENTY_ONE_UPLOADS, p, List.of("F09")));
    candidates.remove(smallest);
    shuffle(candidates, new SplittableRandom(Seeds.of(seed, "scenarios", run.code())));
    List<Planted> planned = List.of(
        new Planted(Scenario.REJECT_THEN_FIX, p, List.of("R13")),
        new Planted(Scenario.REJECT_THEN_FIX, p1, List.of("R14", "R18")),
        new Planted(Scenario.REJECT_THEN_FIX, p, List.of("R10", "R16")),
        new Planted(Scenario.APPROVED_THEN_REJECTED, p1, List.of("R14")),
        new Planted(Scenario.REJECTED_ONLY, p, List.of("R13", "R13")),
        new Planted(Scenario.OPTIONAL_ERRORS_ONLY, p, List.of("O22", "O22", "O22")),
        new Planted(Scenario.WITHDRAWAL, p1, List.of()),
        new Planted(Scenario.CORRECTION, p, List.of()),
        new Planted(Scenario.REDELIVERY, p1, List.of()),
        new Planted(Scenario.UNKNOWN_BSN, p, List.of()));
    int next = 0;
    for (Planted planted : planned) {
      scenarios.put(candidates.get(next++), planted);
    }
    // a partnership: one coordinator account uploads for itself and two gemeenten of its province
    String leader = candidates.get(next++);
    String province = ref.division(run.year()).get(leader).province();
    int members = 0;
    for (int i = next; i < candidates.size() && members < 2; i++) {
      String c = candidates.get(i);
      if (ref.division(run.year()).get(c).province().equals(province)) {
        accounts.put(c, leader);
        members++;
      }
    }
  }
}
