package nl.gmsd.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Predicate;
import nl.gmsd.avro.CellCount;
import nl.gmsd.avro.FileVerdict;
import nl.gmsd.avro.Finding;
import nl.gmsd.check.Protocol;
import nl.gmsd.common.ArrangementTypes;
import nl.gmsd.common.Period;
import nl.gmsd.common.ReferenceData;
import nl.gmsd.common.TableCodebook;
import nl.gmsd.common.TableLayout;

/**
 * The op-orde report (SPEC 9): per gemeente of the division and per period a self-contained Dutch
 * HTML page with its own exact figures, the delivery in force, a comparison with its peers and
 * what stands out; plus the office's overview. Restricted output: it shows the gemeente's own
 * exact counts and only aggregates (median, quartiles, fences over at least {@link
 * OpOrdeSettings#minPeersForStatistics} peers) of other gemeenten, never another gemeente's name
 * or figures, and never a BSN.
 *
 * <p>Laid out for handing out: every page lies in its gemeente's own folder, {@code
 * <gemeentecode>/<gemeentecode>_<period>.html}, and links only to that folder, so the office hands
 * a coordinator one folder. The overview ({@code index.html}) lists every gemeente and stays with
 * the office.
 *
 * <p>Two entry points: {@link #render} for one period (pages plus {@code index_<period>.html})
 * and {@link #renderAll} for the run's periods (pages plus one {@code index.html}).
 */
public final class OpOrdeReports {

  /** The office's overview of {@link #renderAll}: every gemeente, not to be handed out. */
  public static final String INDEX_FILE = "index.html";

  static final String VERDICT_APPROVED = "GOEDGEKEURD";
  static final String W32 = "W32";

  private OpOrdeReports() {}

  /** The page's file name: {@code <gemeentecode>_<period>.html}. */
  public static String pageName(String gemeentecode, Period period) {
    return gemeentecode + "_" + period.code() + ".html";
  }

  /** The gemeente's folder: everything in it is for that gemeente's coordinator only. */
  public static String folderOf(String gemeentecode) {
    return gemeentecode;
  }

  /** The page's path below {@code op-orde/}: {@code <gemeentecode>/<gemeentecode>_<period>.html}. */
  public static String pagePath(String gemeentecode, Period period) {
    return folderOf(gemeentecode) + "/" + pageName(gemeentecode, period);
  }

  /** The index of one period made by {@link #render}: {@code index_<period>.html}. */
  public static String periodIndexName(Period period) {
    return "index_" + period.code() + ".html";
  }

  /**
   * Pages for one period: {@link #pagePath} for every gemeente of the division of the period's
   * year and {@code index_<period>.html} linking to them.
   *
   * @param exactCounts exact per-gemeente counts for {@code period} and its previous period
   *     (absent = 0); counts of other periods are ignored
   * @param verdicts every file verdict of the run, after the delivery rules
   * @param publicationStatus status for {@code period} per gemeentecode: {@code gepubliceerd},
   *     {@code ingetrokken} or {@code niet_geleverd}
   * @param periodsRead the periods the run read; previous figures only when the previous period
   *     is among them
   */
  public static SortedMap<String, String> render(Period period, Collection<CellCount> exactCounts,
      ReferenceData ref, Collection<FileVerdict> verdicts, Function<String, String> publicationStatus,
      Set<Period> periodsRead) {
    return render(period, exactCounts, ref, verdicts, publicationStatus, periodsRead, OpOrdeSettings.DEFAULTS);
  }

  /** As {@link #render(Period, Collection, ReferenceData, Collection, Function, Set)} with settings. */
  public static SortedMap<String, String> render(Period period, Collection<CellCount> exactCounts,
      ReferenceData ref, Collection<FileVerdict> verdicts, Function<String, String> publicationStatus,
      Set<Period> periodsRead, OpOrdeSettings settings) {
    Inputs in = new Inputs(exactCounts, ref, verdicts,
        (p, code) -> p.equals(period) ? publicationStatus.apply(code) : null, periodsRead, settings);
    String index = periodIndexName(period);
    PeriodResult r = renderPeriod(period, in, List.of(period), code -> true);
    SortedMap<String, String> out = new TreeMap<>(r.pages());
    out.put(index, indexPage("Op-orde-rapporten Wmo " + period.code(), List.of(r), in.settings));
    return out;
  }

  /**
   * Pages for every period of the run plus one {@code index.html} with a section per period
   * (latest first). The lead's single call for a run: {@code renderAll(List.of(P.previous(), P),
   * ...)}.
   *
   * @param exactCounts exact counts of the periods and of the periods before them that the run
   *     read (for the comparison with the period before)
   * @param publicationStatus status per (period, gemeentecode); used for the period itself and
   *     to tell whether the previous period's figures exist
   */
  public static SortedMap<String, String> renderAll(List<Period> periods, Collection<CellCount> exactCounts,
      ReferenceData ref, Collection<FileVerdict> verdicts,
      BiFunction<Period, String, String> publicationStatus, Set<Period> periodsRead) {
    return renderAll(periods, exactCounts, ref, verdicts, publicationStatus, periodsRead, OpOrdeSettings.DEFAULTS);
  }

  /** As {@link #renderAll(List, Collection, ReferenceData, Collection, BiFunction, Set)} with settings. */
  public static SortedMap<String, String> renderAll(List<Period> periods, Collection<CellCount> exactCounts,
      ReferenceData ref, Collection<FileVerdict> verdicts,
      BiFunction<Period, String, String> publicationStatus, Set<Period> periodsRead, OpOrdeSettings settings) {
    Inputs in = new Inputs(exactCounts, ref, verdicts, publicationStatus, periodsRead, settings);
    SortedMap<String, String> out = new TreeMap<>();
    List<PeriodResult> results = new ArrayList<>();
    List<Period> all = List.copyOf(new TreeSet<>(periods).descendingSet());
    for (Period p : all) {
      PeriodResult r = renderPeriod(p, in, all, code -> true);
      out.putAll(r.pages());
      results.add(r);
    }
    out.put(INDEX_FILE, indexPage("Op-orde-rapporten Wmo", results, in.settings));
    return out;
  }

  // ---------------------------------------------------------------------------------------------
  // Inputs, indexed once.

  /** A flag: a short label for the index and one Dutch sentence on what to check. */
  record Flag(String label, String sentenceNl) {}

