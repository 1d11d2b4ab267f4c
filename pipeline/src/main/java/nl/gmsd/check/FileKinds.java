package nl.gmsd.check;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import nl.gmsd.common.Period;

/**
 * Every kind of delivered file the program knows (SPEC 3, 12), loaded from the protocol resources
 * under {@code nl/gmsd/check/}: {@code protocol.properties} and {@code codes.csv} (what every kind
 * shares, and the list of kinds), and per kind {@code <kind>-protocol.properties}, {@code
 * <kind>-columns.csv} and {@code <kind>-codes.csv} (plus the code files its {@code codes.include}
 * names). A new kind, or a new column from some year on, is a change of these files only.
 */
public final class FileKinds implements Serializable {

  private static final long serialVersionUID = 1L;

  /** The id of the person-level Wmo kind, whose records go to merging (SPEC 3, 5). */
  public static final String WMO = "WMO";

  private static final String ROOT = "/nl/gmsd/check/";
  private static volatile FileKinds shipped;

  /** Opens a protocol resource by its file name, or returns null when there is none. */
  @FunctionalInterface
  public interface Resources {
    InputStream open(String name) throws IOException;
  }

  private final List<FileKind> kinds;

  private FileKinds(List<FileKind> kinds) {
    this.kinds = List.copyOf(kinds);
  }

  /** The kinds shipped with the program. */
  public static FileKinds shipped() {
    FileKinds k = shipped;
    if (k == null) {
      k = load(name -> FileKinds.class.getResourceAsStream(ROOT + name));
      shipped = k;
    }
    return k;
  }

