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
 * withdrawals count. Each file kind (the Wmo file, and in 2016-2019 the SBO and JEUGD cost files,
 * SPEC 12) is a delivery of its own: the cap, the delivery in force and the consent a delivery
 * gives are per kind. A withdrawal names a gemeente and period, and counts for each kind whose
 * latest delivery it follows.
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

  /** The kind of the Wmo file, whose decision {@link Decision}'s own accessors give. */
  public static final String WMO_KIND = nl.gmsd.check.FileKinds.WMO;

  /** The key of a (gemeente, period) in {@link KindDecision}'s maps and sets: {@code "0363|H12025"}. */
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

    // F09: every upload counts, whatever its verdict, per (kind, file's gemeente, period, window).
    Map<String, Integer> uploadsPerWindow = new HashMap<>();
    for (int i = 0; i < ordered.size(); i++) {
      FileVerdict v = ordered.get(i);
      int n = uploadsPerWindow.merge(v.getKind() + "|" + key(v) + "|" + v.getWindow(), 1, Integer::sum);
      if (n > settings.maxDeliveriesPerWindow()) {
        ordered.set(i, refused(v, settings));
      }
    }

    // Per kind. In force: the latest approved delivery; the latest non-refused one governs consent.
    TreeMap<String, TreeMap<String, String>> inForce = new TreeMap<>();
    TreeMap<String, Map<String, Long>> latestConsent = new TreeMap<>();
    inForce.put(WMO_KIND, new TreeMap<>());
    latestConsent.put(WMO_KIND, new HashMap<>());
    for (FileVerdict v : ordered) { // ascending, so the last one written wins
      TreeMap<String, String> kindInForce = inForce.computeIfAbsent(v.getKind(), k -> new TreeMap<>());
      Map<String, Long> kindConsent = latestConsent.computeIfAbsent(v.getKind(), k -> new HashMap<>());
      if (period(v).isEmpty()) {
        continue;
      }
      if (APPROVED.equals(v.getVerdict())) {
        kindInForce.put(key(v), v.getFile());
      }
      if (!REFUSED.equals(v.getVerdict())) {
        kindConsent.put(key(v), v.getReceivedAtMillis());
      }
    }

    TreeMap<String, KindDecision> byKind = new TreeMap<>();
    for (Map.Entry<String, TreeMap<String, String>> e : inForce.entrySet()) {
      TreeSet<String> withdrawn = new TreeSet<>();
      Map<String, Long> consentOfKind = latestConsent.get(e.getKey());
      for (Withdrawal w : withdrawals) {
        String k = key(w.gemeentecode(), w.period());
        Long consent = consentOfKind.get(k);
        if (consent == null || w.withdrawnAtMillis() > consent) {
          withdrawn.add(k);
        }
      }
      byKind.put(e.getKey(), new KindDecision(e.getValue(), withdrawn));
    }

    List<FileVerdict> verdicts = new ArrayList<>(ordered.size());
    for (FileVerdict v : ordered) {
      String file = period(v).isEmpty() ? null : inForce.get(v.getKind()).get(key(v));
      v.setInForce(file != null && file.equals(v.getFile()));
      v.setInForceFile(file);
      verdicts.add(v);
    }
    verdicts.sort(Comparator.comparing(FileVerdict::getFile));
    return new Decision(verdicts, byKind);
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
   * The outcome of the delivery rules: the final verdicts of every kind, and per kind the delivery
   * in force per (gemeente, period) and the withdrawals that count. Its own accessors give the
   * Wmo kind's decision; {@link #kind(String)} any kind's. Serializable: it is shipped to the
   * workers.
   */
  public static final class Decision implements Serializable {

    private static final long serialVersionUID = 2L;

    private final ArrayList<FileVerdict> verdicts;
    private final TreeMap<String, KindDecision> byKind;

    Decision(List<FileVerdict> verdicts, TreeMap<String, KindDecision> byKind) {
      this.verdicts = new ArrayList<>(verdicts);
      this.byKind = byKind;
    }

    /**
     * One verdict per upload of every kind, sorted by file (ordinal): refused ones GEWEIGERD with
     * only F09; {@code inForce} and {@code inForceFile} filled in on every one.
     */
    public List<FileVerdict> verdicts() {
      return Collections.unmodifiableList(verdicts);
    }

    /** The verdicts of one kind, sorted by file. */
    public List<FileVerdict> verdicts(String kind) {
      return verdicts.stream().filter(v -> v.getKind().equals(kind)).toList();
    }

    /** The decision for one file kind; with nothing in force when no file of the kind came. */
    public KindDecision kind(String kind) {
      KindDecision d = byKind.get(kind);
      return d != null ? d : new KindDecision(new TreeMap<>(), new TreeSet<>());
    }

    private KindDecision wmo() {
      return kind(WMO_KIND);
    }

    /** The Wmo file in force per {@code gemeentecode|period}: see {@link KindDecision#inForce()}. */
    public SortedMap<String, String> inForce() {
      return wmo().inForce();
    }

    public Optional<String> fileInForce(String gemeentecode, String period) {
      return wmo().fileInForce(gemeentecode, period);
    }

    /** Withdrawn for the Wmo file: see {@link KindDecision#withdrawnKeys()}. */
    public SortedSet<String> withdrawnKeys() {
      return wmo().withdrawnKeys();
    }

    public boolean isWithdrawn(String gemeentecode, String period) {
      return wmo().isWithdrawn(gemeentecode, period);
    }

    /** The Wmo publication status: see {@link KindDecision#publicationStatus}. */
    public String publicationStatus(String gemeentecode, String period) {
      return wmo().publicationStatus(gemeentecode, period);
    }

    /** The Wmo files whose records are merged: see {@link KindDecision#filesToMerge}. */
    public SortedSet<String> filesToMerge(Collection<Period> periodsRead) {
      return wmo().filesToMerge(periodsRead);
    }
  }

  /**
   * The delivery rules' outcome for one file kind. Keys are {@link DeliveryRules#key(String,
   * String)}: {@code gemeentecode + "|" + period}.
   */
  public static final class KindDecision implements Serializable {

    private static final long serialVersionUID = 1L;

    private final TreeMap<String, String> inForce;
    private final TreeSet<String> withdrawnKeys;

    KindDecision(TreeMap<String, String> inForce, TreeSet<String> withdrawn) {
      this.inForce = inForce;
      this.withdrawnKeys = withdrawn;
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
     * The files whose records are read: those in force for the given periods, except withdrawn
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
