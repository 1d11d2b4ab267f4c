package nl.gmsd.costs;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import nl.gmsd.avro.CostRecord;
import nl.gmsd.check.FileKinds;
import nl.gmsd.check.Protocol;
import nl.gmsd.common.Period;
import nl.gmsd.common.ReferenceData;
import nl.gmsd.common.TableLayout;
import nl.gmsd.intake.DeliveryRules;

/**
 * What the cost files in force say (SPEC 12), per period of the run, cost kind and gemeente of the
 * period's division: the publication status and the delivered euros per category. The one source
 * of the {@code kosten} table and of the costs on the op-orde pages. Small (at most a few thousand
 * entries): one value, shipped to workers.
 *
 * <p>Status of a gemeente's costs of a kind, first rule that holds: {@code niet_gevraagd} when the
 * kind is asked only of gemeenten under a number of inhabitants and the gemeente has that many or
 * more (the SBO request lapses for them, SPEC 12); else the kind's publication status by the
 * delivery rules: {@code niet_geleverd} without a file in force, {@code ingetrokken} when
 * withdrawn, else {@code gepubliceerd}. A category left out of the file in force is not delivered
 * (not zero).
 */
public final class CostFigures implements Serializable {

  private static final long serialVersionUID = 1L;

  /** SPEC 12: the kind is not asked of this gemeente (SBO of 20 000 inhabitants or more). */
  public static final String STATUS_NOT_REQUESTED = "niet_gevraagd";

  /** The record type of the cost kinds' protocols. */
  public static final String RECORD = "CostRecord";

  /**
   * One gemeente's costs of one kind in one period.
   *
   * @param status gepubliceerd, ingetrokken, niet_geleverd or niet_gevraagd
   * @param file the file in force, or null
   * @param kosten euros per delivered category, in category order; only for a published gemeente
   */
  public record Delivery(String status, String file, SortedMap<String, Long> kosten) implements Serializable {

    public boolean published() {
      return TableLayout.STATUS_PUBLISHED.equals(status);
    }

    /** The sum of the delivered categories, or empty when none is delivered or not published. */
    public Optional<Long> total() {
      if (!published() || kosten.isEmpty()) {
        return Optional.empty();
      }
      long sum = 0;
      for (long v : kosten.values()) {
        sum = Math.addExact(sum, v);
      }
      return Optional.of(sum);
    }
  }

  /** A cost kind in force in a period: its id and its categories in file-value order. */
  public record Kind(String id, List<String> categories, Protocol protocol) implements Serializable {}

  private final TreeMap<Period, List<Kind>> kinds;
  private final TreeMap<String, Delivery> deliveries;

  private CostFigures(TreeMap<Period, List<Kind>> kinds, TreeMap<String, Delivery> deliveries) {
    this.kinds = kinds;
    this.deliveries = deliveries;
  }

  /** The periods of the run for which some cost kind is in force. */
  public static List<Period> costPeriods(Collection<Period> resultPeriods, FileKinds fileKinds) {
    List<Period> out = new ArrayList<>();
    for (Period p : new TreeSet<>(resultPeriods)) {
      if (!fileKinds.forPeriod(p).withRecord(RECORD).isEmpty()) {
        out.add(p);
      }
    }
    return out;
  }

  /**
   * The figures of {@code periods} (those of the run with a cost kind in force).
   *
   * @param rows the rows of the cost files in force, not withdrawn, of those periods
   * @throws IllegalArgumentException for a row of a file not in force, or a category twice
   */
  public static CostFigures of(List<Period> periods, Collection<CostRecord> rows, DeliveryRules.Decision decision,
      ReferenceData ref, FileKinds fileKinds) {
    TreeMap<String, TreeMap<String, Long>> delivered = new TreeMap<>();
    for (CostRecord r : rows) {
      String k = key(Period.parse(r.getPeriod()), r.getKind(), r.getGemeentecode());
      Optional<String> inForce = decision.kind(r.getKind()).fileInForce(r.getGemeentecode(), r.getPeriod());
      if (inForce.isEmpty() || !inForce.get().equals(r.getFile())) {
        throw new IllegalArgumentException(r.getFile() + " line " + r.getLine() + ": not a file in force");
      }
      if (delivered.computeIfAbsent(k, x -> new TreeMap<>()).put(r.getCategory(), r.getKosten()) != null) {
        throw new IllegalArgumentException(r.getFile() + " line " + r.getLine() + ": category " + r.getCategory()
            + " twice");
      }
    }
    TreeMap<Period, List<Kind>> kinds = new TreeMap<>();
    TreeMap<String, Delivery> deliveries = new TreeMap<>();
    for (Period p : periods) {
      List<Kind> inForce = new ArrayList<>();
      for (Protocol protocol : fileKinds.forPeriod(p).withRecord(RECORD)) {
        Kind kind = new Kind(protocol.kind(), protocol.columnFor("category").allowed(), protocol);
        inForce.add(kind);
        DeliveryRules.KindDecision d = decision.kind(kind.id());
        Optional<Long> threshold = protocol.optionalSetting("request.inhabitantsBelow").map(Long::parseLong);
        for (String g : ref.division(p.year()).keySet()) {
          boolean notAsked = threshold.isPresent()
              && ref.inhabitants(p.year(), g).map(i -> i.count() >= threshold.get()).orElse(false);
          String status = notAsked ? STATUS_NOT_REQUESTED : d.publicationStatus(g, p.code());
          TreeMap<String, Long> kosten = new TreeMap<>(CATEGORY_ORDER);
          if (TableLayout.STATUS_PUBLISHED.equals(status)) {
            kosten.putAll(delivered.getOrDefault(key(p, kind.id(), g), new TreeMap<>()));
          }
          deliveries.put(key(p, kind.id(), g), new Delivery(status, d.fileInForce(g, p.code()).orElse(null),
              Collections.unmodifiableSortedMap(kosten)));
        }
      }
      kinds.put(p, List.copyOf(inForce));
    }
    return new CostFigures(kinds, deliveries);
  }

  /** Categories are codes of digits: in numeric order ("2" before "10"), as the protocol lists them. */
  private static final Comparator<String> CATEGORY_ORDER =
      (Comparator<String> & Serializable) (a, b) -> a.length() != b.length()
          ? Integer.compare(a.length(), b.length()) : a.compareTo(b);

  private static String key(Period p, String kind, String gemeente) {
    return p.code() + "|" + kind + "|" + gemeente;
  }

  /** The periods with figures, ascending. */
  public List<Period> periods() {
    return List.copyOf(kinds.keySet());
  }

  /** The cost kinds in force in a period of the figures (none for another period). */
  public List<Kind> kinds(Period p) {
    return kinds.getOrDefault(p, List.of());
  }

  /** A gemeente's costs of a kind in a period; fails for a gemeente outside the division. */
  public Delivery of(Period p, String kind, String gemeentecode) {
    Delivery d = deliveries.get(key(p, kind, gemeentecode));
    if (d == null) {
      throw new IllegalArgumentException("no costs of " + kind + " for " + gemeentecode + " in " + p);
    }
    return d;
  }
}
