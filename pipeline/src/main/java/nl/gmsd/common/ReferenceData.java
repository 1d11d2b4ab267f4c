package nl.gmsd.common;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The regional division per year ({@code gemeenten.csv}), the mergers ({@code herindelingen.csv})
 * and the CBS province codes (SPEC 6, 10, 11). Small: held in memory and shipped to workers as a
 * serialised value.
 */
public final class ReferenceData implements Serializable {

  private static final long serialVersionUID = 1L;

  public static final String GEMEENTEN_FILE = "gemeenten.csv";
  public static final String HERINDELINGEN_FILE = "herindelingen.csv";
  private static final String SHIPPED = "/nl/gmsd/refdata/";

  /** One gemeente in the division of one year. {@code inhabitants} is null when not given. */
  public record Gemeente(String code, String name, String province, Long inhabitants)
      implements Serializable {}

  /** A merger: on {@code date} (YYYYMMDD) {@code oldCode} ended and went (partly) to {@code newCode}. */
  public record Merger(String date, String oldCode, String newCode) implements Serializable {}

  /** Inhabitants for a gemeente and year, and the year they were taken from (SPEC 6 fallback). */
  public record Inhabitants(long count, int fromYear) implements Serializable {}

  private final TreeMap<Integer, TreeMap<String, Gemeente>> divisions;
  private final List<Merger> mergers;
  private final TreeMap<String, String> provinceCodes;

  private ReferenceData(
      TreeMap<Integer, TreeMap<String, Gemeente>> divisions,
      List<Merger> mergers,
      TreeMap<String, String> provinceCodes) {
    this.divisions = divisions;
    this.mergers = mergers;
    this.provinceCodes = provinceCodes;
  }