  /** One line of the index. */
  record IndexRow(String code, String name, String page, String deliveryNl, String statusNl, List<Flag> flags) {}

  record PeriodResult(Period period, SortedMap<String, String> pages, List<IndexRow> rows) {}

  private static final class Inputs {
    final Map<String, Long> counts = new HashMap<>();
    final ReferenceData ref;
    final Map<String, List<FileVerdict>> verdictsByGemeentePeriod = new HashMap<>();
    final BiFunction<Period, String, String> status;
    final Set<Period> periodsRead;
    final OpOrdeSettings settings;
    final Protocol protocol = Protocol.wmo();

    Inputs(Collection<CellCount> exact, ReferenceData ref, Collection<FileVerdict> verdicts,
        BiFunction<Period, String, String> status, Set<Period> periodsRead, OpOrdeSettings settings) {
      this.ref = ref;
      this.status = status;
      this.periodsRead = periodsRead;
      this.settings = settings;
      for (CellCount c : exact) {
        String key = key(c.getPeriod(), c.getGemeentecode(), c.getDimension(), c.getCategory(), c.getMeasure());
        if (counts.put(key, c.getCount()) != null) {
          throw new IllegalArgumentException("duplicate exact count for " + key);
        }
      }
      for (FileVerdict v : verdicts) {
        verdictsByGemeentePeriod.computeIfAbsent(v.getGemeentecode() + "|" + v.getPeriod(), k -> new ArrayList<>())
            .add(v);
      }
      for (List<FileVerdict> l : verdictsByGemeentePeriod.values()) {
        l.sort(Comparator.comparingLong(FileVerdict::getReceivedAtMillis).thenComparing(FileVerdict::getFile));
      }
    }

    long count(Period p, String code, String dimension, String category, String measure) {
      return counts.getOrDefault(key(p.code(), code, dimension, category, measure), 0L);
    }

    /** Deliveries of a gemeente for a period, by upload time then file. */
    List<FileVerdict> deliveries(String code, Period p) {
      return verdictsByGemeentePeriod.getOrDefault(code + "|" + p.code(), List.of());
    }

    Optional<FileVerdict> inForce(String code, Period p) {
      FileVerdict last = null;
      for (FileVerdict v : deliveries(code, p)) {
        if (v.getInForce()) {
          last = v;
        }
      }
      return Optional.ofNullable(last);
    }

    /**
     * True when the run holds real figures of the gemeente for the period: the run read the
     * period, a delivery is in force and its data is not withdrawn. Otherwise its counts are 0
     * because nothing was counted, not because there were no clients, and are never shown.
     */
    boolean hasFigures(Period p, String code) {
      String s = status.apply(p, code);
      return periodsRead.contains(p) && inForce(code, p).isPresent()
          && !TableLayout.STATUS_WITHDRAWN.equals(s) && !TableLayout.STATUS_NOT_DELIVERED.equals(s);
    }

    private static String key(String period, String code, String d, String c, String m) {
      return period + "|" + code + "|" + d + "|" + c + "|" + m;
    }
  }

  /** The rows of the rate comparison: all clients, then every typegroep category. */
  private record RateRow(String dimension, String category, String labelNl) {
    boolean isTotal() {
      return dimension.equals(TableLayout.TOTAAL)
          || category.equals(ArrangementTypes.TOTAL_EXCLUDING_VERBLIJF);
    }
  }

  private static List<RateRow> rateRows() {
    List<RateRow> rows = new ArrayList<>();
    rows.add(new RateRow(TableLayout.TOTAAL, TableLayout.TOTAAL, "Alle cli\u00ebnten"));
    for (String g : TableLayout.categories(TableLayout.TYPEGROEP)) {
      rows.add(new RateRow(TableLayout.TYPEGROEP, g, g));
    }
    return rows;
  }

  // ---------------------------------------------------------------------------------------------
  // One period.

  /**
   * The page of one gemeente only (peers still taken from the whole division), as {@link #render}
   * would write it. For tests and for re-rendering a single page.
   */
  static String renderPage(Period period, String gemeentecode, Collection<CellCount> exactCounts,
      ReferenceData ref, Collection<FileVerdict> verdicts, Function<String, String> publicationStatus,
      Set<Period> periodsRead, OpOrdeSettings settings) {
    Inputs in = new Inputs(exactCounts, ref, verdicts,
        (p, code) -> p.equals(period) ? publicationStatus.apply(code) : null, periodsRead, settings);
    String html = renderPeriod(period, in, List.of(period), gemeentecode::equals).pages()
        .get(pagePath(gemeentecode, period));
    if (html == null) {
      throw new IllegalArgumentException(gemeentecode + " is not in the division of " + period.code());
    }
    return html;
  }

  /** Per gemeente of the division, per rate row: the figure peers are compared on; NaN = none. */
  private static final class PeerFigures {
    final Map<String, double[]> rates = new HashMap<>();
    final Map<String, double[]> changes = new HashMap<>();
  }

  private static PeriodResult renderPeriod(Period period, Inputs in, List<Period> siblings,
      Predicate<String> rendered) {
    int year = divisionYear(in.ref, period.year());
    NavigableMap<String, ReferenceData.Gemeente> division = in.ref.division(year);
    ComparisonGroups groups = ComparisonGroups.forYear(in.ref, year, in.settings.minComparisonGroupSize());
    List<RateRow> rateRows = rateRows();
    Period previous = period.previous();
    PeerFigures peers = new PeerFigures();
    for (String code : division.keySet()) {
      Optional<ReferenceData.Inhabitants> inh = in.ref.inhabitants(period.year(), code);
      boolean current = in.hasFigures(period, code);
      boolean before = current && in.hasFigures(previous, code);
      double[] rate = new double[rateRows.size()];
      double[] change = new double[rateRows.size()];
      Arrays.fill(rate, Double.NaN);
      Arrays.fill(change, Double.NaN);
      for (int i = 0; i < rateRows.size(); i++) {
        RateRow row = rateRows.get(i);
        long cur = in.count(period, code, row.dimension(), row.category(), TableLayout.CLIENTEN);
        if (inh.isPresent() && inh.get().count() > 0) {
          rate[i] = cur * 1000.0 / inh.get().count();
        }
        long prev = in.count(previous, code, row.dimension(), row.category(), TableLayout.CLIENTEN);
        if (before && prev > 0) {
          change[i] = (double) (cur - prev) / prev;
        }
      }
      peers.rates.put(code, rate);
      peers.changes.put(code, change);
    }
    SortedMap<String, String> pages = new TreeMap<>();
    List<IndexRow> index = new ArrayList<>();
    for (ReferenceData.Gemeente g : division.values()) {
      if (!rendered.test(g.code())) {
        continue;
      }
      GemeentePage page = new GemeentePage(period, g, in, groups, rateRows, peers, siblings);
      pages.put(pagePath(g.code(), period), page.render());
      index.add(page.indexRow());
    }
    return new PeriodResult(period, pages, index);
  }

