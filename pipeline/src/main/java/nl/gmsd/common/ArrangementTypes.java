package nl.gmsd.common;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The iWmo 3.2 productcategorie codes 01-18 with their names and CBS type groups (SPEC 3). */
public final class ArrangementTypes {

  /** The type group left out of "Totaal exclusief verblijf en opvang". */
  public static final String GROUP_VERBLIJF_EN_OPVANG = "Verblijf en opvang";

  /** Category of the typegroep dimension that sums every group except Verblijf en opvang. */
  public static final String TOTAL_EXCLUDING_VERBLIJF = "Totaal exclusief verblijf en opvang";

  public record Type(String code, String name, String group) {}

  private static final Map<String, Type> TYPES = new TreeMap<>();

  static {
    add("01", "Hulp bij het huishouden", "Hulp bij het huishouden");
    add("02", "Begeleiding", "Ondersteuning thuis");
    add("03", "Persoonlijke verzorging", "Ondersteuning thuis");
    add("04", "Kortdurend verblijf", "Ondersteuning thuis");
    add("05", "Woondiensten", "Hulpmiddelen en diensten");
    add("06", "Overige ondersteuning individu of huishouden", "Ondersteuning thuis");
    add("07", "Dagbesteding", "Ondersteuning thuis");
    add("08", "Vervoersdiensten", "Hulpmiddelen en diensten");
    add("09", "Overige groepsgerichte ondersteuning", "Ondersteuning thuis");
    add("10", "Overige maatwerkarrangementen", "Overig");
    add("11", "Rolstoelen", "Hulpmiddelen en diensten");
    add("12", "Vervoervoorzieningen", "Hulpmiddelen en diensten");
    add("13", "Woonvoorzieningen", "Hulpmiddelen en diensten");
    add("14", "Overige hulpmiddelen", "Hulpmiddelen en diensten");
    add("15", "Beschermd wonen", GROUP_VERBLIJF_EN_OPVANG);
    add("16", "Opvang", GROUP_VERBLIJF_EN_OPVANG);
    add("17", "Spoedopvang", GROUP_VERBLIJF_EN_OPVANG);
    add("18", "Overige beschermd wonen en opvang", GROUP_VERBLIJF_EN_OPVANG);
  }

  private static void add(String code, String name, String group) {
    TYPES.put(code, new Type(code, name, group));
  }

  private ArrangementTypes() {}

  /** Codes 01..18 in order. */
  public static List<String> codes() {
    return List.copyOf(TYPES.keySet());
  }

  public static boolean isCode(String code) {
    return TYPES.containsKey(code);
  }

  public static Type get(String code) {
    Type t = TYPES.get(code);
    if (t == null) {
      throw new IllegalArgumentException("unknown TYPE_ARRANGEMENT: " + code);
    }
    return t;
  }

  public static String groupOf(String code) {
    return get(code).group();
  }

  /** The distinct group names, sorted by ordinal order. */
  public static List<String> groups() {
    return TYPES.values().stream().map(Type::group).distinct().sorted().toList();
  }
}
