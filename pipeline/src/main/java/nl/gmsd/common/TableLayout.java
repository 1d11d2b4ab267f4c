package nl.gmsd.common;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Exactly the (dimension, category, measure) cells of the publication table (SPEC 7, 10). Count
 * measures are computed exact and go through disclosure control; rate measures are derived from
 * the published counts.
 */
public final class TableLayout {

  public static final String TOTAAL = "totaal";
  public static final String TYPE = "type";
  public static final String TYPEGROEP = "typegroep";
  public static final String FINANCIERINGSVORM = "financieringsvorm";
  public static final String AANTAL_ARRANGEMENTEN = "aantal_arrangementen";
  public static final String LEEFTIJD = "leeftijd";
  public static final String GESLACHT = "geslacht";

  public static final String CLIENTEN = "clienten";
  public static final String ARRANGEMENTEN = "arrangementen";
  public static final String HUISHOUDENS = "huishoudens";
  public static final String CLIENTEN_PER_1000 = "clienten_per_1000";
  public static final String ARRANGEMENTEN_PER_1000 = "arrangementen_per_1000";

  public static final String UNKNOWN = "onbekend";

  public static final String LEVEL_GEMEENTE = "gemeente";
  public static final String LEVEL_PROVINCIE = "provincie";
  public static final String LEVEL_NEDERLAND = "nederland";
  public static final String NEDERLAND_CODE = "NL01";
  public static final String NEDERLAND_NAME = "Nederland";

  public static final String STATUS_PUBLISHED = "gepubliceerd";
  public static final String STATUS_SECRET = "geheim";
  public static final String STATUS_WITHDRAWN = "ingetrokken";
  public static final String STATUS_NOT_DELIVERED = "niet_geleverd";
  public static final String SECRET_VALUE = ".";

  /** Age group boundaries (lower bounds) and names, on the last day of the period. */
  public static final List<String> AGE_GROUPS = List.of("0-17", "18-64", "65-74", "75-84", "85+");

  /** Number-of-arrangements categories; the last one is "this many or more". */
  public static final List<String> ARRANGEMENT_COUNTS = List.of("1", "2", "3", "4", "5", "6+");

  /** A count cell's coordinates within one region and period. */
  public record Cell(String dimension, String category, String measure) {}

  private static final Map<String, List<String>> CATEGORIES;
  private static final Map<String, List<String>> COUNT_MEASURES;
  private static final Map<String, List<String>> RATE_MEASURES;

  static {
    List<String> typeGroups = new ArrayList<>(ArrangementTypes.groups());
    typeGroups.add(ArrangementTypes.TOTAL_EXCLUDING_VERBLIJF);
    typeGroups.sort(null);
    List<String> ages = new ArrayList<>(AGE_GROUPS);
    ages.add(UNKNOWN);
    CATEGORIES = Map.of(
        TOTAAL, List.of(TOTAAL),
        TYPE, ArrangementTypes.codes(),
        TYPEGROEP, List.copyOf(typeGroups),
        FINANCIERINGSVORM, List.of("ZIN", "PGB", "ZIN+PGB"),
        AANTAL_ARRANGEMENTEN, ARRANGEMENT_COUNTS,
        LEEFTIJD, List.copyOf(ages),
        GESLACHT, List.of("M", "V", UNKNOWN));
    List<String> clientsOnly = List.of(CLIENTEN);
    List<String> both = List.of(CLIENTEN, ARRANGEMENTEN);
    COUNT_MEASURES = Map.of(
        TOTAAL, List.of(CLIENTEN, ARRANGEMENTEN, HUISHOUDENS),
        TYPE, both,
        TYPEGROEP, both,
        FINANCIERINGSVORM, clientsOnly,
        AANTAL_ARRANGEMENTEN, clientsOnly,
        LEEFTIJD, clientsOnly,
        GESLACHT, clientsOnly);
    List<String> bothRates = List.of(CLIENTEN_PER_1000, ARRANGEMENTEN_PER_1000);
    RATE_MEASURES = Map.of(
        TOTAAL, bothRates,
        TYPE, bothRates,
        TYPEGROEP, bothRates,
        FINANCIERINGSVORM, List.of(CLIENTEN_PER_1000),
        AANTAL_ARRANGEMENTEN, List.of(CLIENTEN_PER_1000),
        LEEFTIJD, List.of(CLIENTEN_PER_1000),
        GESLACHT, List.of(CLIENTEN_PER_1000));
  }

  private TableLayout() {}

  /** The dimensions in the order of SPEC 10. */
  public static List<String> dimensions() {
    return List.of(TOTAAL, TYPE, TYPEGROEP, FINANCIERINGSVORM, AANTAL_ARRANGEMENTEN, LEEFTIJD, GESLACHT);
  }

  public static List<String> categories(String dimension) {
    return require(CATEGORIES, dimension);
  }

  public static List<String> countMeasures(String dimension) {
    return require(COUNT_MEASURES, dimension);
  }

  public static List<String> rateMeasures(String dimension) {
    return require(RATE_MEASURES, dimension);
  }

  /** The count measure a rate measure is derived from. */
  public static String countOfRate(String rateMeasure) {
    return switch (rateMeasure) {
      case CLIENTEN_PER_1000 -> CLIENTEN;
      case ARRANGEMENTEN_PER_1000 -> ARRANGEMENTEN;
      default -> throw new IllegalArgumentException("not a rate measure: " + rateMeasure);
    };
  }

  /** Every count cell of one region and period, in layout order. */
  public static List<Cell> countCells() {
    List<Cell> cells = new ArrayList<>();
    for (String d : dimensions()) {
      for (String c : categories(d)) {
        for (String m : countMeasures(d)) {
          cells.add(new Cell(d, c, m));
        }
      }
    }
    return cells;
  }

  /** Every rate cell of one region and period, in layout order. */
  public static List<Cell> rateCells() {
    List<Cell> cells = new ArrayList<>();
    for (String d : dimensions()) {
      for (String c : categories(d)) {
        for (String m : rateMeasures(d)) {
          cells.add(new Cell(d, c, m));
        }
      }
    }
    return cells;
  }

  /**
   * Per 1 000 inhabitants from a published count, in integer arithmetic, halves up (SPEC 7):
   * {@code (2000 * count + inh) div (2 * inh)}.
   */
  public static long per1000(long publishedCount, long inhabitants) {
    if (inhabitants <= 0) {
      throw new IllegalArgumentException("inhabitants must be positive: " + inhabitants);
    }
    return Math.floorDiv(2000L * publishedCount + inhabitants, 2L * inhabitants);
  }

  /** Age group on the last day of the period for a birth date (days since epoch); null = onbekend. */
  public static String ageGroup(Integer birthEpochDay, Period period) {
    if (birthEpochDay == null) {
      return UNKNOWN;
    }
    int age = java.time.Period.between(java.time.LocalDate.ofEpochDay(birthEpochDay), period.end()).getYears();
    if (age < 0) {
      return UNKNOWN;
    }
    if (age <= 17) {
      return "0-17";
    }
    if (age <= 64) {
      return "18-64";
    }
    if (age <= 74) {
      return "65-74";
    }
    if (age <= 84) {
      return "75-84";
    }
    return "85+";
  }

  private static List<String> require(Map<String, List<String>> map, String dimension) {
    List<String> v = map.get(dimension);
    if (v == null) {
      throw new IllegalArgumentException("unknown dimension: " + dimension);
    }
    return v;
  }
}
