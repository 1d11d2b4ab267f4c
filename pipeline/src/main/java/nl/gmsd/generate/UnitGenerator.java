package nl.gmsd.generate;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeMap;
import nl.gmsd.check.Protocol;
import nl.gmsd.check.Protocols;
import nl.gmsd.common.ArrangementTypes;
import nl.gmsd.common.Period;
import nl.gmsd.generate.GenerationPlan.Planted;
import nl.gmsd.generate.GenerationPlan.Scenario;
import nl.gmsd.generate.GenerationPlan.Unit;

/**
 * Generates one unit (a gemeente with its predecessors): its persons, their arrangements, and
 * every delivery of its codes. Holds one unit in memory; writes as it goes.
 */
final class UnitGenerator {

  static final String UNKNOWN_BSN = "999999999";
  static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);
  private static final int LARGE_BUFFER = 1 << 20;
  private static final int FILE_BUFFER = 1 << 16;

  /** One delivered file as planted: a manifest row and its expected verdict. */
  record PlantedFile(
      String file,
      String receivedAt,
      String account,
      String gemeentecode,
      String period,
      String window,
      String verdict,
      int errors,
      String codes,
      boolean inForce,
      String warnings) {}

  /** What one unit produced. */
  static final class Result {
    final List<PlantedFile> files = new ArrayList<>();
    final List<String> withdrawals = new ArrayList<>();
    long persons;
    long personenRows;
    long households;
    final TreeMap<String, Long> clientsByPeriod = new TreeMap<>();
    final TreeMap<String, Long> recordsByPeriod = new TreeMap<>();
    long recordLines;
    long bytes;
    /** Cost files (SPEC 12) written, and their rows; 0 for a run of 2020 or later. */
    long costFiles;
    long costRows;
  }

  private enum Kind {
    APPROVED("GOEDGEKEURD"), REJECTED("AFGEKEURD"), OPTIONAL_ERRORS("GOEDGEKEURD"), REFUSED("GEWEIGERD");

    final String verdict;

    Kind(String verdict) {
      this.verdict = verdict;
    }
  }

  private record Upload(Instant at, Period window, Kind kind, List<String> errorCodes) {}

  /** One record, with the person it belongs to (-1: BSN unknown). */
  private record Rec(int person, String type, int start, int end, String lv, String tw, String volume,
      String eenheid, String frequentie, String redenEinde, String redenWijziging) {
    static final int OPEN = Integer.MAX_VALUE;

    boolean overlaps(Period p) {
      return start <= p.endEpochDay() && end >= p.startEpochDay();
    }
  }

  private final GenerationPlan plan;
  private final SyntheticBsn bsns;
  private final Path archive;
  private final CostGenerator costs;

  UnitGenerator(GenerationPlan plan, SyntheticBsn bsns, Path archive) {
    this.plan = plan;
    this.bsns = bsns;
    this.archive = archive;
    this.costs = new CostGenerator(plan, archive);
  }

  Result generate(Unit unit, long firstIndex, Path personenPart) throws IOException {
    Result result = new Result();
    int n = unit.persons();
    SplittableRandom rp = new SplittableRandom(Seeds.of(plan.seed, "persons", unit.key()));
    int[] bsn = new int[n];
    int[] ageGroup = new int[n];
    int[] birthDay = new int[n];
    boolean[] inRegister = new boolean[n];
    LocalDate ageDay = plan.run.end();
    long household = 0;
    int left = 0;
    try (Writer w = writer(personenPart, LARGE_BUFFER)) {
      StringBuilder sb = new StringBuilder(64);
      for (int i = 0; i < n; i++) {
        bsn[i] = bsns.bsn(firstIndex + i);
        int g = pick(rp, GeneratorSettings.AGE_GROUP_SHARES);
        ageGroup[i] = g;
        int[] bounds = GeneratorSettings.AGE_GROUP_BOUNDS[g];
        int age = bounds[0] + rp.nextInt(bounds[1] - bounds[0] + 1);
        int birth = (int) ageDay.minusYears(age).toEpochDay() - rp.nextInt(365);
        birthDay[i] = birth;
        boolean woman = rp.nextDouble() < GeneratorSettings.WOMEN_SHARE_BY_AGE_GROUP[g];
        if (left == 0) {
          household++;
          left = 1 + pick(rp, GeneratorSettings.HOUSEHOLD_SIZE_SHARES);
        }
        left--;
        inRegister[i] = rp.nextDouble() >= GeneratorSettings.NOT_IN_REGISTER_SHARE;
        if (inRegister[i]) {
          sb.setLength(0);
          sb.append(SyntheticBsn.format(bsn[i])).append(';').append(DateText.of(birth)).append(';')
              .append(woman ? 'V' : 'M').append(';').append(unit.key()).append('-').append(household).append('\n');
          w.append(sb);
          result.personenRows++;
        }
      }
    }
    result.persons = n;
    result.households = household;

    List<Rec> records = careRecords(unit, ageGroup, birthDay);

    for (Period period : plan.periods) {
      List<String> codes = unit.codesByYear().get(period.year());
      if (codes == null) {
        continue;
      }
      int[] counts = unit.personsByYear().get(period.year());
      int from = 0;
      for (int c = 0; c < codes.size(); c++) {
        String code = codes.get(c);
        int to = from + counts[c];
        Instant wmoFirst = deliver(unit, code, period, from, to, records, bsn, result);
        costs.deliver(code, period, Math.max(1, counts[c]), wmoFirst, plan.accounts.getOrDefault(code, code), result);
        from = to;
      }
    }
    return result;
  }

  /** Arrangements of the unit's clients, written as records, in person order. */
  private List<Rec> careRecords(Unit unit, int[] ageGroup, int[] birthDay) {
    SplittableRandom r = new SplittableRandom(Seeds.of(plan.seed, "care", unit.key()));
    boolean withTw = r.nextDouble() >= GeneratorSettings.WITHOUT_TOEWIJZINGSNUMMER_SHARE;
    int horizonStart = plan.periods.get(0).startEpochDay() - GeneratorSettings.HISTORY_DAYS;
    int horizonEnd = plan.run.endEpochDay();
    List<Rec> out = new ArrayList<>();
    long twCounter = 0;
    for (int i = 0; i < ageGroup.length; i++) {
      int g = ageGroup[i];
      double q = GeneratorSettings.CLIENT_RATE_BY_AGE_GROUP[g] * GeneratorSettings.CARE_PROBABILITY_FACTOR;
      if (r.nextDouble() >= q) {
        continue;
      }
      int arrangements = 1 + (r.nextDouble() < GeneratorSettings.SECOND_ARRANGEMENT ? 1 : 0)
          + (r.nextDouble() < GeneratorSettings.THIRD_ARRANGEMENT ? 1 : 0);
      for (int a = 0; a < arrangements; a++) {
        double[] weights = g == 0 ? GeneratorSettings.TYPE_WEIGHTS_CHILD : GeneratorSettings.TYPE_WEIGHTS_ADULT;
        int t = pick(r, weights) + 1;
        String type = t < 10 ? "0" + t : Integer.toString(t);
        boolean hulpmiddel = t >= 11 && t <= 14;
        double pgb = hulpmiddel ? GeneratorSettings.PGB_SHARE_HULPMIDDELEN : GeneratorSettings.PGB_SHARE;
        String lv = r.nextDouble() < pgb ? "PGB" : "ZIN";
        int start = Math.max(birthDay[i], horizonStart + r.nextInt(horizonEnd - horizonStart + 1));
        boolean open = r.nextDouble() < GeneratorSettings.OPEN_ENDED_SHARE;
        int end = open ? Rec.OPEN
            : start + 14 + (int) (-Math.log(1 - r.nextDouble()) * GeneratorSettings.MEAN_DURATION_DAYS);
        int allocations = 1 + pick(r, GeneratorSettings.ALLOCATION_COUNT_SHARES);
        int segStart = start;
        for (int s = 0; s < allocations; s++) {
          boolean last = s == allocations - 1;
          int limit = end == Rec.OPEN ? horizonEnd + 180 : end;
          int segEnd;
          if (last) {
            segEnd = end;
          } else {
            int room = limit - segStart;
            if (room < 20) {
              segEnd = end;
              last = true;
            } else {
              segEnd = segStart + 5 + r.nextInt(room - 10);
            }
          }
          String tw = withTw ? "TW" + unit.key() + "-" + (++twCounter) : "";
          String reason = s > 0 ? twoDigits(1 + r.nextInt(14)) : "";
          boolean volumeChange = segEnd != Rec.OPEN && segEnd - segStart > 30
              && r.nextDouble() < GeneratorSettings.VOLUME_CHANGE_SHARE;
          if (volumeChange) {
            int mid = segStart + 10 + r.nextInt(segEnd - segStart - 20);
            out.add(record(r, i, type, segStart, mid, lv, tw, reason, false));
            out.add(record(r, i, type, mid + 1, segEnd, lv, tw, twoDigits(1 + r.nextInt(14)), last));
          } else {
            out.add(record(r, i, type, segStart, segEnd, lv, tw, reason, last));
          }
          if (last) {
            break;
          }
          double u = r.nextDouble();
          int gap = u < GeneratorSettings.LARGE_GAP_SHARE ? 3 + r.nextInt(28)
              : u < GeneratorSettings.LARGE_GAP_SHARE + GeneratorSettings.SMALL_GAP_SHARE ? 1 + r.nextInt(2) : 0;
          segStart = segEnd + 1 + gap;
          if (end != Rec.OPEN && segStart > end) {
            break;
          }
        }
      }
    }
    return out;
  }

  private static Rec record(SplittableRandom r, int person, String type, int start, int end, String lv,
      String tw, String redenWijziging, boolean endsArrangement) {
    String volume = "";
    String eenheid = "";
    String frequentie = "";
    if (r.nextDouble() < GeneratorSettings.VOLUME_FILLED_SHARE) {
      int t = Integer.parseInt(type);
      if (lv.equals("PGB")) {
        volume = Integer.toString(500 + r.nextInt(20000));
        eenheid = "83";
        frequentie = "4";
      } else if (t >= 11 && t <= 14 || t == 5) {
        volume = "1";
        eenheid = "82";
        frequentie = "6";
      } else if (t == 4 || t >= 15) {
        volume = Integer.toString(1 + r.nextInt(31));
        eenheid = "14";
        frequentie = "4";
      } else if (t == 7 || t == 9) {
        volume = Integer.toString(1 + r.nextInt(10));
        eenheid = "16";
        frequentie = "2";
      } else if (t == 8) {
        volume = Integer.toString(100 + r.nextInt(2000));
        eenheid = "84";
        frequentie = "1";
      } else {
        volume = Integer.toString(1 + r.nextInt(12));
        eenheid = r.nextDouble() < 0.8 ? "04" : "01";
        frequentie = "2";
      }
    }
    String redenEinde = end != Rec.OPEN && endsArrangement && r.nextDouble() < 0.7
        ? GeneratorSettings.REDENEN_BEEINDIGING.get(r.nextInt(GeneratorSettings.REDENEN_BEEINDIGING.size()))
        : "";
    return new Rec(person, type, start, end, lv, tw, volume, eenheid, frequentie, redenEinde, redenWijziging);
  }

  /**
   * Plans, writes and records every Wmo delivery of one gemeentecode for one period; returns the
   * time of its first upload (the cost files come in the same session).
   */
  private Instant deliver(Unit unit, String code, Period period, int from, int to, List<Rec> records, int[] bsn,
      Result result) throws IOException {
    SplittableRandom r = new SplittableRandom(Seeds.of(plan.seed, "deliver/" + period.code(), code));
    Planted planted = plan.scenarios.get(code);
    Scenario scenario = planted != null && planted.period().equals(period) ? planted.scenario() : null;

    // the base content: records of the period's persons that overlap it, as fields in the order
    // of the period's protocol (AANMAAKDATUM filled in per upload)
    Protocol protocol = Protocols.forPeriod(period).wmo();
    List<String[]> lines = new ArrayList<>();
    long clients = 0;
    int lastPerson = -1;
    for (Rec rec : records) {
      if (rec.person() >= from && rec.person() < to && rec.overlaps(period)) {
        lines.add(fields(protocol, code, SyntheticBsn.format(bsn[rec.person()]), rec));
        if (rec.person() != lastPerson) {
          clients++;
          lastPerson = rec.person();
        }
      }
    }
    String account = plan.accounts.getOrDefault(code, code);
    boolean forced = scenario == Scenario.UNKNOWN_BSN;
    if (lines.isEmpty() && (!account.equals(code) || forced)) {
      // a file without records belongs to its account's gemeente (SPEC 11); a partnership
      // member's file always has a record so that it stays its own (and the forced warnings
      // need one to copy): a short loan of a hulpmiddel
      int person = from + r.nextInt(to - from);
      int start = period.startEpochDay() + r.nextInt(60);
      lines.add(fields(protocol, code, SyntheticBsn.format(bsn[person]),
          new Rec(person, "14", start, start + 10 + r.nextInt(60), "ZIN", "", "1", "82", "6", "", "")));
      clients++;
    }
    // warnings (SPEC 4): they never change the verdict; each kind on records of its own
    if ((forced || r.nextDouble() < GeneratorSettings.DUPLICATE_DELIVERY_SHARE) && !lines.isEmpty()) {
      lines.add(lines.get(r.nextInt(lines.size()))); // W31: an exact copy of an earlier line
    }
    if (forced || r.nextDouble() < GeneratorSettings.UNKNOWN_BSN_DELIVERY_SHARE) {
      int k = 1 + r.nextInt(3);
      for (int i = 0; i < k; i++) {
        int start = period.startEpochDay() - 1 - 7 * i - r.nextInt(7); // distinct: no W31 on W32 lines
        int end = period.endEpochDay() - r.nextInt(60);
        lines.add(fields(protocol, code, UNKNOWN_BSN,
            new Rec(-1, "0" + (1 + r.nextInt(3)), start, end, "ZIN", "", "", "", "", "", "")));
      }
    }
    int outsideLines = 0;
    if (forced || r.nextDouble() < GeneratorSettings.OUT_OF_PERIOD_DELIVERY_SHARE) {
      // W30: a record that ended before the period
      int person = from + r.nextInt(to - from);
      int end = period.startEpochDay() - 1 - r.nextInt(100);
      lines.add(fields(protocol, code, SyntheticBsn.format(bsn[person]),
          new Rec(person, "01", end - 10 - r.nextInt(200), end, "ZIN", "", "", "", "", "", "")));
      outsideLines++;
    }
    result.clientsByPeriod.merge(period.code(), clients, Long::sum);
    result.recordsByPeriod.merge(period.code(), (long) lines.size(), Long::sum);

    // the uploads
    Instant windowStart = period.next().start().atStartOfDay(ZoneOffset.UTC).toInstant();
    Instant first = windowStart.plusSeconds(86_400L * (1 + r.nextInt(GeneratorSettings.FIRST_UPLOAD_DAY_MAX - 1))
        + 8 * 3600 + r.nextInt(10 * 3600));
    boolean correction = r.nextDouble() < GeneratorSettings.CORRECTION_SHARE;
    boolean redelivery = r.nextDouble() < GeneratorSettings.REDELIVERY_SHARE;
    List<String> errs = planted == null ? List.of() : planted.errorCodes();
    List<Upload> uploads = new ArrayList<>();
    if (scenario == null || scenario == Scenario.UNKNOWN_BSN) {
      uploads.add(new Upload(first, period, Kind.APPROVED, List.of()));
      if (correction) {
        uploads.add(new Upload(later(first, r, 5, 30), period, Kind.APPROVED, List.of()));
      }
      if (redelivery && period.next().compareTo(plan.run) <= 0) {
        uploads.add(new Upload(redeliveryTime(period, r), period.next(), Kind.APPROVED, List.of()));
      }
    } else {
      switch (scenario) {
        case REJECT_THEN_FIX -> {
          uploads.add(new Upload(first, period, Kind.REJECTED, errs));
          uploads.add(new Upload(later(first, r, 2, 15), period, Kind.APPROVED, List.of()));
        }
        case APPROVED_THEN_REJECTED -> {
          uploads.add(new Upload(first, period, Kind.APPROVED, List.of()));
          uploads.add(new Upload(later(first, r, 5, 20), period, Kind.REJECTED, errs));
        }
        case REJECTED_ONLY -> uploads.add(new Upload(first, period, Kind.REJECTED, errs));
        case OPTIONAL_ERRORS_ONLY -> uploads.add(new Upload(first, period, Kind.OPTIONAL_ERRORS, errs));
        case WITHDRAWAL -> uploads.add(new Upload(first, period, Kind.APPROVED, List.of()));
        case TWENTY_ONE_UPLOADS -> {
          for (int i = 0; i <= GeneratorSettings.MAX_DELIVERIES_PER_WINDOW; i++) {
            Kind kind = i < GeneratorSettings.MAX_DELIVERIES_PER_WINDOW ? Kind.APPROVED : Kind.REFUSED;
            uploads.add(new Upload(first.plusSeconds(86_400L * i + 60L * i), period, kind,
                kind == Kind.REFUSED ? List.of("F09") : List.of()));
          }
        }
        case CORRECTION -> {
          uploads.add(new Upload(first, period, Kind.APPROVED, List.of()));
          uploads.add(new Upload(later(first, r, 5, 30), period, Kind.APPROVED, List.of()));
        }
        case REDELIVERY -> {
          uploads.add(new Upload(first, period, Kind.APPROVED, List.of()));
          uploads.add(new Upload(redeliveryTime(period, r), period.next(), Kind.APPROVED, List.of()));
        }
        default -> throw new IllegalStateException("unplanned scenario " + scenario);
      }
    }
    uploads.sort(Comparator.comparing(Upload::at));

    int created = protocol.indexOf("created");
    int bsnField = protocol.indexOf("bsn");
    boolean crlf = new SplittableRandom(Seeds.of(plan.seed, "style", code)).nextDouble() < GeneratorSettings.CRLF_SHARE;
    boolean bom = new SplittableRandom(Seeds.of(plan.seed, "bom", code)).nextDouble() < GeneratorSettings.BOM_SHARE;
    String eol = crlf ? "\r\n" : "\n";
    int inForce = -1;
    for (int i = 0; i < uploads.size(); i++) {
      if (uploads.get(i).kind().verdict.equals("GOEDGEKEURD")) {
        inForce = i;
      }
    }
    for (int i = 0; i < uploads.size(); i++) {
      Upload u = uploads.get(i);
      String name = u.window().code() + "/WMO_" + period.code() + "_" + code + "v" + (i + 1) + ".csv";
      Path path = archive.resolve(name);
      Files.createDirectories(path.getParent());
      LocalDate uploadDay = u.at().atOffset(ZoneOffset.UTC).toLocalDate();
      String aanmaak = DateText.of((int) uploadDay.toEpochDay() - r.nextInt(4));
      List<String> bad = badLines(protocol, u, code, period, from, to, bsn, aanmaak, r);
      try (Writer w = writer(path, FILE_BUFFER)) {
        if (bom) {
          w.write('\uFEFF');
        }
        w.write(protocol.header());
        w.write(eol);
        for (String[] line : lines) {
          line[created] = aanmaak;
          w.write(protocol.join(line));
          w.write(eol);
        }
        for (String line : bad) {
          w.write(line);
          w.write(eol);
        }
      }
      result.recordLines += lines.size() + bad.size();
      List<String> warnings = new ArrayList<>();
      java.util.HashSet<String> seen = new java.util.HashSet<>();
      for (String[] line : lines) {
        if (!seen.add(protocol.join(line))) {
          warnings.add("W31");
        }
        if (line[bsnField].equals(UNKNOWN_BSN)) {
          warnings.add("W32");
        }
      }
      for (int k = 0; k < outsideLines; k++) {
        warnings.add("W30");
      }
      if (u.kind() == Kind.REFUSED) {
        warnings.clear(); // a refused delivery is not processed: F09 is its only finding
      }
      result.bytes += Files.size(path);
      int errors = u.errorCodes().size();
      result.files.add(new PlantedFile(name, TIMESTAMP.format(u.at()), account, code, period.code(),
          u.window().code(), u.kind().verdict, errors, codeCounts(u.errorCodes()), i == inForce, codeCounts(warnings)));
    }
    if (scenario == Scenario.WITHDRAWAL) {
      Instant lastUpload = uploads.get(uploads.size() - 1).at();
      result.withdrawals.add(code + ";" + period.code() + ";" + TIMESTAMP.format(later(lastUpload, r, 7, 14)));
    }
    return first;
  }

  /** One clearly wrong record per planted error code; every other field valid. */
  private List<String> badLines(Protocol protocol, Upload u, String code, Period period, int from, int to, int[] bsn,
      String aanmaak, SplittableRandom r) {
    List<String> out = new ArrayList<>();
    if (u.kind() != Kind.REJECTED && u.kind() != Kind.OPTIONAL_ERRORS) {
      return out;
    }
    int k = 0;
    for (String err : u.errorCodes()) {
      int person = from + r.nextInt(to - from);
      String bsnText = SyntheticBsn.format(bsn[person]);
      String created = aanmaak;
      String type = "02";
      String start = DateText.of(period.startEpochDay() + k);
      String end = DateText.of(period.endEpochDay());
      String lv = "ZIN";
      String eenheid = "";
      switch (err) {
        case "R10" -> created = period.year() + "1301";
        case "R13" -> bsnText = failingBsn(bsnText);
        case "R14" -> type = "19";
        case "R16" -> end = period.year() + (period.half() == 1 ? "0631" : "1232");
        case "R18" -> lv = "zin";
        case "O22" -> eenheid = "99";
        default -> throw new IllegalStateException("no planting for " + err);
      }
      String[] f = new String[protocol.columns().size()];
      set(protocol, f, "created", created);
      set(protocol, f, "gemeentecode", code);
      set(protocol, f, "bsn", bsnText);
      set(protocol, f, "type", type);
      set(protocol, f, "start", start);
      set(protocol, f, "end", end);
      set(protocol, f, "leveringsvorm", lv);
      set(protocol, f, "volume", eenheid.isEmpty() ? "" : "2");
      set(protocol, f, "eenheid", eenheid);
      set(protocol, f, "frequentie", eenheid.isEmpty() ? "" : "2");
      out.add(protocol.join(f));
      k++;
    }
    return out;
  }

  /** A 9-digit number that fails the 11-test: the check digit moved by one (or two). */
  static String failingBsn(String valid) {
    for (int delta = 1; delta <= 2; delta++) {
      int d9 = (valid.charAt(8) - '0' + delta) % 10;
      String s = valid.substring(0, 8) + d9;
      if (!SyntheticBsn.passesElevenTest(s) && !s.equals(UNKNOWN_BSN) && !s.equals("000000000")) {
        return s;
      }
    }
    throw new IllegalStateException("cannot derive a failing number");
  }

  /**
   * The fields of a record by the roles of the period's protocol, so that the column order lives
   * in the protocol only; AANMAAKDATUM is left for the upload, a column without a role stays empty.
   */
  private static String[] fields(Protocol protocol, String code, String bsn, Rec rec) {
    String[] f = new String[protocol.columns().size()];
    set(protocol, f, "gemeentecode", code);
    set(protocol, f, "bsn", bsn);
    set(protocol, f, "type", rec.type());
    set(protocol, f, "start", DateText.of(rec.start()));
    set(protocol, f, "end", rec.end() == Rec.OPEN ? "" : DateText.of(rec.end()));
    set(protocol, f, "leveringsvorm", rec.lv());
    set(protocol, f, "toewijzingsnummer", rec.tw());
    set(protocol, f, "volume", rec.volume());
    set(protocol, f, "eenheid", rec.eenheid());
    set(protocol, f, "frequentie", rec.frequentie());
    set(protocol, f, "redenBeeindiging", rec.redenEinde());
    set(protocol, f, "redenWijziging", rec.redenWijziging());
    return f;
  }

  /** Sets the field of a role, when the protocol has a column with that role. */
  static void set(Protocol protocol, String[] fields, String role, String value) {
    int i = protocol.indexOf(role);
    if (i >= 0) {
      fields[i] = value;
    }
  }

  static String codeCounts(List<String> codes) {
    TreeMap<String, Integer> counts = new TreeMap<>();
    for (String c : codes) {
      counts.merge(c, 1, Integer::sum);
    }
    StringBuilder sb = new StringBuilder();
    counts.forEach((c, n) -> sb.append(sb.length() == 0 ? "" : ",").append(c).append(':').append(n));
    return sb.toString();
  }

  static Instant later(Instant t, SplittableRandom r, int minDays, int maxDays) {
    return t.plusSeconds(86_400L * (minDays + r.nextInt(maxDays - minDays + 1)) + r.nextInt(3600));
  }

  static Instant redeliveryTime(Period period, SplittableRandom r) {
    Instant nextWindowStart = period.next().next().start().atStartOfDay(ZoneOffset.UTC).toInstant();
    return nextWindowStart.plusSeconds(86_400L * (GeneratorSettings.REDELIVERY_DAY_MIN
        + r.nextInt(GeneratorSettings.REDELIVERY_DAY_MAX - GeneratorSettings.REDELIVERY_DAY_MIN))
        + 8 * 3600 + r.nextInt(10 * 3600));
  }

  private static String twoDigits(int v) {
    return v < 10 ? "0" + v : Integer.toString(v);
  }

  static int pick(SplittableRandom r, double[] weights) {
    double sum = 0;
    for (double w : weights) {
      sum += w;
    }
    double u = r.nextDouble() * sum;
    for (int i = 0; i < weights.length; i++) {
      u -= weights[i];
      if (u < 0) {
        return i;
      }
    }
    return weights.length - 1;
  }

  static Writer writer(Path path) throws IOException {
    return writer(path, FILE_BUFFER);
  }

  static Writer writer(Path path, int buffer) throws IOException {
    return new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(path), StandardCharsets.UTF_8), buffer);
  }

  static {
    // the type mixes must cover exactly the codes 01..18
    if (GeneratorSettings.TYPE_WEIGHTS_ADULT.length != ArrangementTypes.codes().size()
        || GeneratorSettings.TYPE_WEIGHTS_CHILD.length != ArrangementTypes.codes().size()) {
      throw new IllegalStateException("type weights do not cover codes 01-18");
    }
  }
}
