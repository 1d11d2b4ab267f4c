package nl.gmsd.intake;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import nl.gmsd.avro.FileVerdict;
import nl.gmsd.avro.Finding;
import nl.gmsd.common.Period;
import nl.gmsd.common.TableLayout;

/**
 * The rules that act on the deliveries as a whole, after each file's technical check (SPEC 2 and
 * 11 "Deliveries"): the cap on deliveries per window (F09), which delivery is in force, and which
 * withdrawals count.
 *
 * <p>Plain Java, deterministic: the outcome depends only on the set of verdicts and withdrawals,
 * not on their order.
 */
public final class DeliveryRules {

  public static final String APPROVED = "GOEDGEKEURD";
  public static final String REJECTED = "AFGEKEURD";
  public static final String REFUSED = "GEWEIGERD";
  public static final String TOO_MANY_DELIVERIES = "F09";

  /** The order among deliveries everywhere (SPEC 11): received_at, then file name (ordinal). */
  public static final Comparator<FileVerdict> DELIVERY_ORDER =
      Comparator.comparingLong(FileVerdict::getReceivedAtMillis).thenComparing(FileVerdict::getFile);

  private DeliveryRules() {}

  /**
   * The [decision]s of the delivery rules.
   *
   * @param maxDeliveriesPerWindow how many uploads per (gemeente, period, window) are accepted;
   *     later ones are refused with F09. The protocol says 20 ({@link #DEFAULT_MAX_DELIVERIES}).
   */
  public record Settings(int maxDeliveriesPerWindow) implements Serializable {

    public static final int DEFAULT_MAX_DELIVERIES = 20;

    public Settings {
      if (maxDeliveriesPerWindow < 1) {
        throw new IllegalArgumentException(
            "maxDeliveriesPerWindow must be at least 1: " + maxDeliveriesPerWindow);
      }
    }

    /** The protocol's settings: at most 20 deliveries per gemeente, period and window. */
    public static Settings defaults() {
      return new Settings(DEFAULT_MAX_DELIVERIES);
    }
  }

  /** The key of a (gemeente, period) in {@link Decision}'s maps and sets: {@code "0363|H12025"}. */
  public static String key(String gemeentecode, String period) {
    return gemeentecode + "|" + period;
  }

  /**
   * Applies F09, in force and the withdrawals to the verdicts of the technical check.
   *
   * @param checked one verdict per considered upload, as the technical check gave it (GOEDGEKEURD
   *     or AFGEKEURD; period {@code ""} when the name has none); not modified
   * @param withdrawals the rows of withdrawals.csv
   */
  public static Decision apply(
      List<FileVerdict> checked, List<Withdrawal> withdrawals, Settings settings) {
    List<FileVerdict> ordered = new ArrayList<>(checked.size());
    for (FileVerdict v : checked) {
      ordered.add(FileVerdict.newBuilder(v).build()); // a deep copy: the input stays as it was
    }
    ordered.sort(DELIVERY_ORDER);

    // F09: every upload counts, whatever its verdict, per (file's gemeente, period, window).
    Map<String, Integer> uploadsPerWindow = new HashMap<>();
    for (int i = 0; i < ordered.size(); i++) {
      FileVerdict v = ordered.get(i);
      int n = uploadsPerWindow.merge(key(v) + "|" + v.getWindow(), 1, Integer::sum);
      if (n > settings.maxDeliveriesPerWindow()) {
        ordered.set(i, refused(v, settings));
      }
    }

    // In force: the latest approved delivery; the latest non-refused one governs consent.
    TreeMap<String, String> inForce = new TreeMap<>();
    Map<String, Long> latestConsent = new HashMap<>();
    for (FileVerdict v : ordered) { // ascending, so the last one written wins
      if (period(v).isEmpty()) {
        continue;
      }
      if (APPROVED.equals(v.getVerdict())) {
        inForce.put(key(v), v.getFile());
      }
      if (!REFUSED.equals(v.getVerdict())) {
        latestConsent.put(key(v), v.getReceivedAtMillis());
      }
    }

    TreeSet<String> withdrawn = new TreeSet<>();
    for (Withdrawal w : withdrawals) {
      String k = key(w.gemeentecode(), w.period());
      Long consent = latestConsent.get(k);
      if (consent == null || w.withdrawnAtMillis() > consent) {
        withdrawn.add(k);
      }
    }

    List<FileVerdict> verdicts = new ArrayList<>(ordered.size());
    for (FileVerdict v : ordered) {
      String file = period(v).isEmpty() ? null : inForce.get(key(v));
      v.setInForce(file != null && file.equals(v.getFile()));
      v.setInForceFile(file);
      verdicts.add(v);
    }
    verdicts.sort(Comparator.comparing(FileVerdict::getFile));
    return new Decision(verdicts, inForce, withdrawn);
  }

