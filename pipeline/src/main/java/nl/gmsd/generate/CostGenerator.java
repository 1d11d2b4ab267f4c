package nl.gmsd.generate;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import nl.gmsd.check.Protocol;
import nl.gmsd.check.Protocols;
import nl.gmsd.common.Period;
import nl.gmsd.generate.GenerationPlan.CostPlanted;
import nl.gmsd.generate.GenerationPlan.CostScenario;
import nl.gmsd.generate.GenerationPlan.Scenario;
import nl.gmsd.generate.UnitGenerator.PlantedFile;

/**
 * The cost files of one gemeente and half year of 2016-2019 (SPEC 12): an SBO file for a share
 * of the gemeenten asked for it (under 20 000 generated inhabitants), a JEUGD file for a share of
 * all, uploaded in the same session as the gemeente's Wmo file and by the same account; costs in
 * proportion to the generated inhabitants, some categories left out; corrections, re-deliveries
 * and the planted faulty files of {@link GenerationPlan#costScenarios}. Lines are written by the
 * columns' roles in the kind's protocol. Every random draw comes from a stream of its own, so the
 * Wmo files are the same as without cost files.
 */
final class CostGenerator {

  private final GenerationPlan plan;
  private final Path archive;

  CostGenerator(GenerationPlan plan, Path archive) {
    this.plan = plan;
    this.archive = archive;
  }

  /** One upload of a cost file: when, in which window, its rows and what it should get. */
  private record CostUpload(Instant at, Period window, List<String[]> rows, boolean rejected, List<String> codes,
      List<String> warnings) {}

  /**
   * Writes the cost files of {@code code} for {@code period} (none for a period of another
   * protocol) and records them in {@code result}.
   *
   * @param inhabitants the gemeente's generated inhabitants in the period's year
   * @param wmoFirst the time of the gemeente's first Wmo upload for the period
   */
  void deliver(String code, Period period, int inhabitants, Instant wmoFirst, String account, UnitGenerator.Result result)
      throws IOException {
    List<Protocol> kinds = Protocols.forPeriod(period).withRecord("CostRecord");
    Planted planted = planted(code, period);
    boolean withdrawing = plan.scenarios.containsKey(code) && plan.scenarios.get(code).period().equals(period)
        && plan.scenarios.get(code).scenario() == Scenario.WITHDRAWAL;
    for (int k = 0; k < kinds.size(); k++) {
      Protocol kind = kinds.get(k);
      SplittableRandom r = new SplittableRandom(Seeds.of(plan.seed, "costs/" + kind.kind() + "/" + period.code(), code));
      CostPlanted mine = planted.of(kind.kind());
      Optional<Long> threshold = kind.optionalSetting("request.inhabitantsBelow").map(Long::parseLong);
      boolean asked = threshold.isEmpty() || inhabitants < threshold.get();
      boolean delivers = r.nextDouble() < (threshold.isPresent()
          ? GeneratorSettings.SBO_DELIVERY_SHARE : GeneratorSettings.JEUGD_DELIVERY_SHARE);
      if (mine == null && !(asked && delivers)) {
        continue;
      }
      List<String[]> rows = rows(kind, code, inhabitants, r);
      Instant first = wmoFirst.plusSeconds(60L * (10 + 5 * k + r.nextInt(50)));
      List<CostUpload> uploads = uploads(kind, code, period, rows, first, mine, withdrawing, r);
      write(kind, code, period, account, uploads, result);
    }
  }

  /** The cost scenarios of a gemeente for a period, by kind. */
  private record Planted(CostPlanted only) {
    CostPlanted of(String kind) {
      return only != null && only.kind().equals(kind) ? only : null;
    }
  }

  private Planted planted(String code, Period period) {
    CostPlanted p = plan.costScenarios.get(code);
    return new Planted(p != null && p.period().equals(period) ? p : null);
  }

  /** One row per category, some left out (at least one kept), euros in proportion to inhabitants. */
  private static List<String[]> rows(Protocol kind, String code, int inhabitants, SplittableRandom r) {
    List<String> categories = kind.columnFor("category").allowed();
    double[] rates = GeneratorSettings.COST_EUROS_PER_INHABITANT.get(kind.kind());
    List<String[]> rows = new ArrayList<>();
    for (int i = 0; i < categories.size(); i++) {
      boolean leftOut = r.nextDouble() < GeneratorSettings.COST_CATEGORY_LEFT_OUT_SHARE;
      double factor = GeneratorSettings.COST_FACTOR_MIN
          + r.nextDouble() * (GeneratorSettings.COST_FACTOR_MAX - GeneratorSettings.COST_FACTOR_MIN);
      if (leftOut && !(rows.isEmpty() && i == categories.size() - 1)) {
        continue;
      }
      rows.add(row(kind, code, categories.get(i), Math.round(inhabitants * rates[i] * factor)));
    }
    return rows;
  }

  private static String[] row(Protocol kind, String code, String category, long euros) {
    String[] f = new String[kind.columns().size()];
    UnitGenerator.set(kind, f, "gemeentecode", code);
    UnitGenerator.set(kind, f, "category", category);
    UnitGenerator.set(kind, f, "kosten", Long.toString(euros));
    return f;
  }