  /** The division year used for a period: its own year, else the nearest earlier, else the first. */
  private static int divisionYear(ReferenceData ref, int year) {
    if (ref.hasDivision(year)) {
      return year;
    }
    Integer earlier = ref.years().headSet(year).isEmpty() ? null : ref.years().headSet(year).last();
    if (earlier != null) {
      return earlier;
    }
    if (ref.years().isEmpty()) {
      throw new IllegalArgumentException("the reference data has no division");
    }
    return ref.years().first();
  }

  static String periodNl(Period p) {
    return (p.half() == 1 ? "eerste" : "tweede") + " halfjaar " + p.year() + " (" + p.code() + ")";
  }

  static String verdictNl(String verdict) {
    return switch (verdict) {
      case "GOEDGEKEURD" -> "goedgekeurd";
      case "AFGEKEURD" -> "afgekeurd";
      case "GEWEIGERD" -> "geweigerd";
      default -> verdict;
    };
  }

  static String statusNl(String status) {
    if (status == null) {
      return "onbekend";
    }
    return switch (status) {
      case TableLayout.STATUS_PUBLISHED -> "wordt gepubliceerd";
      case TableLayout.STATUS_WITHDRAWN -> "ingetrokken (wordt niet gepubliceerd)";
      case TableLayout.STATUS_NOT_DELIVERED -> "niet geleverd";
      default -> status;
    };
  }

  // ---------------------------------------------------------------------------------------------
  // One page.

  private static final class GemeentePage {
    final Period period;
    final Period previous;
    final ReferenceData.Gemeente g;
    final Inputs in;
    final OpOrdeSettings s;
    final List<RateRow> rateRows;
    final List<Period> siblings;
    final String status;
    final Optional<FileVerdict> inForce;
    final List<FileVerdict> deliveries;
    final boolean previousRead;
    final boolean previousAvailable;
    final boolean currentAvailable;
    final Optional<ReferenceData.Inhabitants> inhabitants;
    final Optional<ComparisonGroups.Group> group;
    /** Per rate row: the spread of the peers' rates, and of their relative changes; null = too few peers. */
    final List<PeerStatistics> levelStats = new ArrayList<>();
    final List<PeerStatistics> changeStats = new ArrayList<>();
    final List<Flag> flags = new ArrayList<>();

    GemeentePage(Period period, ReferenceData.Gemeente g, Inputs in, ComparisonGroups groups,
        List<RateRow> rateRows, PeerFigures peers, List<Period> siblings) {
      this.period = period;
      this.previous = period.previous();
      this.g = g;
      this.in = in;
      this.s = in.settings;
      this.rateRows = rateRows;
      this.siblings = siblings;
      this.status = in.status.apply(period, g.code());
      this.inForce = in.inForce(g.code(), period);
      this.deliveries = in.deliveries(g.code(), period);
      this.previousRead = in.periodsRead.contains(previous);
      this.previousAvailable = in.hasFigures(previous, g.code());
      this.currentAvailable = in.hasFigures(period, g.code());
      this.inhabitants = in.ref.inhabitants(period.year(), g.code());
      this.group = groups.groupOf(g.code());
      for (int i = 0; i < rateRows.size(); i++) {
        levelStats.add(peerStatistics(i, peers.rates));
        changeStats.add(peerStatistics(i, peers.changes));
      }
      computeFlags();
    }

    /**
     * Statistics over the OTHER published gemeenten of the group that have the figure; null when
     * fewer than {@link OpOrdeSettings#minPeersForStatistics}, so that no single other
     * gemeente's figure can be read off.
     */
    private PeerStatistics peerStatistics(int row, Map<String, double[]> figures) {
      if (group.isEmpty()) {
        return null;
      }
      List<Double> values = new ArrayList<>();
      for (String peer : group.get().members()) {
        double[] f = figures.get(peer);
        if (!peer.equals(g.code()) && f != null && !Double.isNaN(f[row])
            && TableLayout.STATUS_PUBLISHED.equals(in.status.apply(period, peer))) {
          values.add(f[row]);
        }
      }
      return values.size() < s.minPeersForStatistics() ? null : PeerStatistics.of(values);
    }

    long count(Period p, String d, String c, String m) {
      return in.count(p, g.code(), d, c, m);
    }

    long clients(Period p, int row) {
      RateRow r = rateRows.get(row);
      return count(p, r.dimension(), r.category(), TableLayout.CLIENTEN);
    }

    Double rate(int row) {
      if (inhabitants.isEmpty() || inhabitants.get().count() <= 0) {
        return null;
      }
      return clients(period, row) * 1000.0 / inhabitants.get().count();
    }

    /** The clients the group's median rate would give this gemeente. */
    double expectedAtMedian(PeerStatistics p) {
      return p.median() * inhabitants.orElseThrow().count() / 1000.0;
    }

