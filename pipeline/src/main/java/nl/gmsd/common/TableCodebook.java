package nl.gmsd.common;

import java.util.ArrayList;
import java.util.List;

/**
 * The codebook of the published table (SPEC 7, 10): every region level, dimension, category,
 * measure, status and the value {@code .} with its Dutch label, in the order of {@link
 * TableLayout}. Written beside the table as {@code tabellen/codes.csv}; the op-orde pages take
 * their category labels from here too, so a reader meets one wording everywhere.
 */
public final class TableCodebook {

  /** The codebook's file name in {@code tabellen/}. */
  public static final String FILE = "codes.csv";

  /** Its header: which column of the table, the dimension (for categories only), the code, the label. */
  public static final String HEADER = "field;dimension;code;label_nl";

  /** One entry: {@code dimension} is empty except for categories, whose codes are per dimension. */
  public record Entry(String field, String dimension, String code, String labelNl) {}

  private TableCodebook() {}

  /** Every entry, in the order of the table's columns and of {@link TableLayout}. */
  public static List<Entry> entries() {
    List<Entry> e = new ArrayList<>();
    e.add(new Entry("region_level", "", TableLayout.LEVEL_GEMEENTE, "Gemeente (region_code: de viercijferige gemeentecode)"));
    e.add(new Entry("region_level", "", TableLayout.LEVEL_PROVINCIE,
        "Provincie (region_code: CBS-code PV20-PV31): som van de gepubliceerde gemeenten, daarna afgerond"));
    e.add(new Entry("region_level", "", TableLayout.LEVEL_NEDERLAND,
        "Nederland (region_code NL01): som van de gepubliceerde gemeenten, daarna afgerond"));
    for (String d : TableLayout.dimensions()) {
      e.add(new Entry("dimension", "", d, dimensionNl(d)));
    }
    for (String d : TableLayout.dimensions()) {
      for (String c : TableLayout.categories(d)) {
        e.add(new Entry("category", d, c, categoryNl(d, c)));
      }
    }
    for (String m : List.of(TableLayout.CLIENTEN, TableLayout.ARRANGEMENTEN, TableLayout.HUISHOUDENS,
        TableLayout.CLIENTEN_PER_1000, TableLayout.ARRANGEMENTEN_PER_1000)) {
      e.add(new Entry("measure", "", m, measureNl(m)));
    }
    e.add(new Entry("value", "", TableLayout.SECRET_VALUE,
        "Geen getal: de cel is geheim, ingetrokken of niet geleverd (zie status). Een cijfer per 1.000"
            + " inwoners is '.' waar het aantal waaruit het berekend is '.' is."));
    for (String s : List.of(TableLayout.STATUS_PUBLISHED, TableLayout.STATUS_SECRET, TableLayout.STATUS_WITHDRAWN,
        TableLayout.STATUS_NOT_DELIVERED)) {
      e.add(new Entry("status", "", s, statusNl(s)));
    }
    return List.copyOf(e);
  }

  /** The codebook as CSV ({@code ;}-separated, UTF-8, a header line, one entry a line). */
  public static String csv() {
    StringBuilder b = new StringBuilder(HEADER).append('\n');
    for (Entry x : entries()) {
      b.append(String.join(";", x.field(), x.dimension(), x.code(), x.labelNl())).append('\n');
    }
    return b.toString();
  }

  public static String dimensionNl(String dimension) {
    return switch (dimension) {
      case TableLayout.TOTAAL -> "Totaal";
      case TableLayout.TYPE -> "Type maatwerkarrangement (iWmo-productcategorie 01-18)";
      case TableLayout.TYPEGROEP -> "Typegroep (de CBS-indeling van de typen in groepen)";
      case TableLayout.FINANCIERINGSVORM -> "Financieringsvorm: zorg in natura (ZIN) of persoonsgebonden budget (PGB)";
      case TableLayout.AANTAL_ARRANGEMENTEN -> "Aantal maatwerkarrangementen van de cli\u00ebnt in de periode";
      case TableLayout.LEEFTIJD -> "Leeftijd van de cli\u00ebnt op de laatste dag van de periode";
      case TableLayout.GESLACHT -> "Geslacht van de cli\u00ebnt";
      default -> throw new IllegalArgumentException("unknown dimension: " + dimension);
    };
  }