  private List<CostUpload> uploads(Protocol kind, String code, Period period, List<String[]> rows, Instant first,
      CostPlanted mine, boolean withdrawing, SplittableRandom r) {
    List<CostUpload> uploads = new ArrayList<>();
    List<String> warnings = mine != null && mine.scenario() == CostScenario.NOT_REQUESTED ? List.of("W33") : List.of();
    if (mine != null && mine.scenario() != CostScenario.NOT_REQUESTED) {
      uploads.add(new CostUpload(first, period, bad(kind, rows, mine.errorCodes()), true, mine.errorCodes(), List.of()));
      if (mine.scenario() == CostScenario.REJECT_THEN_FIX) {
        uploads.add(new CostUpload(UnitGenerator.later(first, r, 2, 15), period, rows, false, List.of(), List.of()));
      }
      return uploads;
    }
    uploads.add(new CostUpload(first, period, rows, false, List.of(), warnings));
    boolean correction = r.nextDouble() < GeneratorSettings.COST_CORRECTION_SHARE;
    boolean redelivery = r.nextDouble() < GeneratorSettings.COST_REDELIVERY_SHARE;
    if (withdrawing) {
      return uploads; // a later delivery would give consent again (SPEC 2)
    }
    if (correction) {
      uploads.add(new CostUpload(UnitGenerator.later(first, r, 5, 30), period, corrected(kind, rows, r), false,
          List.of(), warnings));
    }
    if (redelivery && period.next().compareTo(plan.run) <= 0) {
      uploads.add(new CostUpload(UnitGenerator.redeliveryTime(period, r), period.next(), corrected(kind, rows, r), false,
          List.of(), warnings));
    }
    uploads.sort(Comparator.comparing(CostUpload::at));
    return uploads;
  }

  /** A correction: the same categories with amounts a little different. */
  private static List<String[]> corrected(Protocol kind, List<String[]> rows, SplittableRandom r) {
    int kosten = kind.indexOf("kosten");
    List<String[]> out = new ArrayList<>();
    for (String[] row : rows) {
      String[] f = row.clone();
      f[kosten] = Long.toString(Math.round(Long.parseLong(row[kosten]) * (0.9 + 0.2 * r.nextDouble())));
      out.add(f);
    }
    return out;
  }

  /** The rows with one defect per planted code; every other field valid. */
  private static List<String[]> bad(Protocol kind, List<String[]> rows, List<String> codes) {
    int kosten = kind.indexOf("kosten");
    int category = kind.indexOf("category");
    List<String[]> out = new ArrayList<>();
    rows.forEach(row -> out.add(row.clone()));
    for (String code : codes) {
      switch (code) {
        case "R42" -> out.get(0)[kosten] = out.get(0)[kosten] + ",50"; // euros and cents
        case "R40", "R41" -> out.get(0)[category] = "7" + out.get(0)[category].substring(1); // 770, 7
        case "R43" -> {
          String[] again = out.get(0).clone();
          again[kosten] = "1";
          out.add(again);
        }
        default -> throw new IllegalStateException("no planting for " + code);
      }
    }
    return out;
  }

  private void write(Protocol kind, String code, Period period, String account, List<CostUpload> uploads,
      UnitGenerator.Result result) throws IOException {
    boolean crlf = new SplittableRandom(Seeds.of(plan.seed, "style", code)).nextDouble() < GeneratorSettings.CRLF_SHARE;
    boolean bom = new SplittableRandom(Seeds.of(plan.seed, "bom", code)).nextDouble() < GeneratorSettings.BOM_SHARE;
    String eol = crlf ? "\r\n" : "\n";
    int inForce = -1;
    for (int i = 0; i < uploads.size(); i++) {
      if (!uploads.get(i).rejected()) {
        inForce = i;
      }
    }
    for (int i = 0; i < uploads.size(); i++) {
      CostUpload u = uploads.get(i);
      String name = u.window().code() + "/" + kind.setting("prefix") + "_" + period.code() + "_" + code + "v" + (i + 1)
          + ".csv";
      Path path = archive.resolve(name);
      Files.createDirectories(path.getParent());
      try (Writer w = UnitGenerator.writer(path)) {
        if (bom) {
          w.write('\uFEFF');
        }
        w.write(kind.header());
        w.write(eol);
        for (String[] row : u.rows()) {
          w.write(kind.join(row));
          w.write(eol);
        }
      }
      result.costFiles++;
      result.costRows += u.rows().size();
      result.bytes += Files.size(path);
      result.files.add(new PlantedFile(name, UnitGenerator.TIMESTAMP.format(u.at()), account, code, period.code(),
          u.window().code(), u.rejected() ? "AFGEKEURD" : "GOEDGEKEURD", u.codes().size(),
          UnitGenerator.codeCounts(u.codes()), i == inForce, UnitGenerator.codeCounts(u.warnings())));
    }
  }

  static {
    // the cost mixes must cover exactly each cost kind's categories
    for (Protocol kind : Protocols.forPeriod(Period.parse("H12018")).withRecord("CostRecord")) {
      double[] rates = GeneratorSettings.COST_EUROS_PER_INHABITANT.get(kind.kind());
      if (rates == null || rates.length != kind.columnFor("category").allowed().size()) {
        throw new IllegalStateException("cost rates do not cover the categories of " + kind.kind());
      }
    }
  }
}