    private void computeFlags() {
      if (TableLayout.STATUS_WITHDRAWN.equals(status)) {
        flags.add(new Flag("ingetrokken", "De gemeente heeft de toestemming tot publicatie voor deze periode"
            + " ingetrokken, dus de cijfers worden niet gepubliceerd. Controleer of dat de bedoeling is."));
      }
      if (inForce.isEmpty() || TableLayout.STATUS_NOT_DELIVERED.equals(status)) {
        flags.add(new Flag("geen levering", "Er is voor deze periode geen goedgekeurde levering in behandeling."
            + " Controleer de uitslag van de technische toets en lever een goedgekeurd bestand aan."));
      }
      if (inForce.isPresent() && !deliveries.isEmpty()) {
        FileVerdict latest = deliveries.get(deliveries.size() - 1);
        if (!latest.getInForce() && !VERDICT_APPROVED.equals(latest.getVerdict())) {
          flags.add(new Flag("laatste levering " + verdictNl(latest.getVerdict()), "De laatste levering ("
              + latest.getFile() + ") is " + verdictNl(latest.getVerdict()) + ", dus de eerdere levering "
              + inForce.get().getFile() + " blijft in behandeling. Controleer de meldingen van de"
              + " technische toets en lever zo nodig opnieuw aan."));
        }
      }
      if (inForce.isPresent() && inForce.get().getRecords() == 0) {
        // One flag for an empty delivery: every figure is 0, so every comparison would fire.
        flags.add(new Flag("lege levering", "De levering in behandeling (" + inForce.get().getFile()
            + ") bevat geen records, dus er zijn voor deze periode geen cli\u00ebnten geteld. Controleer of dit het"
            + " juiste bestand is en lever zo nodig een bestand met de maatwerkarrangementen aan."));
        return;
      }
      if (inForce.isPresent() && inForce.get().getBlanked()) {
        String fields = blankedFieldsNl(inForce.get());
        boolean one = !fields.contains(",");
        flags.add(new Flag("velden leeggemaakt", "In de levering in behandeling "
            + (one ? "is het optionele veld " : "zijn de optionele velden ") + fields
            + " leeggemaakt wegens fouten. Controleer " + (one ? "dit veld" : "deze velden")
            + " en lever zo nodig een verbeterd bestand aan."));
      }
      if (inForce.isPresent() && inForce.get().getRecords() > 0) {
        long w32 = w32Count(inForce.get());
        double share = (double) w32 / inForce.get().getRecords();
        if (share > s.unknownBsnMaxShare()) {
          flags.add(new Flag("veel onbekende BSN's", DutchNumbers.integer(w32) + " van de "
              + DutchNumbers.integer(inForce.get().getRecords()) + " records ("
              + DutchNumbers.decimal(share * 100, 1) + "%) hebben het onbekende BSN 999999999 (meer dan "
              + DutchNumbers.decimal(s.unknownBsnMaxShare() * 100, 1) + "%). Controleer of het BSN van deze"
              + " cli\u00ebnten alsnog bekend is."));
        }
      }
      if (!currentAvailable) {
        return;
      }
      if (count(period, TableLayout.TOTAAL, TableLayout.TOTAAL, TableLayout.ARRANGEMENTEN) == 0) {
        flags.add(new Flag("geen actieve arrangementen", "De levering in behandeling bevat "
            + DutchNumbers.integer(inForce.orElseThrow().getRecords()) + " records, maar geen enkel"
            + " maatwerkarrangement is actief in " + period.code() + ". Controleer de begin- en einddatums"
            + " (waarschuwing W30) en of het bestand voor de juiste periode is."));
        return;
      }
      if (previousAvailable) {
        for (int i = 0; i < rateRows.size(); i++) {
          jumpFlag(i);
        }
      }
      for (int i = 0; i < rateRows.size(); i++) {
        levelFlag(i);
      }
    }

    /** Large for the gemeente itself (25% and 20 clients) AND outside the group's spread of changes. */
    private void jumpFlag(int i) {
      RateRow r = rateRows.get(i);
      long cur = clients(period, i);
      long prev = clients(previous, i);
      long diff = cur - prev;
      boolean large = Math.abs(diff) >= s.minDifferenceClients()
          && (prev == 0 || Math.abs(diff) >= s.minRelativeDifference() * prev);
      PeerStatistics p = changeStats.get(i);
      if (!large || p == null) {
        return;
      }
      double change = prev == 0 ? Double.POSITIVE_INFINITY : (double) diff / prev;
      if (!p.outside(change, s.fenceFactor())) {
        return;
      }
      flags.add(new Flag("sprong " + r.labelNl(), "Het aantal cli\u00ebnten (" + r.labelNl() + ") is "
          + (diff > 0 ? "gestegen" : "gedaald") + " van " + DutchNumbers.integer(prev) + " in "
          + previous.code() + " naar " + DutchNumbers.integer(cur) + " in " + period.code()
          + (prev > 0 ? " (" + DutchNumbers.signedPercent(change * 100) + ")" : "")
          + ", terwijl het bij vergelijkbare gemeenten veranderde tussen "
          + DutchNumbers.signedPercent(p.lowerFence(s.fenceFactor()) * 100) + " en "
          + DutchNumbers.signedPercent(p.upperFence(s.fenceFactor()) * 100) + " (mediaan "
          + DutchNumbers.signedPercent(p.median() * 100) + "). Controleer of alle voorzieningen zijn"
          + " aangeleverd en of de begin- en einddatums kloppen."));
    }

    /**
     * Zero where the group's median gives several; or outside the group's fences and at least 25%
     * and 20 clients away from what the median gives.
     */
    private void levelFlag(int i) {
      PeerStatistics p = levelStats.get(i);
      Double rate = rate(i);
      if (p == null || rate == null) {
        return;
      }
      RateRow r = rateRows.get(i);
      long clients = clients(period, i);
      double expected = expectedAtMedian(p);
      if (clients == 0 && r.dimension().equals(TableLayout.TYPEGROEP)
          && expected >= s.zeroFlagMinExpectedClients()) {
        flags.add(new Flag("geen cli\u00ebnten " + r.labelNl(), "Er zijn geen cli\u00ebnten met "
            + r.labelNl() + ", terwijl vergelijkbare gemeenten een mediaan van "
            + DutchNumbers.decimal(p.median(), 1) + " per 1.000 inwoners hebben: voor uw inwonertal ongeveer "
            + DutchNumbers.integer(Math.round(expected)) + " cli\u00ebnten. Controleer of deze"
            + " voorzieningen in de levering ontbreken of onder een ander type zijn aangeleverd."));
      } else if (p.outside(rate, s.fenceFactor()) && Math.abs(clients - expected) >= s.minDifferenceClients()
          && Math.abs(clients - expected) >= s.minRelativeDifference() * expected) {
        boolean high = rate > p.upperFence(s.fenceFactor());
        flags.add(new Flag("afwijkend " + r.labelNl(), "Het aantal cli\u00ebnten per 1.000 inwoners ("
            + r.labelNl() + ": " + DutchNumbers.decimal(rate, 1) + ") ligt " + (high ? "boven" : "onder")
            + " de grenzen van vergelijkbare gemeenten (" + fences(p) + "; mediaan "
            + DutchNumbers.decimal(p.median(), 1) + "). Bij de mediaan zou uw gemeente ongeveer "
            + DutchNumbers.integer(Math.round(expected)) + " cli\u00ebnten hebben; in de levering zijn het er "
            + DutchNumbers.integer(clients) + ". Controleer of alle cli\u00ebnten zijn aangeleverd en of"
            + " TYPE_ARRANGEMENT juist is ingevuld."));
      }
    }