  /** The Dutch label of a category, e.g. {@code type/02 -> "02 Begeleiding"}. */
  public static String categoryNl(String dimension, String category) {
    switch (dimension) {
      case TableLayout.TOTAAL:
        return "Totaal";
      case TableLayout.TYPE:
        return category + " " + ArrangementTypes.get(category).name();
      case TableLayout.TYPEGROEP:
        return category; // the groups' own names; the total says what it leaves out
      case TableLayout.FINANCIERINGSVORM:
        return switch (category) {
          case "ZIN" -> "Uitsluitend zorg in natura (ZIN)";
          case "PGB" -> "Uitsluitend persoonsgebonden budget (PGB)";
          case "ZIN+PGB" -> "Zowel ZIN als PGB";
          default -> throw new IllegalArgumentException("unknown financieringsvorm: " + category);
        };
      case TableLayout.AANTAL_ARRANGEMENTEN:
        return category.equals("1") ? "1 arrangement"
            : category.endsWith("+") ? category.substring(0, category.length() - 1) + " of meer arrangementen"
            : category + " arrangementen";
      case TableLayout.LEEFTIJD:
        if (category.equals(TableLayout.UNKNOWN)) {
          return "Onbekend (niet gevonden in de basisregistratie personen, of geen geldige geboortedatum)";
        }
        return category.endsWith("+") ? category.substring(0, category.length() - 1) + " jaar of ouder"
            : category.replace("-", " tot en met ") + " jaar";
      case TableLayout.GESLACHT:
        return switch (category) {
          case "M" -> "Man";
          case "V" -> "Vrouw";
          case TableLayout.UNKNOWN -> "Onbekend (niet gevonden in de basisregistratie personen)";
          default -> throw new IllegalArgumentException("unknown geslacht: " + category);
        };
      default:
        throw new IllegalArgumentException("unknown dimension: " + dimension);
    }
  }

  public static String measureNl(String measure) {
    return switch (measure) {
      case TableLayout.CLIENTEN -> "Aantal cli\u00ebnten: personen met ten minste \u00e9\u00e9n maatwerkarrangement"
          + " dat in de periode actief is (een cli\u00ebnt telt eenmaal per type dat hij heeft, en eenmaal in het totaal)";
      case TableLayout.ARRANGEMENTEN -> "Aantal maatwerkarrangementen dat in de periode actief is";
      case TableLayout.HUISHOUDENS -> "Aantal huishoudens met ten minste \u00e9\u00e9n cli\u00ebnt"
          + " (alleen cli\u00ebnten die in de basisregistratie personen zijn gevonden)";
      case TableLayout.CLIENTEN_PER_1000 -> "Cli\u00ebnten per 1.000 inwoners van de regio, berekend uit het"
          + " gepubliceerde (afgeronde) aantal en afgerond op een geheel getal";
      case TableLayout.ARRANGEMENTEN_PER_1000 -> "Maatwerkarrangementen per 1.000 inwoners van de regio, berekend"
          + " uit het gepubliceerde (afgeronde) aantal en afgerond op een geheel getal";
      default -> throw new IllegalArgumentException("unknown measure: " + measure);
    };
  }

  public static String statusNl(String status) {
    return switch (status) {
      case TableLayout.STATUS_PUBLISHED -> "Gepubliceerd: het aantal is afgerond op een veelvoud van de"
          + " afrondingsbasis (roundingBase in run.json, standaard 5), totalen zijn apart afgerond en hoeven niet"
          + " op te tellen";
      case TableLayout.STATUS_SECRET -> "Geheim: niet gepubliceerd om te voorkomen dat een klein aantal (minder dan"
          + " minCount in run.json, standaard 8) bekend of af te leiden is";
      case TableLayout.STATUS_WITHDRAWN -> "Ingetrokken: de gemeente heeft de toestemming tot publicatie voor deze"
          + " periode ingetrokken, en ze telt niet mee in de provincie en Nederland";
      case TableLayout.STATUS_NOT_DELIVERED -> "Niet geleverd: voor deze periode is geen goedgekeurde levering van de"
          + " gemeente van kracht, en ze telt niet mee in de provincie en Nederland";
      default -> throw new IllegalArgumentException("unknown status: " + status);
    };
  }
}
