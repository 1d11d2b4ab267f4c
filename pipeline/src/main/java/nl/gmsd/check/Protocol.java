package nl.gmsd.check;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import nl.gmsd.report.DutchNumbers;

/**
 * The protocol of one file kind in one protocol year, as data: the columns in force that year with
 * their roles, formats, value lists and codes, the kind's settings (name rules, record, rules), and
 * the Dutch description and remedy of every check code, with the kind's name, header and column
 * count filled in (SPEC 3, 4, 10, 11, 12). Made by {@link FileKind#protocol(int)} from the resources
 * under {@code nl/gmsd/check/}; {@link Protocols#forPeriod} gives the kinds in force for a period.
 */
public final class Protocol implements Serializable {

  private static final long serialVersionUID = 2L;

  /** Whether a column is part of the basis set (errors reject) or the optional set (errors blank). */
  public enum FieldSet { BASIS, OPTIONAL }

  /** How a column's value is checked beyond length and value list. */
  public enum Kind {
    /** {@code YYYYMMDD}, a real date; handed on as days since 1970-01-01. */
    DATE,
    /** digits only; additionally a gemeente of the division (R11/R12). */
    GEMEENTECODE,
    /** 9 digits passing the 11-test, or the unknown BSN; never the invalid BSN. */
    BSN,
    /** ASCII digits only. */
    DIGITS,
    /** ASCII digits only, an amount: handed on as a number (long). */
    AMOUNT,
    /** ASCII letters only. */
    LETTERS,
    /** ASCII letters, digits and '-'. */
    TOKEN
  }