    /** The fences as shown: a rate is never below 0. */
    private String fences(PeerStatistics p) {
      return DutchNumbers.decimal(Math.max(0, p.lowerFence(s.fenceFactor())), 1) + "\u2013"
          + DutchNumbers.decimal(p.upperFence(s.fenceFactor()), 1);
    }

    IndexRow indexRow() {
      String delivery = inForce.map(v -> verdictNl(v.getVerdict())).orElse("geen levering");
      return new IndexRow(g.code(), g.name(), pagePath(g.code(), period), delivery, statusNl(status),
          List.copyOf(flags));
    }

    String render() {
      StringBuilder b = new StringBuilder(32_000);
      String title = "Op-orde-rapport Wmo " + g.name() + " (" + g.code() + "), " + period.code();
      head(b, title);
      b.append("<h1>Op-orde-rapport Wmo: ").append(Html.esc(g.name())).append("</h1>\n");
      b.append("<p class=\"sub\">Gemeentecode <span id=\"gemeentecode\">").append(Html.esc(g.code()))
          .append("</span> &middot; ").append(Html.esc(periodNl(period))).append("</p>\n");
      List<Period> others = siblings.stream().filter(p -> !p.equals(period)).toList();
      if (!others.isEmpty()) {
        b.append("<p class=\"noprint\">Ook in deze map: ");
        for (int i = 0; i < others.size(); i++) {
          b.append(i == 0 ? "" : ", ").append("<a href=\"").append(Html.esc(pageName(g.code(), others.get(i))))
              .append("\">").append(Html.esc(periodNl(others.get(i)))).append("</a>");
        }
        b.append("</p>\n");
      }
      b.append("<p class=\"note\">Vertrouwelijk: alleen voor de co\u00f6rdinator van deze gemeente. Dit rapport"
          + " toont de exacte, onafgeronde aantallen; de publicatie rondt af en houdt kleine aantallen geheim."
          + " Van andere gemeenten staan er alleen samenvattende cijfers in, over ten minste "
          + s.minPeersForStatistics() + " gemeenten.</p>\n");
      summary(b);
      flagsSection(b);
      deliverySection(b);
      figuresSection(b);
      comparisonSection(b);
      rulesSection(b);
      b.append("</body>\n</html>\n");
      return b.toString();
    }

    private void summary(StringBuilder b) {
      b.append("<div class=\"box\"><table>\n");
      row(b, "Status publicatie", Html.esc(statusNl(status)));
      row(b, "Levering in behandeling", inForce.isPresent()
          ? Html.esc(inForce.get().getFile()) + " (" + Html.esc(verdictNl(inForce.get().getVerdict())) + ")"
          : "geen levering");
      row(b, "Inwoners", inhabitants.map(i -> DutchNumbers.integer(i.count())
          + (i.fromYear() != period.year() ? " (van 1 januari " + i.fromYear() + ")" : "")).orElse("onbekend"));
      row(b, "Vergelijkingsgroep", group.map(gr -> Html.esc(gr.labelNl()) + ", "
          + DutchNumbers.integer(gr.members().size()) + " gemeenten").orElse("geen (inwonertal onbekend)"));
      b.append("</table></div>\n");
    }

    private static void row(StringBuilder b, String th, String tdHtml) {
      b.append("<tr><th>").append(Html.esc(th)).append("</th><td>").append(tdHtml).append("</td></tr>\n");
    }

    private void flagsSection(StringBuilder b) {
      b.append("<section id=\"aandachtspunten\"><h2>Aandachtspunten</h2>\n");
      if (flags.isEmpty()) {
        b.append("<p class=\"ok\">Er vallen geen punten op.</p>\n");
      } else {
        b.append("<ul class=\"flags\">\n");
        for (Flag f : flags) {
          b.append("<li><span class=\"flag\">").append(Html.esc(capitalise(f.label()))).append(":</span> ")
              .append(Html.esc(f.sentenceNl())).append("</li>\n");
        }
        b.append("</ul>\n");
      }
      b.append("<p class=\"note\">Hoe de aandachtspunten worden bepaald, staat <a href=\"#regels\">onderaan"
          + " de pagina</a>.</p>\n");
      b.append("</section>\n");
    }

    private void deliverySection(StringBuilder b) {
      b.append("<section id=\"levering\"><h2>Levering</h2>\n");
      if (inForce.isPresent()) {
        FileVerdict v = inForce.get();
        b.append("<h3>Levering in behandeling</h3>\n<table>\n");
        row(b, "Bestand", Html.esc(v.getFile()));
        row(b, "Ontvangen", Html.esc(v.getReceivedAt()));
        row(b, "Oordeel technische toets", Html.esc(verdictNl(v.getVerdict())));
        row(b, "Aantal fouten", DutchNumbers.integer(v.getErrors()));
        row(b, "Aantal records", DutchNumbers.integer(v.getRecords()));
        row(b, "Records met onbekend BSN (W32)", DutchNumbers.integer(w32Count(v)));
        row(b, "Optionele velden leeggemaakt", v.getBlanked() ? "ja: " + Html.esc(blankedFieldsNl(v)) : "nee");
        b.append("</table>\n");
        if (!v.getFindings().isEmpty()) {
          b.append("<table id=\"t-meldingen\"><caption><strong>Meldingen van de technische toets</strong>"
              + "</caption>\n<tr><th>Code</th><th>Veld</th><th>Betekenis</th><th class=\"n\">Aantal</th></tr>\n");
          for (Finding f : v.getFindings()) {
            b.append("<tr><td>").append(Html.esc(f.getCode())).append("</td><td>")
                .append(Html.esc(f.getField() == null ? "" : f.getField())).append("</td><td>")
                .append(Html.esc(codeMeaningNl(f.getCode()))).append("</td><td class=\"n\">")
                .append(DutchNumbers.integer(f.getCount())).append("</td></tr>\n");
          }
          b.append("</table>\n");
          b.append("<p class=\"note\">Codes met een W zijn waarschuwingen: ze veranderen het oordeel niet. De"
              + " regelnummers staan in het rapport van de technische toets van dit bestand.</p>\n");
        }
      } else {
        b.append("<p class=\"bad\">Er is voor ").append(Html.esc(period.code()))
            .append(" geen goedgekeurde levering in behandeling.</p>\n");
      }
      if (!deliveries.isEmpty()) {
        b.append("<h3>Alle leveringen voor ").append(Html.esc(period.code())).append("</h3>\n");
        b.append("<table><tr><th>Bestand</th><th>Ontvangen</th><th>Oordeel</th><th class=\"n\">Fouten</th>"
            + "<th>In behandeling</th></tr>\n");
        for (FileVerdict v : deliveries) {
          b.append("<tr><td>").append(Html.esc(v.getFile())).append("</td><td>").append(Html.esc(v.getReceivedAt()))
              .append("</td><td>").append(Html.esc(verdictNl(v.getVerdict()))).append("</td><td class=\"n\">")
              .append(DutchNumbers.integer(v.getErrors())).append("</td><td>").append(v.getInForce() ? "ja" : "nee")
              .append("</td></tr>\n");
        }
        b.append("</table>\n");
      }
      b.append("</section>\n");
    }

