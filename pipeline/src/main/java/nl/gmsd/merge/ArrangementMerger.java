package nl.gmsd.merge;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import nl.gmsd.avro.Arrangement;
import nl.gmsd.avro.MicrodataArrangement;
import nl.gmsd.avro.PseudonymisedRecord;
import nl.gmsd.common.Period;

/**
 * Merges the records of one gemeente and calendar year into arrangements, in two stages (SPEC 5,
 * 11).
 *
 * <ul>
 *   <li>Stage 1: records with a toewijzingsnummer and the same (pseudonym, toewijzingsnummer,
 *       type) become one piece: earliest start, latest end (open wins), leveringsvorm and reden
 *       beeindiging of the deciding record ({@link MergeSettings#decidingOrder()}).
 *   <li>Stage 2: those pieces and the records without a toewijzingsnummer, per (pseudonym, type,
 *       leveringsvorm), sorted by start: a piece joins the current arrangement when {@code start
 *       <= end + maxGapDays} (open end = +infinity); the end grows to the later of the two. The
 *       arrangement keeps the reden beeindiging of its member with the latest end, ties broken by
 *       the deciding order.
 *   <li>Records of unknown persons (null pseudonym, BSN 999999999) are never merged: each is one
 *       arrangement.
 * </ul>
 *
 * The result depends only on the set of records, never on their order.
 */
public final class ArrangementMerger implements Serializable {

  private static final long serialVersionUID = 1L;

  /** Orders arrangements by every field, so that output order is fully determined. */
  public static final Comparator<Arrangement> ARRANGEMENT_ORDER =
      Comparator.comparing(Arrangement::getGemeentecode)
          .thenComparingInt(Arrangement::getYear)
          .thenComparing(Arrangement::getPseudonym, Comparator.nullsFirst(Comparator.naturalOrder()))
          .thenComparing(Arrangement::getType)
          .thenComparing(Arrangement::getLeveringsvorm)
          .thenComparingInt(Arrangement::getStart)
          .thenComparing(Arrangement::getEnd, Comparator.nullsLast(Comparator.naturalOrder()))
          .thenComparing(
              Arrangement::getRedenBeeindiging, Comparator.nullsFirst(Comparator.naturalOrder()))
          .thenComparingInt(Arrangement::getRecords);

  private final MergeSettings settings;

  public ArrangementMerger(MergeSettings settings) {
    this.settings = Objects.requireNonNull(settings, "settings");
  }

  public static ArrangementMerger withDefaults() {
    return new ArrangementMerger(MergeSettings.defaults());
  }

  public MergeSettings settings() {
    return settings;
  }

  /**
   * Merges records of one gemeente and calendar year. Meant for the records of one (pseudonym,
   * type) group, but any mix of pseudonyms and types is grouped correctly. Every record must have
   * {@code gemeentecode}; anything else is a bug in the caller and fails.
   *
   * @return the arrangements sorted by (pseudonym (unknown first), type, leveringsvorm, start,
   *     end, reden beeindiging)
   */
  public List<Arrangement> merge(String gemeentecode, int year, List<PseudonymisedRecord> records) {
    Objects.requireNonNull(gemeentecode, "gemeentecode");
    Comparator<Piece> deciding = decidingOrder();
    List<Arrangement> out = new ArrayList<>();
    // Grouped by (pseudonym, type); TreeMap only to avoid depending on hash order.
    Map<List<String>, List<PseudonymisedRecord>> byPersonAndType = new TreeMap<>(
        Comparator.<List<String>, String>comparing(k -> k.get(0)).thenComparing(k -> k.get(1)));
    for (PseudonymisedRecord r : records) {
      if (!gemeentecode.equals(r.getGemeentecode())) {
        throw new IllegalArgumentException("record of file #" + r.getFileRank() + " line " + r.getLine()
            + " has gemeentecode " + r.getGemeentecode() + ", not " + gemeentecode);
      }
      if (r.getPseudonym() == null) {
        // Unknown person: never merged.
        Piece p = Piece.of(r);
        out.add(toArrangement(gemeentecode, year, null, r.getType(), p.leveringsvorm(), p.start(),
            p.end(), p.redenBeeindiging(), 1));
      } else {
        byPersonAndType.computeIfAbsent(List.of(r.getPseudonym(), r.getType()), k -> new ArrayList<>())
            .add(r);
      }
    }
    for (Map.Entry<List<String>, List<PseudonymisedRecord>> e : byPersonAndType.entrySet()) {
      String pseudonym = e.getKey().get(0);
      String type = e.getKey().get(1);
      for (Piece p : mergePersonType(e.getValue(), deciding)) {
        out.add(toArrangement(gemeentecode, year, pseudonym, type, p.leveringsvorm(), p.start(),
            p.end(), p.redenBeeindiging(), p.records()));
      }
    }
    out.sort(ARRANGEMENT_ORDER);
    return out;
  }

  /** Both stages for the records of one person and type. */
  private List<Piece> mergePersonType(List<PseudonymisedRecord> records, Comparator<Piece> deciding) {
    // Stage 1, per toewijzingsnummer (the person and type are already fixed).
    Map<String, List<Piece>> byToewijzing = new TreeMap<>();
    List<Piece> pieces = new ArrayList<>();
    for (PseudonymisedRecord r : records) {
      if (r.getToewijzingsnummer() == null || r.getToewijzingsnummer().isEmpty()) {
        pieces.add(Piece.of(r));
      } else {
        byToewijzing.computeIfAbsent(r.getToewijzingsnummer(), k -> new ArrayList<>()).add(Piece.of(r));
      }
    }
    for (List<Piece> group : byToewijzing.values()) {
      pieces.add(stage1(group, deciding));
    }
    // Stage 2, per leveringsvorm.
    Map<String, List<Piece>> byLeveringsvorm = new TreeMap<>();
    for (Piece p : pieces) {
      byLeveringsvorm.computeIfAbsent(p.leveringsvorm(), k -> new ArrayList<>()).add(p);
    }
    List<Piece> out = new ArrayList<>();
    for (List<Piece> group : byLeveringsvorm.values()) {
      out.addAll(stage2(group, deciding));
    }
    return out;
  }