  /** The reference data shipped with the program (the real division 2015-2025). */
  public static ReferenceData shipped() {
    try (InputStream g = resource(GEMEENTEN_FILE);
        InputStream h = resource(HERINDELINGEN_FILE)) {
      return parse(g, "(shipped) " + GEMEENTEN_FILE, h, "(shipped) " + HERINDELINGEN_FILE);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Reads {@code gemeenten.csv} and {@code herindelingen.csv} from a reference folder. */
  public static ReferenceData read(Path folder) throws IOException {
    Path g = folder.resolve(GEMEENTEN_FILE);
    Path h = folder.resolve(HERINDELINGEN_FILE);
    for (Path p : List.of(g, h)) {
      if (!Files.isRegularFile(p)) {
        throw new ReferenceDataException(p + ": missing from the reference folder");
      }
    }
    try (InputStream gi = Files.newInputStream(g);
        InputStream hi = Files.newInputStream(h)) {
      return parse(gi, g.toString(), hi, h.toString());
    }
  }

  static ReferenceData parse(InputStream gemeenten, String gName, InputStream herindelingen, String hName)
      throws IOException {
    TreeMap<String, String> provinceCodes = readProvinceCodes();
    TreeMap<Integer, TreeMap<String, Gemeente>> divisions = new TreeMap<>();
    readRows(gemeenten, gName, "jaar;gemeentecode;gemeentenaam;provincie;inwoners", 5, (line, f) -> {
      int year = parseInt(f[0], gName, line, "jaar");
      String code = f[1];
      if (!code.matches("\\d{4}")) {
        throw new ReferenceDataException(gName + " line " + line + ": gemeentecode '" + code + "' is not 4 digits");
      }
      if (!provinceCodes.containsKey(f[3])) {
        throw new ReferenceDataException(gName + " line " + line + ": unknown province '" + f[3]
            + "' (known: " + String.join(", ", provinceCodes.keySet()) + ")");
      }
      Long inh = f[4].isEmpty() ? null : (long) parseInt(f[4], gName, line, "inwoners");
      divisions.computeIfAbsent(year, y -> new TreeMap<>()).put(code, new Gemeente(code, f[2], f[3], inh));
    });
    List<Merger> mergers = new ArrayList<>();
    readRows(herindelingen, hName, "datum;oude_code;nieuwe_code", 3, (line, f) -> {
      if (!f[0].matches("\\d{8}") || !f[1].matches("\\d{4}") || !f[2].matches("\\d{4}")) {
        throw new ReferenceDataException(hName + " line " + line + ": expected YYYYMMDD;4 digits;4 digits");
      }
      mergers.add(new Merger(f[0], f[1], f[2]));
    });
    return new ReferenceData(divisions, List.copyOf(mergers), provinceCodes);
  }

  private interface RowHandler {
    void row(int line, String[] fields);
  }

  private static void readRows(InputStream in, String name, String header, int n, RowHandler h) throws IOException {
    BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    String first = r.readLine();
    if (first != null && first.startsWith("\uFEFF")) {
      first = first.substring(1);
    }
    if (first == null || !first.trim().equalsIgnoreCase(header)) {
      throw new ReferenceDataException(name + " line 1: header must be '" + header + "'");
    }
    String s;
    int line = 1;
    while ((s = r.readLine()) != null) {
      line++;
      if (s.endsWith("\r")) {
        s = s.substring(0, s.length() - 1);
      }
      if (s.isEmpty()) {
        continue;
      }
      String[] f = s.split(";", -1);
      if (f.length != n) {
        throw new ReferenceDataException(name + " line " + line + ": expected " + n + " fields, found " + f.length);
      }
      h.row(line, f);
    }
  }

  private static int parseInt(String s, String file, int line, String col) {
    try {
      return Integer.parseInt(s);
    } catch (NumberFormatException e) {
      throw new ReferenceDataException(file + " line " + line + ": " + col + " '" + s + "' is not a number");
    }
  }

  private static TreeMap<String, String> readProvinceCodes() throws IOException {
    TreeMap<String, String> codes = new TreeMap<>();
    try (InputStream in = resource("gemeenten_detail.csv")) {
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      r.readLine();
      String s;
      while ((s = r.readLine()) != null) {
        String[] f = s.split(";", -1);
        if (f.length >= 6) {
          codes.put(f[5], f[4]);
        }
      }
    }
    return codes;
  }

  private static InputStream resource(String name) {
    InputStream in = ReferenceData.class.getResourceAsStream(SHIPPED + name);
    if (in == null) {
      throw new IllegalStateException("shipped reference data missing: " + SHIPPED + name);
    }
    return in;
  }

  /** Years that have a division. */
  public SortedSet<Integer> years() {
    return Collections.unmodifiableSortedSet(new TreeSet<>(divisions.keySet()));
  }

  /** The division on 1 January of {@code year}, code to gemeente, sorted by code; empty if none. */
  public NavigableMap<String, Gemeente> division(int year) {
    TreeMap<String, Gemeente> d = divisions.get(year);
    return d == null ? Collections.emptyNavigableMap() : Collections.unmodifiableNavigableMap(d);
  }

  public boolean hasDivision(int year) {
    return divisions.containsKey(year);
  }

  public Optional<Gemeente> gemeente(int year, String code) {
    return Optional.ofNullable(division(year).get(code));
  }

  /**
   * Inhabitants of {@code code} for {@code year}; where that year has none, the count of the
   * nearest year that has one, earlier years first on a tie (SPEC 6 [decision]).
   */
  public Optional<Inhabitants> inhabitants(int year, String code) {
    Integer best = null;
    for (Map.Entry<Integer, TreeMap<String, Gemeente>> e : divisions.entrySet()) {
      Gemeente g = e.getValue().get(code);
      if (g == null || g.inhabitants() == null) {
        continue;
      }
      int y = e.getKey();
      if (best == null || Math.abs(y - year) < Math.abs(best - year)) {
        best = y; // iteration is ascending, so on a tie the earlier year stays
      }
    }
    return best == null
        ? Optional.empty()
        : Optional.of(new Inhabitants(divisions.get(best).get(code).inhabitants(), best));
  }

  public List<Merger> mergers() {
    return mergers;
  }

  /** True when {@code code} appears as an old code in the mergers. */
  public boolean isMergedAway(String code) {
    return mergers.stream().anyMatch(m -> m.oldCode().equals(code));
  }

  /**
   * The code(s) that {@code oldCode} went to, followed through later mergers; for a split every
   * new code. Empty when the code was never merged.
   */
  public SortedSet<String> successors(String oldCode) {
    SortedSet<String> result = new TreeSet<>();
    follow(oldCode, "00000000", result, 0);
    return result;
  }

  private void follow(String code, String after, SortedSet<String> out, int depth) {
    List<Merger> next = mergers.stream()
        .filter(m -> m.oldCode().equals(code) && m.date().compareTo(after) >= 0)
        .toList();
    if (next.isEmpty() || depth > 20) {
      if (depth > 0) {
        out.add(code);
      }
      return;
    }
    for (Merger m : next) {
      follow(m.newCode(), m.date(), out, depth + 1);
    }
  }

  /** CBS province code (PV20..PV31) for a province name as written in gemeenten.csv. */
  public String provinceCode(String provinceName) {
    String c = provinceCodes.get(provinceName);
    if (c == null) {
      throw new ReferenceDataException("unknown province name '" + provinceName + "'");
    }
    return c;
  }

  /** Province name to code, sorted by name. */
  public Map<String, String> provinceCodes() {
    return Collections.unmodifiableMap(new HashMap<>(provinceCodes));
  }

  /** A reference file that cannot be used; the message names the file and line. */
  public static final class ReferenceDataException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ReferenceDataException(String message) {
      super(message);
    }
  }
}