    private String codeMeaningNl(String code) {
      try {
        return in.protocol.text(code).description();
      } catch (IllegalArgumentException e) {
        return "";
      }
    }

    private void figuresSection(StringBuilder b) {
      b.append("<section id=\"cijfers\"><h2>Cijfers (exact)</h2>\n");
      if (!previousRead) {
        b.append("<p class=\"note\">De vorige periode (").append(Html.esc(previous.code()))
            .append(") is in deze verwerking niet gelezen (een verwerking leest de halfjaren van het kalenderjaar"
                + " van de periode en van het jaar daarvoor, tot en met de periode zelf); er is geen vergelijking."
                + "</p>\n");
      } else if (!previousAvailable) {
        b.append("<p class=\"note\">Voor de vorige periode (").append(Html.esc(previous.code()))
            .append(") zijn geen cijfers: er was geen goedgekeurde levering in behandeling of de gegevens zijn"
                + " ingetrokken.</p>\n");
      }
      if (!currentAvailable) {
        b.append("<p class=\"note\">Voor ").append(Html.esc(period.code())).append(" zijn geen cijfers: er is geen"
            + " goedgekeurde levering in behandeling, of de gegevens zijn ingetrokken, en dan wordt niets geteld.")
            .append(previousAvailable ? " De tabellen tonen alleen de vorige periode." : "").append("</p>\n");
      }
      if (!currentAvailable && !previousAvailable) {
        b.append("</section>\n");
        return;
      }
      figureTable(b, "Totaal", TableLayout.TOTAAL, List.of(
          new String[] {TableLayout.TOTAAL, TableLayout.CLIENTEN, "Cli\u00ebnten"},
          new String[] {TableLayout.TOTAAL, TableLayout.ARRANGEMENTEN, "Maatwerkarrangementen"},
          new String[] {TableLayout.TOTAAL, TableLayout.HUISHOUDENS, "Huishoudens met een cli\u00ebnt"}));
      for (String measure : List.of(TableLayout.CLIENTEN, TableLayout.ARRANGEMENTEN)) {
        String m = measure.equals(TableLayout.CLIENTEN) ? "cli\u00ebnten" : "maatwerkarrangementen";
        figureTable(b, "Per typegroep, " + m, TableLayout.TYPEGROEP, categories(TableLayout.TYPEGROEP, measure));
      }
      for (String measure : List.of(TableLayout.CLIENTEN, TableLayout.ARRANGEMENTEN)) {
        String m = measure.equals(TableLayout.CLIENTEN) ? "cli\u00ebnten" : "maatwerkarrangementen";
        figureTable(b, "Per type, " + m, TableLayout.TYPE, categories(TableLayout.TYPE, measure));
      }
      figureTable(b, "Cli\u00ebnten naar financieringsvorm", TableLayout.FINANCIERINGSVORM,
          categories(TableLayout.FINANCIERINGSVORM, TableLayout.CLIENTEN));
      figureTable(b, "Cli\u00ebnten naar aantal arrangementen", TableLayout.AANTAL_ARRANGEMENTEN,
          categories(TableLayout.AANTAL_ARRANGEMENTEN, TableLayout.CLIENTEN));
      figureTable(b, "Cli\u00ebnten naar leeftijd", TableLayout.LEEFTIJD,
          categories(TableLayout.LEEFTIJD, TableLayout.CLIENTEN));
      figureTable(b, "Cli\u00ebnten naar geslacht", TableLayout.GESLACHT,
          categories(TableLayout.GESLACHT, TableLayout.CLIENTEN));
      b.append("</section>\n");
    }

    private static List<String[]> categories(String dimension, String measure) {
      List<String[]> rows = new ArrayList<>();
      for (String c : TableLayout.categories(dimension)) {
        rows.add(new String[] {c, measure, TableCodebook.categoryNl(dimension, c)});
      }
      return rows;
    }

    /**
     * A table of (category, measure, label) rows: the previous period and this one where the run
     * holds their figures, and the change where it holds both.
     */
    private void figureTable(StringBuilder b, String caption, String dimension, List<String[]> rows) {
      String id = "t-" + dimension + "-" + rows.get(0)[1];
      boolean both = previousAvailable && currentAvailable;
      b.append("<table id=\"").append(Html.esc(id)).append("\"><caption><strong>").append(Html.esc(caption))
          .append("</strong></caption>\n<tr><th></th>");
      if (previousAvailable) {
        b.append("<th class=\"n\">").append(Html.esc(previous.code())).append("</th>");
      }
      if (currentAvailable) {
        b.append("<th class=\"n\">").append(Html.esc(period.code())).append("</th>");
      }
      if (both) {
        b.append("<th class=\"n\">Verschil</th><th class=\"n\">Verandering</th>");
      }
      b.append("</tr>\n");
      for (String[] r : rows) {
        long cur = count(period, dimension, r[0], r[1]);
        long prev = count(previous, dimension, r[0], r[1]);
        b.append("<tr data-cell=\"").append(Html.esc(dimension + "/" + r[0] + "/" + r[1])).append("\"><td>")
            .append(Html.esc(r[2])).append("</td>");
        if (previousAvailable) {
          b.append("<td class=\"n prev\">").append(DutchNumbers.integer(prev)).append("</td>");
        }
        if (currentAvailable) {
          b.append("<td class=\"n cur\">").append(DutchNumbers.integer(cur)).append("</td>");
        }
        if (both) {
          b.append("<td class=\"n\">").append(DutchNumbers.signedInteger(cur - prev)).append("</td>");
          b.append("<td class=\"n\">").append(prev == 0 ? "\u2013" : DutchNumbers.signedPercent((cur - prev) * 100.0 / prev))
              .append("</td>");
        }
        b.append("</tr>\n");
      }
      b.append("</table>\n");
    }