  private static String period(FileVerdict v) {
    return v.getPeriod() == null ? "" : v.getPeriod();
  }

  private static String key(FileVerdict v) {
    return key(v.getGemeentecode(), period(v));
  }

  /** A refused delivery: F09 as its only code; {@code detail} holds the cap for the message. */
  private static FileVerdict refused(FileVerdict v, Settings settings) {
    Finding f09 =
        Finding.newBuilder()
            .setCode(TOO_MANY_DELIVERIES)
            .setField(null)
            .setCount(1)
            .setLines(new ArrayList<>())
            .setDetail(String.valueOf(settings.maxDeliveriesPerWindow()))
            .build();
    return FileVerdict.newBuilder(v)
        .setVerdict(REFUSED)
        .setErrors(1)
        .setBlanked(false)
        .setFindings(new ArrayList<>(List.of(f09)))
        .build();
  }

  /**
   * The outcome of the delivery rules: the final verdicts, the delivery in force per (gemeente,
   * period) and the withdrawals that count. Serializable: it is shipped to the workers.
   *
   * <p>Keys are {@link DeliveryRules#key(String, String)}: {@code gemeentecode + "|" + period}.
   */
  public static final class Decision implements Serializable {

    private static final long serialVersionUID = 1L;

    private final ArrayList<FileVerdict> verdicts;
    private final TreeMap<String, String> inForce;
    private final TreeSet<String> withdrawnKeys;

    Decision(
        List<FileVerdict> verdicts, TreeMap<String, String> inForce, TreeSet<String> withdrawn) {
      this.verdicts = new ArrayList<>(verdicts);
      this.inForce = inForce;
      this.withdrawnKeys = withdrawn;
    }

    /**
     * One verdict per upload, sorted by file (ordinal): refused ones GEWEIGERD with only F09;
     * {@code inForce} and {@code inForceFile} filled in on every one.
     */
    public List<FileVerdict> verdicts() {
      return Collections.unmodifiableList(verdicts);
    }

    /** The file in force per {@code gemeentecode|period}, for every period that has one. */
    public SortedMap<String, String> inForce() {
      return Collections.unmodifiableSortedMap(inForce);
    }

    public Optional<String> fileInForce(String gemeentecode, String period) {
      return Optional.ofNullable(inForce.get(key(gemeentecode, period)));
    }

    /**
     * The {@code gemeentecode|period}s whose data is withdrawn: a withdrawal later than the latest
     * non-refused delivery (any verdict but GEWEIGERD) of that gemeente and period, or with no
     * such delivery at all (no delivery has given consent since). Such a period without a delivery
     * in force is still {@code niet_geleverd}: see {@link #publicationStatus}.
     */
    public SortedSet<String> withdrawnKeys() {
      return Collections.unmodifiableSortedSet(withdrawnKeys);
    }

    public boolean isWithdrawn(String gemeentecode, String period) {
      return withdrawnKeys.contains(key(gemeentecode, period));
    }

    /**
     * {@code niet_geleverd} without a delivery in force (even when withdrawn), else
     * {@code ingetrokken} when withdrawn, else {@code gepubliceerd} (cells may still be secret).
     */
    public String publicationStatus(String gemeentecode, String period) {
      if (!inForce.containsKey(key(gemeentecode, period))) {
        return TableLayout.STATUS_NOT_DELIVERED;
      }
      return isWithdrawn(gemeentecode, period)
          ? TableLayout.STATUS_WITHDRAWN
          : TableLayout.STATUS_PUBLISHED;
    }

    /**
     * The files whose records are merged: those in force for the given periods, except withdrawn
     * ones (withdrawn data takes no part in merging for any period). Ordinal order.
     */
    public SortedSet<String> filesToMerge(Collection<Period> periodsRead) {
      Set<String> codes = new TreeSet<>();
      periodsRead.forEach(p -> codes.add(p.code()));
      TreeSet<String> files = new TreeSet<>();
      for (Map.Entry<String, String> e : inForce.entrySet()) {
        // The last '|': a raw gemeentecode may hold one, a period code never does.
        String period = e.getKey().substring(e.getKey().lastIndexOf('|') + 1);
        if (codes.contains(period) && !withdrawnKeys.contains(e.getKey())) {
          files.add(e.getValue());
        }
      }
      return Collections.unmodifiableSortedSet(files);
    }
  }
}