  /** Loads the kinds from another set of resources (a test's, or a later protocol's). */
  public static FileKinds load(Resources resources) {
    try {
      Map<String, String> shared = properties(resources, "protocol.properties");
      Map<String, Protocol.CodeText> sharedCodes = codes(resources, "codes.csv");
      List<FileKind> kinds = new ArrayList<>();
      for (String name : shared.get("kinds").split(",")) {
        kinds.add(kind(resources, name.strip(), shared, sharedCodes));
      }
      return new FileKinds(kinds);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static FileKind kind(Resources resources, String name, Map<String, String> shared,
      Map<String, Protocol.CodeText> sharedCodes) throws IOException {
    Map<String, String> settings = new TreeMap<>(shared);
    settings.remove("kinds");
    settings.putAll(properties(resources, name + "-protocol.properties"));
    Map<String, Protocol.CodeText> codes = new TreeMap<>(sharedCodes);
    String include = settings.getOrDefault("codes.include", "");
    for (String extra : include.isEmpty() ? new String[0] : include.split(",")) {
      putNew(codes, codes(resources, extra.strip() + "-codes.csv"), name);
    }
    putNew(codes, codes(resources, name + "-codes.csv"), name);
    String id = settings.get("prefix");
    if (id == null || !id.toLowerCase(Locale.ROOT).equals(name)) {
      throw new IllegalStateException(name + "-protocol.properties: prefix must be " + name.toUpperCase(Locale.ROOT));
    }
    List<FileKind.ColumnLine> columns = new ArrayList<>();
    for (String[] f : rows(resources, name + "-columns.csv", 12, false)) {
      List<String> allowed = f[7].isEmpty() ? List.of() : List.of(f[7].split(" "));
      Protocol.Column c = new Protocol.Column(0, f[0], f[1].isEmpty() ? null : f[1],
          Protocol.FieldSet.valueOf(f[2].toUpperCase(Locale.ROOT)), Protocol.Kind.valueOf(f[3].toUpperCase(Locale.ROOT)),
          Integer.parseInt(f[4]), Integer.parseInt(f[5]), yes(f[6]), allowed, f[8], yes(f[9]));
      columns.add(new FileKind.ColumnLine(c, year(f[10]), year(f[11])));
    }
    return new FileKind(id, year(settings.get("years.first")), year(settings.get("years.last")), columns, codes,
        settings);
  }

  private static void putNew(Map<String, Protocol.CodeText> codes, Map<String, Protocol.CodeText> more, String kind) {
    for (Protocol.CodeText t : more.values()) {
      if (codes.put(t.code(), t) != null) {
        throw new IllegalStateException(kind + ": code " + t.code() + " has two texts");
      }
    }
  }

  /** All kinds, in the order of {@code protocol.properties}. */
  public List<FileKind> all() {
    return kinds;
  }

  /** The kind with this id (its prefix, e.g. SBO). */
  public FileKind kind(String id) {
    for (FileKind k : kinds) {
      if (k.id().equals(id)) {
        return k;
      }
    }
    throw new IllegalArgumentException("no file kind " + id);
  }

  /**
   * The kind a manifest path is checked as: the kind whose prefix its file name starts with,
   * compared case-insensitively (the longest prefix first), so that {@code sbo_H12018_x.csv} is
   * told what an SBO name must look like (F02). A name with no known prefix is the first kind's.
   */
  public FileKind kindOf(String manifestPath) {
    String name = FileNameRules.fileName(manifestPath).toUpperCase(Locale.ROOT);
    FileKind best = null;
    for (FileKind k : kinds) {
      if (name.startsWith(k.id()) && (best == null || k.id().length() > best.id().length())) {
        best = k;
      }
    }
    return best != null ? best : kinds.get(0);
  }

  /** The kinds in force for periods of {@code year}, each with its protocol of that year. */
  public Protocols forYear(int year) {
    List<Protocol> inForce = new ArrayList<>();
    for (FileKind k : kinds) {
      if (k.inForce(year)) {
        inForce.add(k.protocol(year));
      }
    }
    return new Protocols(year, inForce);
  }

  public Protocols forPeriod(Period period) {
    return forYear(period.year());
  }

  // ---------------------------------------------------------------------------------------------

  private static Integer year(String s) {
    return s == null || s.isBlank() ? null : Integer.valueOf(s.strip());
  }

  private static boolean yes(String s) {
    return s.equalsIgnoreCase("yes");
  }

  private static Map<String, String> properties(Resources resources, String name) throws IOException {
    Properties p = new Properties();
    try (InputStream in = open(resources, name)) {
      p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
    }
    Map<String, String> m = new TreeMap<>();
    for (String k : p.stringPropertyNames()) {
      m.put(k, p.getProperty(k));
    }
    return m;
  }

  private static Map<String, Protocol.CodeText> codes(Resources resources, String name) throws IOException {
    Map<String, Protocol.CodeText> codes = new LinkedHashMap<>();
    // the last column (how to fix) may itself hold ';' (it quotes the header)
    for (String[] f : rows(resources, name, 4, true)) {
      if (codes.put(f[0], new Protocol.CodeText(f[0], f[1], f[2], f[3])) != null) {
        throw new IllegalStateException(name + ": code " + f[0] + " twice");
      }
    }
    return codes;
  }

  private static List<String[]> rows(Resources resources, String name, int n, boolean lastTakesRest)
      throws IOException {
    List<String[]> rows = new ArrayList<>();
    try (BufferedReader r = new BufferedReader(new InputStreamReader(open(resources, name), StandardCharsets.UTF_8))) {
      r.readLine(); // header
      String s;
      while ((s = r.readLine()) != null) {
        if (s.isBlank()) {
          continue;
        }
        String[] f = s.split(";", lastTakesRest ? n : -1);
        if (f.length != n) {
          throw new IllegalStateException("protocol " + name + ": expected " + n + " fields: " + s);
        }
        rows.add(f);
      }
    }
    return rows;
  }

  private static InputStream open(Resources resources, String name) throws IOException {
    InputStream in = resources.open(name);
    if (in == null) {
      throw new IllegalStateException("protocol resource missing: " + name);
    }
    return in;
  }
}