    private void comparisonSection(StringBuilder b) {
      b.append("<section id=\"vergelijking\"><h2>Vergelijking met vergelijkbare gemeenten</h2>\n");
      if (!currentAvailable) {
        b.append("<p>Zonder cijfers voor ").append(Html.esc(period.code())).append(" is er geen vergelijking.</p>\n");
      } else if (rate(0) == null || group.isEmpty()) {
        b.append("<p>Het inwonertal is onbekend, dus er is geen vergelijking per 1.000 inwoners.</p>\n");
      } else {
        b.append("<p>Cli\u00ebnten per 1.000 inwoners, vergeleken met de andere gepubliceerde gemeenten van ")
            .append(Html.esc(group.get().labelNl()))
            .append(". Mediaan en kwartielen (P25\u2013P75) gaan over ten minste ").append(s.minPeersForStatistics())
            .append(" gemeenten. Binnen de grenzen (P25 \u2212 ").append(DutchNumbers.decimal(s.fenceFactor(), 1))
            .append(" \u00d7 IQR tot P75 + ").append(DutchNumbers.decimal(s.fenceFactor(), 1))
            .append(" \u00d7 IQR, met IQR = P75 \u2212 P25) is een cijfer gewoon voor de groep.</p>\n");
        b.append("<table id=\"t-vergelijking\"><tr><th>Typegroep</th><th class=\"n\">Uw gemeente</th>"
            + "<th class=\"n\">Mediaan</th><th class=\"n\">P25\u2013P75</th><th class=\"n\">Grenzen</th>"
            + "<th class=\"n\">Aantal gemeenten</th></tr>\n");
        List<SvgCharts.BandRow> totals = new ArrayList<>();
        List<SvgCharts.BandRow> perGroup = new ArrayList<>();
        for (int i = 0; i < rateRows.size(); i++) {
          RateRow r = rateRows.get(i);
          PeerStatistics p = levelStats.get(i);
          double rate = rate(i);
          (r.isTotal() ? totals : perGroup).add(new SvgCharts.BandRow(shortLabel(r), rate, p));
          b.append("<tr data-rate=\"").append(Html.esc(r.category())).append("\"><td>").append(Html.esc(r.labelNl()))
              .append("</td><td class=\"n\">").append(DutchNumbers.decimal(rate, 1)).append("</td>");
          if (p == null) {
            b.append("<td class=\"n\" colspan=\"4\">te weinig vergelijkbare gemeenten (minder dan ")
                .append(s.minPeersForStatistics()).append(")</td>");
          } else {
            b.append("<td class=\"n\">").append(DutchNumbers.decimal(p.median(), 1)).append("</td><td class=\"n\">")
                .append(DutchNumbers.decimal(p.p25(), 1)).append("\u2013").append(DutchNumbers.decimal(p.p75(), 1))
                .append("</td><td class=\"n\">").append(fences(p)).append("</td><td class=\"n peers\">")
                .append(DutchNumbers.integer(p.peers())).append("</td>");
          }
          b.append("</tr>\n");
        }
        b.append("</table>\n");
        String unit = "cli\u00ebnten per 1.000 inwoners";
        b.append(SvgCharts.bandChart("Cli\u00ebnten per 1.000 inwoners: totaal, " + g.name()
            + " tegenover vergelijkbare gemeenten", unit, totals, s.fenceFactor())).append('\n');
        b.append(SvgCharts.bandChart("Cli\u00ebnten per 1.000 inwoners per typegroep, " + g.name()
            + " tegenover vergelijkbare gemeenten", unit, perGroup, s.fenceFactor())).append('\n');
      }
      if (currentAvailable || previousAvailable) {
        List<SvgCharts.BarRow> bars = new ArrayList<>();
        for (int i = 0; i < rateRows.size(); i++) {
          bars.add(new SvgCharts.BarRow(shortLabel(rateRows.get(i)),
              previousAvailable ? clients(previous, i) : null, currentAvailable ? clients(period, i) : null));
        }
        String periods = (previousAvailable ? previous.code() : "")
            + (previousAvailable && currentAvailable ? " en " : "") + (currentAvailable ? period.code() : "");
        b.append(SvgCharts.barChart("Aantal cli\u00ebnten per typegroep, " + g.name() + ", " + periods,
            "aantal cli\u00ebnten (exact)", previous.code(), period.code(), bars)).append('\n');
      }
      b.append("</section>\n");
    }

    /** Labels short enough for a chart's label column. */
    private static String shortLabel(RateRow r) {
      return r.category().equals(ArrangementTypes.TOTAL_EXCLUDING_VERBLIJF)
          ? "Totaal excl. verblijf en opvang" : r.labelNl();
    }