  /** Stage 1: one piece from all records with the same toewijzingsnummer. */
  private static Piece stage1(List<Piece> group, Comparator<Piece> deciding) {
    Piece decider = group.get(0);
    int start = decider.start();
    Integer end = decider.end();
    for (Piece p : group) {
      if (deciding.compare(p, decider) > 0) {
        decider = p;
      }
      start = Math.min(start, p.start());
      end = laterEnd(end, p.end());
    }
    return new Piece(start, end, decider.leveringsvorm(), decider.redenBeeindiging(), group.size(),
        decider.representative());
  }

  /** Stage 2: the gap merge of the pieces of one leveringsvorm. */
  private List<Piece> stage2(List<Piece> group, Comparator<Piece> deciding) {
    List<Piece> sorted = new ArrayList<>(group);
    sorted.sort(Comparator.comparingInt(Piece::start)
        .thenComparing(Piece::end, Comparator.nullsLast(Comparator.naturalOrder()))
        .thenComparing(deciding));
    // The member that decides the reden beeindiging: latest end, then the deciding order.
    Comparator<Piece> redenOrder =
        Comparator.comparing(Piece::end, Comparator.nullsLast(Comparator.<Integer>naturalOrder()))
            .thenComparing(deciding);
    List<Piece> out = new ArrayList<>();
    Piece current = null;
    Piece redenMember = null;
    for (Piece p : sorted) {
      if (current != null && joins(current, p)) {
        if (redenOrder.compare(p, redenMember) > 0) {
          redenMember = p;
        }
        current = new Piece(current.start(), laterEnd(current.end(), p.end()),
            current.leveringsvorm(), redenMember.redenBeeindiging(),
            current.records() + p.records(), redenMember.representative());
      } else {
        if (current != null) {
          out.add(current);
        }
        current = p;
        redenMember = p;
      }
    }
    if (current != null) {
      out.add(current);
    }
    return out;
  }

  private boolean joins(Piece current, Piece next) {
    return current.end() == null || (long) next.start() <= (long) current.end() + settings.maxGapDays();
  }

  private static Integer laterEnd(Integer a, Integer b) {
    return a == null || b == null ? null : Math.max(a, b);
  }

  /** The deciding order of the settings, completed so that no two distinct pieces tie. */
  private Comparator<Piece> decidingOrder() {
    Comparator<Piece> c = settings.decidingOrder().get(0).order();
    for (DecidingRecordRule rule : settings.decidingOrder().subList(1, settings.decidingOrder().size())) {
      c = c.thenComparing(rule.order());
    }
    // Not a [decision]: only makes the order total (e.g. the same line in two files).
    // The file's rank orders as its path does (FileRanks).
    return c.thenComparingInt(p -> p.representative().getFileRank())
        .thenComparing(DecidingRecordRule.LATEST_START.order())
        .thenComparing(DecidingRecordRule.LATEST_END.order())
        .thenComparing(DecidingRecordRule.LATEST_HALF_YEAR.order())
        .thenComparing(DecidingRecordRule.HIGHEST_LINE.order())
        .thenComparing(Piece::leveringsvorm)
        .thenComparing(Piece::redenBeeindiging, Comparator.nullsFirst(Comparator.naturalOrder()))
        .thenComparingInt(Piece::records);
  }

  private static Arrangement toArrangement(String gemeentecode, int year, String pseudonym,
      String type, String leveringsvorm, int start, Integer end, String reden, int records) {
    return Arrangement.newBuilder()
        .setGemeentecode(gemeentecode)
        .setYear(year)
        .setPseudonym(pseudonym)
        .setType(type)
        .setLeveringsvorm(leveringsvorm)
        .setStart(start)
        .setEnd(end)
        .setRedenBeeindiging(reden)
        .setRecords(records)
        .build();
  }

  /**
   * The periods among {@code periods} in which the arrangement is active: those of its own merge
   * year that its merged interval overlaps (SPEC 5, 11). Sorted ascending, without duplicates.
   */
  public static List<Period> activePeriods(Arrangement a, Collection<Period> periods) {
    TreeSet<Period> active = new TreeSet<>();
    for (Period p : periods) {
      if (isActive(a, p)) {
        active.add(p);
      }
    }
    return List.copyOf(active);
  }

  /** True when the arrangement belongs to the period's calendar-year scope and overlaps it. */
  public static boolean isActive(Arrangement a, Period p) {
    return p.year() == a.getYear() && p.overlaps(a.getStart(), a.getEnd());
  }

  /** The pseudonymised microdata record of an arrangement active in a period. */
  public static MicrodataArrangement toMicrodata(Arrangement a, Period p) {
    if (!isActive(a, p)) {
      throw new IllegalArgumentException("arrangement of year " + a.getYear()
          + " is not active in " + p.code());
    }
    return MicrodataArrangement.newBuilder()
        .setGemeentecode(a.getGemeentecode())
        .setPeriod(p.code())
        .setPseudonym(a.getPseudonym())
        .setType(a.getType())
        .setLeveringsvorm(a.getLeveringsvorm())
        .setStart(a.getStart())
        .setEnd(a.getEnd())
        .setRedenBeeindiging(a.getRedenBeeindiging())
        .setRecords(a.getRecords())
        .build();
  }
}
