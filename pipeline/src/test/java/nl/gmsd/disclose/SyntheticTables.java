package nl.gmsd.disclose;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import nl.gmsd.avro.CellCount;
import nl.gmsd.common.ArrangementTypes;
import nl.gmsd.common.Period;
import nl.gmsd.common.ReferenceData;
import nl.gmsd.common.TableLayout;

/** Test data: made-up clients counted into exact cells the way SPEC 7 counts them. */
final class SyntheticTables {

  static final List<String> FIN = List.of("ZIN", "PGB", "ZIN+PGB");
  static final List<String> AGES = List.of("0-17", "18-64", "65-74", "75-84", "85+", "onbekend");
  static final List<String> SEXES = List.of("M", "V", "onbekend");

  /** One made-up client: arrangements per type code, and a household (null: not in personen). */
  record Client(Map<String, Integer> arrangements, String fin, String age, String sex, String household) {}

  private SyntheticTables() {}

  static Client client(String type, int arrangements, String fin, String age, String sex, String household) {
    return new Client(Map.of(type, arrangements), fin, age, sex, household);
  }

  static Client randomClient(Random rnd, List<String> typePool) {
    Map<String, Integer> arr = new TreeMap<>();
    int types = 1 + (rnd.nextInt(10) < 7 ? 0 : rnd.nextInt(2));
    for (int i = 0; i < types; i++) {
      arr.merge(typePool.get(rnd.nextInt(typePool.size())), 1 + (rnd.nextInt(5) == 0 ? 1 : 0), Integer::sum);
    }
    String household = rnd.nextInt(10) == 0 ? null : "h" + rnd.nextInt(1_000_000);
    int total = arr.values().stream().mapToInt(Integer::intValue).sum();
    // ZIN+PGB needs two arrangements at least (SPEC 7): one arrangement has one leveringsvorm.
    String fin = FIN.get(rnd.nextInt(total >= 2 ? 3 : 2));
    return new Client(arr, fin, AGES.get(rnd.nextInt(6)), SEXES.get(rnd.nextInt(5) == 0 ? 2 : rnd.nextInt(2)),
        household);
  }

  /** Exact cell counts of one gemeente (zero cells left out, as the count stage may). */
  static List<CellCount> count(Period period, String gemeente, List<Client> clients) {
    Map<TableLayout.Cell, Long> c = new LinkedHashMap<>();
    Set<String> households = new HashSet<>();
    String excl = ArrangementTypes.TOTAL_EXCLUDING_VERBLIJF;
    for (Client cl : clients) {
      int total = cl.arrangements().values().stream().mapToInt(Integer::intValue).sum();
      add(c, "totaal", "totaal", "clienten", 1);
      add(c, "totaal", "totaal", "arrangementen", total);
      if (cl.household() != null) {
        households.add(cl.household());
      }
      Map<String, Integer> groups = new TreeMap<>();
      for (Map.Entry<String, Integer> e : cl.arrangements().entrySet()) {
        add(c, "type", e.getKey(), "clienten", 1);
        add(c, "type", e.getKey(), "arrangementen", e.getValue());
        groups.merge(ArrangementTypes.groupOf(e.getKey()), e.getValue(), Integer::sum);
      }
      int exclArr = 0;
      for (Map.Entry<String, Integer> g : groups.entrySet()) {
        add(c, "typegroep", g.getKey(), "clienten", 1);
        add(c, "typegroep", g.getKey(), "arrangementen", g.getValue());
        if (!g.getKey().equals(ArrangementTypes.GROUP_VERBLIJF_EN_OPVANG)) {
          exclArr += g.getValue();
        }
      }
      if (exclArr > 0) {
        add(c, "typegroep", excl, "clienten", 1);
        add(c, "typegroep", excl, "arrangementen", exclArr);
      }
      add(c, "financieringsvorm", cl.fin(), "clienten", 1);
      add(c, "aantal_arrangementen", total >= 6 ? "6+" : Integer.toString(total), "clienten", 1);
      add(c, "leeftijd", cl.age(), "clienten", 1);
      add(c, "geslacht", cl.sex(), "clienten", 1);
    }
    if (!households.isEmpty()) {
      add(c, "totaal", "totaal", "huishoudens", households.size());
    }
    List<CellCount> out = new ArrayList<>();
    c.forEach((k, v) -> out.add(CellCount.newBuilder().setPeriod(period.code()).setGemeentecode(gemeente)
        .setDimension(k.dimension()).setCategory(k.category()).setMeasure(k.measure()).setCount(v).build()));
    return out;
  }

  private static void add(Map<TableLayout.Cell, Long> c, String d, String cat, String m, long v) {
    c.merge(new TableLayout.Cell(d, cat, m), v, Long::sum);
  }

  /** A gemeente of a made-up division: code, name, province (a real province name), inhabitants. */
  record Gem(String code, String name, String province, long inhabitants) {}

  /** Writes gemeenten.csv (one year) and a header-only herindelingen.csv, and reads them. */
  static ReferenceData referenceData(Path dir, int year, List<Gem> gemeenten) throws IOException {
    StringBuilder g = new StringBuilder("jaar;gemeentecode;gemeentenaam;provincie;inwoners\n");
    for (Gem x : gemeenten) {
      g.append(year).append(';').append(x.code()).append(';').append(x.name()).append(';').append(x.province())
          .append(';').append(x.inhabitants()).append('\n');
    }
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("gemeenten.csv"), g.toString());
    Files.writeString(dir.resolve("herindelingen.csv"), "datum;oude_code;nieuwe_code\n");
    return ReferenceData.read(dir);
  }
}