    private void rulesSection(StringBuilder b) {
      String k = DutchNumbers.decimal(s.fenceFactor(), 1);
      b.append("<section id=\"regels\"><h2>Hoe de aandachtspunten worden bepaald</h2>\n<ul>\n");
      b.append("<li><strong>Sprong:</strong> het aantal cli\u00ebnten (totaal of per typegroep) veranderde ten"
          + " opzichte van de vorige periode met ten minste ")
          .append(DutchNumbers.decimal(s.minRelativeDifference() * 100, 0)).append("% \u00e9n ten minste ")
          .append(s.minDifferenceClients()).append(" cli\u00ebnten, \u00e9n die verandering valt buiten de"
              + " veranderingen bij vergelijkbare gemeenten (buiten P25 \u2212 ").append(k)
          .append(" \u00d7 IQR tot P75 + ").append(k).append(" \u00d7 IQR van hun procentuele verandering). Een"
              + " verandering die de hele groep doormaakt, is geen aandachtspunt.</li>\n");
      b.append("<li><strong>Afwijkend:</strong> het aantal cli\u00ebnten per 1.000 inwoners ligt buiten de grenzen"
          + " van de vergelijkingsgroep (P25 \u2212 ").append(k).append(" \u00d7 IQR tot P75 + ").append(k)
          .append(" \u00d7 IQR) \u00e9n uw aantal verschilt ten minste ")
          .append(DutchNumbers.decimal(s.minRelativeDifference() * 100, 0)).append("% \u00e9n ten minste ")
          .append(s.minDifferenceClients()).append(" cli\u00ebnten van het aantal dat de mediaan van de groep bij uw"
              + " inwonertal geeft.</li>\n");
      b.append("<li><strong>Geen cli\u00ebnten in een typegroep:</strong> 0 cli\u00ebnten, terwijl de mediaan van de"
          + " groep bij uw inwonertal ten minste ").append(DutchNumbers.decimal(s.zeroFlagMinExpectedClients(), 0))
          .append(" cli\u00ebnten geeft.</li>\n");
      b.append("<li><strong>Lege levering:</strong> de levering in behandeling bevat geen records; de cijfers"
          + " worden dan niet verder beoordeeld. <strong>Geen actieve arrangementen:</strong> er zijn records,"
          + " maar geen arrangement is actief in de periode.</li>\n");
      b.append("<li><strong>Veel onbekende BSN's:</strong> meer dan ")
          .append(DutchNumbers.decimal(s.unknownBsnMaxShare() * 100, 0)).append("% van de records heeft BSN"
              + " 999999999.</li>\n");
      b.append("<li>Verder: ingetrokken, geen levering in behandeling, een latere levering die is afgekeurd, en"
          + " optionele velden die zijn leeggemaakt.</li>\n");
      b.append("</ul>\n<p class=\"note\">De vergelijkingsgroep is de CBS-grootteklasse naar inwonertal, met"
          + " naburige klassen samengevoegd tot elke groep ten minste ").append(s.minComparisonGroupSize())
          .append(" gemeenten heeft. Vergeleken wordt alleen met de andere gemeenten van de groep waarvan de cijfers"
              + " worden gepubliceerd, en alleen als dat er ten minste ").append(s.minPeersForStatistics())
          .append(" zijn. IQR is de afstand tussen het 25e en het 75e percentiel; buiten ").append(k)
          .append(" \u00d7 IQR van de kwartielen is de gangbare grens voor een uitschieter.</p>\n</section>\n");
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Shared page parts.

  static long w32Count(FileVerdict v) {
    long n = 0;
    for (Finding f : v.getFindings()) {
      if (W32.equals(f.getCode())) {
        n += f.getCount();
      }
    }
    return n;
  }

  /** The optional fields named by O-codes of a blanked file, sorted; "onbekend" if none. */
  static String blankedFieldsNl(FileVerdict v) {
    TreeSet<String> fields = new TreeSet<>();
    for (Finding f : v.getFindings()) {
      if (f.getCode().startsWith("O") && f.getField() != null) {
        fields.add(f.getField());
      }
    }
    return fields.isEmpty() ? "(niet genoemd)" : String.join(", ", fields);
  }

  private static String capitalise(String s) {
    return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }

  private static void head(StringBuilder b, String title) {
    b.append("<!DOCTYPE html>\n<html lang=\"nl\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .append("<title>").append(Html.esc(title)).append("</title>\n<style>\n").append(Html.STYLE)
        .append("\n</style>\n</head>\n<body>\n");
  }

  private static String indexPage(String title, List<PeriodResult> periods, OpOrdeSettings settings) {
    StringBuilder b = new StringBuilder(64_000);
    head(b, title + ": overzicht voor het verwerkingsbureau");
    b.append("<p class=\"office\">Overzicht voor het verwerkingsbureau &middot; niet uitdelen</p>\n");
    b.append("<h1>").append(Html.esc(title)).append(": overzicht van alle gemeenten</h1>\n");
    b.append("<div class=\"box\"><p><strong>Dit overzicht is alleen voor het verwerkingsbureau.</strong> Het toont"
        + " het oordeel en de aandachtspunten van alle gemeenten en mag daarom niet aan een gemeente worden"
        + " gegeven.</p>\n<p>Wat u uitdeelt: elke gemeente heeft een eigen map <code>op-orde/&lt;gemeentecode&gt;/</code>"
        + " met alleen haar eigen rapporten (een per periode). Geef de co\u00f6rdinator van een gemeente alleen de"
        + " map met de eigen gemeentecode.</p></div>\n");
    for (PeriodResult r : periods) {
      b.append("<section id=\"").append(Html.esc(r.period().code())).append("\"><h2>")
          .append(Html.esc(capitalise(periodNl(r.period())))).append("</h2>\n");
      long flagged = r.rows().stream().filter(x -> !x.flags().isEmpty()).count();
      b.append("<p id=\"aandeel-").append(Html.esc(r.period().code())).append("\">")
          .append(DutchNumbers.integer(r.rows().size())).append(" gemeenten, waarvan ")
          .append(DutchNumbers.integer(flagged)).append(" met aandachtspunten.</p>\n");
      b.append("<table><tr><th>Code</th><th>Gemeente</th><th>Levering</th><th>Status</th>"
          + "<th>Aandachtspunten</th></tr>\n");
      for (IndexRow x : r.rows()) {
        b.append("<tr><td>").append(Html.esc(x.code())).append("</td><td><a href=\"").append(Html.esc(x.page()))
            .append("\">").append(Html.esc(x.name())).append("</a></td><td>").append(Html.esc(x.deliveryNl()))
            .append("</td><td>").append(Html.esc(x.statusNl())).append("</td><td>");
        List<String> labels = new ArrayList<>();
        for (Flag f : x.flags()) {
          labels.add(f.label());
        }
        b.append(Html.esc(String.join("; ", labels))).append("</td></tr>\n");
      }
      b.append("</table>\n</section>\n");
    }
    b.append("<p class=\"note\">De regels voor de aandachtspunten staan op elk rapport onderaan (instellingen:"
        + " nl.gmsd.report.OpOrdeSettings; vergelijking alleen over ten minste ")
        .append(settings.minPeersForStatistics()).append(" andere gepubliceerde gemeenten).</p>\n");
    b.append("</body>\n</html>\n");
    return b.toString();
  }
}
