package nl.gmsd.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Collator;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import nl.gmsd.common.Provinces;
import nl.gmsd.common.ReferenceData;

/**
 * Reference folders in the layouts the statistical office has on its shelves (SPEC 6), made from
 * the same division and inhabitants as a plain {@code gemeenten.csv}:
 *
 * <ul>
 *   <li>CBS's "Gemeenten alfabetisch" per year as Excel saves it as CSV UTF-8: a byte order mark,
 *       CRLF line ends, sorted by name, {@code Gemeentecode} as a number (Excel drops the leading
 *       zeros: {@code 14} for {@code 0014}), {@code GM0014}, {@code PV21}, {@code Fryslân}, and a
 *       name holding the separator in quotes ({@code "Nuenen, Gerwen en Nederwetten"});
 *   <li>{@code inwoners.csv} beside them;
 *   <li>a {@code gemeenten.csv} with CBS's spellings: GM codes, "Fryslân", and the province as a
 *       PV code on some rows.
 * </ul>
 */
public final class CbsReferenceFiles {

  public static final String CBS_HEADER =
      "Gemeentecode;GemeentecodeGM;Gemeentenaam;Provinciecode;ProvinciecodePV;Provincienaam";

  private CbsReferenceFiles() {}

  /**
   * Writes CBS's division files (one per year of {@code ref}) named by {@code fileName} (e.g.
   * {@code "gemeenten-alfabetisch-%d.csv"}), separated by {@code sep}, with {@code inwoners.csv}
   * and the shipped {@code herindelingen.csv}, into {@code folder}.
   */
  public static void writeCbsLayout(Path folder, ReferenceData ref, String fileName, char sep) throws IOException {
    Files.createDirectories(folder);
    Collator dutch = Collator.getInstance(new Locale("nl", "NL"));
    for (int year : ref.years()) {
      StringBuilder sb = new StringBuilder("\uFEFF").append(CBS_HEADER.replace(';', sep)).append("\r\n");
      List<ReferenceData.Gemeente> byName = new ArrayList<>(ref.division(year).values());
      byName.sort((a, b) -> dutch.compare(a.name(), b.name()));
      for (ReferenceData.Gemeente g : byName) {
        String pv = ref.provinceCode(g.province());
        sb.append(Integer.parseInt(g.code())).append(sep)
            .append("GM").append(g.code()).append(sep)
            .append(field(g.name(), sep)).append(sep)
            .append(pv.substring(2)).append(sep)
            .append(pv).append(sep)
            .append(field(Provinces.shipped().name(pv), sep)).append("\r\n");
      }
      Files.write(folder.resolve(String.format(fileName, year)), sb.toString().getBytes(StandardCharsets.UTF_8));
    }
    StringBuilder inw = new StringBuilder("jaar;gemeentecode;inwoners\n");
    for (int year : ref.years()) {
      for (ReferenceData.Gemeente g : ref.division(year).values()) {
        if (g.inhabitants() != null) {
          inw.append(year).append(";GM").append(g.code()).append(';').append(g.inhabitants()).append('\n');
        }
      }
    }
    Files.writeString(folder.resolve("inwoners.csv"), inw.toString());
    copyShippedMergers(folder);
  }

  /**
   * Writes a {@code gemeenten.csv} with CBS's spellings (GM codes, Fryslân, and every third row's
   * province as its PV code) and the shipped mergers into {@code folder}.
   */
  public static void writeGemeentenWithCbsSpellings(Path folder, ReferenceData ref) throws IOException {
    Files.createDirectories(folder);
    StringBuilder sb = new StringBuilder("jaar;gemeentecode;gemeentenaam;provincie;inwoners\n");
    int n = 0;
    for (int year : ref.years()) {
      for (ReferenceData.Gemeente g : ref.division(year).values()) {
        String pv = ref.provinceCode(g.province());
        String province = n++ % 3 == 0 ? pv : Provinces.shipped().name(pv);
        sb.append(year).append(";GM").append(g.code()).append(';').append(g.name()).append(';').append(province)
            .append(';').append(g.inhabitants() == null ? "" : g.inhabitants()).append('\n');
      }
    }
    Files.writeString(folder.resolve("gemeenten.csv"), sb.toString());
    copyShippedMergers(folder);
  }

  private static String field(String s, char sep) {
    return s.indexOf(sep) >= 0 || s.indexOf('"') >= 0 ? '"' + s.replace("\"", "\"\"") + '"' : s;
  }

  private static void copyShippedMergers(Path folder) throws IOException {
    try (InputStream in = CbsReferenceFiles.class.getResourceAsStream("/nl/gmsd/refdata/herindelingen.csv")) {
      Files.copy(in, folder.resolve("herindelingen.csv"));
    }
  }

  /** Codes and inhabitants per year as one comparable map (names left out: they may differ). */
  public static Map<Integer, List<String>> codesAndCounts(ReferenceData ref) {
    Map<Integer, List<String>> m = new java.util.TreeMap<>();
    for (int year : ref.years()) {
      List<String> rows = new ArrayList<>();
      for (ReferenceData.Gemeente g : ref.division(year).values()) {
        rows.add(g.code() + " " + ref.provinceCode(g.province()) + " " + ref.inhabitants(year, g.code()).orElse(null));
      }
      m.put(year, rows);
    }
    return m;
  }
}
