package nl.gmsd.check;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * A delivery protocol as data: the columns with their formats, value lists and codes, the file
 * name rules, and the Dutch description and remedy of every check code (SPEC 3, 4, 10, 11). Loaded
 * from resources under {@code nl/gmsd/check/}, so a later protocol version is a change of data.
 */
public final class Protocol implements Serializable {

  private static final long serialVersionUID = 1L;

  private static final String WMO = "/nl/gmsd/check/wmo-";

  /** Whether a column is part of the basis set (errors reject) or the optional set (errors blank). */
  public enum FieldSet { BASIS, OPTIONAL }

  /** How a column's value is checked beyond length and value list. */
  public enum Kind {
    /** {@code YYYYMMDD}, a real date. */
    DATE,
    /** digits only; additionally a gemeente of the division (R11/R12). */
    GEMEENTECODE,
    /** 9 digits passing the 11-test, or the unknown BSN; never the invalid BSN. */
    BSN,
    /** ASCII digits only. */
    DIGITS,
    /** ASCII letters only. */
    LETTERS,
    /** ASCII letters, digits and '-'. */
    TOKEN
  }

  /** One column of the delivery file. {@code allowed} is empty when any well-formed value is fine. */
  public record Column(
      int position,
      String name,
      FieldSet set,
      Kind kind,
      int minLength,
      int maxLength,
      boolean emptyAllowed,
      List<String> allowed,
      String code,
      boolean scientificCheck)
      implements Serializable {}

  /** The reader-facing text of one code. {@code level}: file, basis, optional or warning. */
  public record CodeText(String code, String level, String description, String fix)
      implements Serializable {}

  private final List<Column> columns;
  private final Map<String, CodeText> codes;
  private final Map<String, String> settings;

  private Protocol(List<Column> columns, Map<String, CodeText> codes, Map<String, String> settings) {
    this.columns = List.copyOf(columns);
    this.codes = Collections.unmodifiableMap(new TreeMap<>(codes));
    this.settings = Collections.unmodifiableMap(new TreeMap<>(settings));
  }

  /** The Wmo protocol shipped with the program. */
  public static Protocol wmo() {
    try (InputStream cols = resource(WMO + "columns.csv");
        InputStream codeTexts = resource(WMO + "codes.csv");
        InputStream props = resource(WMO + "protocol.properties")) {
      return load(cols, codeTexts, props);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Loads a protocol from its three parts (columns CSV, codes CSV, settings properties). */
  public static Protocol load(InputStream columnsCsv, InputStream codesCsv, InputStream properties)
      throws IOException {
    List<Column> columns = new ArrayList<>();
    for (String[] f : rows(columnsCsv, 10, "columns", false)) {
      List<String> allowed = f[7].isEmpty() ? List.of() : List.of(f[7].split(" "));
      columns.add(new Column(Integer.parseInt(f[0]), f[1], FieldSet.valueOf(f[2].toUpperCase()),
          Kind.valueOf(f[3].toUpperCase()), Integer.parseInt(f[4]), Integer.parseInt(f[5]),
          yes(f[6]), allowed, f[8], yes(f[9])));
    }
    for (int i = 0; i < columns.size(); i++) {
      if (columns.get(i).position() != i + 1) {
        throw new IllegalStateException("protocol columns must be listed by position 1..n");
      }
    }
    Map<String, CodeText> codes = new LinkedHashMap<>();
    // the last column (how to fix) may itself hold ';' (it quotes the header)
    for (String[] f : rows(codesCsv, 4, "codes", true)) {
      codes.put(f[0], new CodeText(f[0], f[1], f[2], f[3]));
    }
    Properties p = new Properties();
    p.load(new InputStreamReader(properties, StandardCharsets.UTF_8));
    Map<String, String> settings = new TreeMap<>();
    for (String k : p.stringPropertyNames()) {
      settings.put(k, p.getProperty(k));
    }
    Protocol protocol = new Protocol(columns, codes, settings);
    protocol.validate();
    return protocol;
  }

  private void validate() {
    for (Column c : columns) {
      requireText(c.code());
    }
    for (Map.Entry<String, String> e : settings.entrySet()) {
      if (e.getKey().startsWith("code.")) {
        requireText(e.getValue());
      }
      if (e.getKey().startsWith("column.")) {
        column(e.getValue());
      }
    }
    Pattern.compile(setting("name.structure"));
    Pattern.compile(setting("scientificNotation"));
  }

  private void requireText(String code) {
    if (!codes.containsKey(code)) {
      throw new IllegalStateException("protocol code " + code + " has no description");
    }
  }

  private static boolean yes(String s) {
    return s.equalsIgnoreCase("yes");
  }

  private static List<String[]> rows(InputStream in, int n, String what, boolean lastTakesRest)
      throws IOException {
    BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    r.readLine(); // header
    List<String[]> rows = new ArrayList<>();
    String s;
    while ((s = r.readLine()) != null) {
      if (s.isBlank()) {
        continue;
      }
      String[] f = s.split(";", lastTakesRest ? n : -1);
      if (f.length != n) {
        throw new IllegalStateException("protocol " + what + ": expected " + n + " fields: " + s);
      }
      rows.add(f);
    }
    return rows;
  }

  private static InputStream resource(String name) {
    InputStream in = Protocol.class.getResourceAsStream(name);
    if (in == null) {
      throw new IllegalStateException("protocol resource missing: " + name);
    }
    return in;
  }

  /** The columns in file order. */
  public List<Column> columns() {
    return columns;
  }

  /** The column with this name (exact). */
  public Column column(String name) {
    for (Column c : columns) {
      if (c.name().equals(name)) {
        return c;
      }
    }
    throw new IllegalStateException("protocol has no column " + name);
  }

  /** The column playing a role ({@code column.<role>} in the settings), e.g. "start". */
  public Column columnFor(String role) {
    return column(setting("column." + role));
  }

  /** The code of a rule ({@code code.<rule>} in the settings), e.g. "quote" gives R02. */
  public String code(String rule) {
    return setting("code." + rule);
  }

  /** A setting; fails when absent, so a typo in a role name fails loudly. */
  public String setting(String key) {
    String v = settings.get(key);
    if (v == null) {
      throw new IllegalStateException("protocol setting missing: " + key);
    }
    return v;
  }

  public int intSetting(String key) {
    return Integer.parseInt(setting(key));
  }

  /** The header line the file must start with (compared case-insensitively). */
  public String header() {
    StringBuilder b = new StringBuilder();
    for (Column c : columns) {
      if (b.length() > 0) {
        b.append(setting("separator"));
      }
      b.append(c.name());
    }
    return b.toString();
  }

  /** The Dutch text of a code; fails for an unknown code. */
  public CodeText text(String code) {
    CodeText t = codes.get(code);
    if (t == null) {
      throw new IllegalArgumentException("unknown check code " + code);
    }
    return t;
  }

  /** Every code with a text, sorted. */
  public Set<String> codes() {
    return codes.keySet();
  }

  /** True for the codes that count as errors (file, basis, optional), false for warnings. */
  public boolean isError(String code) {
    return !"warning".equals(text(code).level());
  }

  /** True for the codes that reject a file (file and basis level). */
  public boolean rejects(String code) {
    String level = text(code).level();
    return "file".equals(level) || "basis".equals(level);
  }

  /** True for optional-field codes (approved with blanking). */
  public boolean isOptional(String code) {
    return "optional".equals(text(code).level());
  }
}