  /**
   * One column of the file, in file order ({@code position} 1..n). {@code role} names what the
   * value is (and the field of the kind's record it fills, when the record has one), or null.
   * {@code allowed} is empty when any well-formed value is fine.
   */
  public record Column(
      int position,
      String name,
      String role,
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

  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z]+)\\}");

  private final String kind;
  private final int year;
  private final String title;
  private final Integer firstYear;
  private final Integer lastYear;
  private final List<Column> columns;
  private final Map<String, Column> byRole = new HashMap<>();
  private final Map<String, CodeText> codes;
  private final Map<String, String> settings;

  /**
   * A protocol from its parts; code texts are filled in here. Fails when the parts do not fit
   * together (a code without text, a role twice, a setting naming an unknown column).
   */
  Protocol(String kind, int year, Integer firstYear, Integer lastYear, List<Column> columns,
      Map<String, CodeText> rawCodes, Map<String, String> settings) {
    this.kind = kind;
    this.year = year;
    this.firstYear = firstYear;
    this.lastYear = lastYear;
    this.columns = List.copyOf(columns);
    this.settings = Collections.unmodifiableMap(new TreeMap<>(settings));
    this.title = setting("title");
    for (Column c : columns) {
      if (c.role() != null && byRole.put(c.role(), c) != null) {
        throw new IllegalStateException(kind + " " + year + ": role " + c.role() + " on two columns");
      }
    }
    Map<String, String> values = placeholders();
    Map<String, CodeText> rendered = new TreeMap<>();
    for (CodeText t : rawCodes.values()) {
      rendered.put(t.code(), new CodeText(t.code(), t.level(), fill(t.description(), values, t.code()),
          fill(t.fix(), values, t.code())));
    }
    this.codes = Collections.unmodifiableMap(rendered);
    validate();
  }

  private Map<String, String> placeholders() {
    Map<String, String> v = new HashMap<>();
    v.put("prefix", setting("prefix"));
    v.put("examplePeriod", setting("name.examplePeriod"));
    v.put("header", header());
    v.put("columns", Integer.toString(columns.size()));
    v.put("separators", Integer.toString(columns.size() - 1));
    v.put("years", yearsNl());
    optionalSetting("request.inhabitantsBelow").ifPresent(s -> v.put("inhabitantsBelow", DutchNumbers.integer(Long.parseLong(s))));
    return v;
  }

  private String fill(String text, Map<String, String> values, String code) {
    Matcher m = PLACEHOLDER.matcher(text);
    StringBuilder b = new StringBuilder();
    while (m.find()) {
      String v = values.get(m.group(1));
      if (v == null) {
        throw new IllegalStateException(kind + ": text of " + code + " uses unknown {" + m.group(1) + "}");
      }
      m.appendReplacement(b, Matcher.quoteReplacement(v));
    }
    m.appendTail(b);
    return b.toString();
  }

  private void validate() {
    if (columns.isEmpty()) {
      throw new IllegalStateException(kind + " " + year + ": no columns in force");
    }
    for (Column c : columns) {
      requireText(c.code());
    }
    for (Map.Entry<String, String> e : settings.entrySet()) {
      if (e.getKey().startsWith("code.")) {
        requireText(e.getValue());
      }
    }
    if (!setting("name.structure").startsWith(setting("prefix") + "_")) {
      throw new IllegalStateException(kind + ": name.structure must start with the prefix and _");
    }
    if (Pattern.compile(setting("name.structure")).matcher("").groupCount() != 1) {
      throw new IllegalStateException(kind + ": name.structure needs one group, the period");
    }
    Pattern.compile(setting("scientificNotation"));
    requireRole("gemeentecode");
    if (hasCode("duplicateCategory")) {
      requireRole("category");
    }
    if (hasCode("endBeforeStart") || hasCode("outsidePeriod")) {
      requireRole("start");
      requireRole("end");
    }
    if (hasCode("unknownBsn")) {
      requireRole("bsn");
    }
    if (hasCode("notRequested")) {
      Long.parseLong(setting("request.inhabitantsBelow"));
    }
  }

  private void requireRole(String role) {
    if (!byRole.containsKey(role)) {
      throw new IllegalStateException(kind + " " + year + ": no column has the role " + role);
    }
  }

  private void requireText(String code) {
    if (!codes.containsKey(code)) {
      throw new IllegalStateException(kind + ": protocol code " + code + " has no description");
    }
  }

  /** The kind's id, its file name prefix (e.g. WMO, SBO). */
  public String kind() {
    return kind;
  }

  /** The protocol year: the columns are those in force in this year. */
  public int year() {
    return year;
  }

  /** The kind's Dutch name in reports, e.g. "Wmo-levering". */
  public String title() {
    return title;
  }

  /** The name of the Avro record each approved line becomes (e.g. DeliveryRecord). */
  public String recordType() {
    return setting("record");
  }

  /** Whether the kind is taken for periods of {@code y} (its years in force). */
  public boolean inForce(int y) {
    return (firstYear == null || y >= firstYear) && (lastYear == null || y <= lastYear);
  }

  /** The first year in force, or null when the kind has no first year. */
  public Integer firstYear() {
    return firstYear;
  }

  /** The last year in force, or null when the kind has no last year. */
  public Integer lastYear() {
    return lastYear;
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
    throw new IllegalStateException("protocol " + kind + " has no column " + name);
  }

  /** The column playing a role, e.g. "start"; fails when none does. */
  public Column columnFor(String role) {
    Column c = byRole.get(role);
    if (c == null) {
      throw new IllegalStateException("protocol " + kind + " " + year + " has no column with role " + role);
    }
    return c;
  }

  /** Whether a column plays this role. */
  public boolean hasRole(String role) {
    return byRole.containsKey(role);
  }

  /** The 0-based index of the column playing a role, or -1 when none does. */
  public int indexOf(String role) {
    Column c = byRole.get(role);
    return c == null ? -1 : c.position() - 1;
  }

  /** The code of a rule ({@code code.<rule>} in the settings), e.g. "quote" gives R02. */
  public String code(String rule) {
    return setting("code." + rule);
  }

  /** Whether the kind applies a rule: its settings name the rule's code. */
  public boolean hasCode(String rule) {
    return settings.containsKey("code." + rule);
  }

  /** A setting; fails when absent, so a typo in a role name fails loudly. */
  public String setting(String key) {
    String v = settings.get(key);
    if (v == null) {
      throw new IllegalStateException("protocol " + kind + " setting missing: " + key);
    }
    return v;
  }

  /** A setting that a kind may leave out (empty counts as absent). */
  public Optional<String> optionalSetting(String key) {
    String v = settings.get(key);
    return v == null || v.isEmpty() ? Optional.empty() : Optional.of(v);
  }

  public int intSetting(String key) {
    return Integer.parseInt(setting(key));
  }

  /** The Dutch name of a value of the category column ({@code category.<value>}), else the value. */
  public String categoryLabel(String value) {
    return optionalSetting("category." + value).orElse(value);
  }

  /** The header line the file must start with (compared case-insensitively). */
  public String header() {
    return join(columns.stream().map(Column::name).toArray(String[]::new));
  }

  /**
   * A line of this kind from its fields in column order, e.g. for the generator: fields set by
   * {@link #indexOf(String)} of their roles, so no code writes the column order out again. A null
   * field is written empty.
   */
  public String join(String[] fields) {
    if (fields.length != columns.size()) {
      throw new IllegalArgumentException(kind + " " + year + " has " + columns.size() + " columns, not " + fields.length);
    }
    String sep = setting("separator");
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < fields.length; i++) {
      if (i > 0) {
        b.append(sep);
      }
      if (fields[i] != null) {
        b.append(fields[i]);
      }
    }
    return b.toString();
  }

  /** The Dutch text of a code; fails for an unknown code. */
  public CodeText text(String code) {
    CodeText t = codes.get(code);
    if (t == null) {
      throw new IllegalArgumentException("unknown check code " + code + " for " + kind);
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

  /** The columns of the optional set, by name, in file order. */
  public List<String> optionalColumns() {
    List<String> names = new ArrayList<>();
    for (Column c : columns) {
      if (c.set() == FieldSet.OPTIONAL) {
        names.add(c.name());
      }
    }
    return names;
  }

  /** The years in force in Dutch, for F12: "2016 tot en met 2019". */
  String yearsNl() {
    if (firstYear != null && lastYear != null) {
      return firstYear + " tot en met " + lastYear;
    }
    if (firstYear != null) {
      return firstYear + " en later";
    }
    return lastYear != null ? "tot en met " + lastYear : "alle jaren";
  }

}
