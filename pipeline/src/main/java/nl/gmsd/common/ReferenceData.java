package nl.gmsd.common;

import java.io.Serializable;
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
import nl.gmsd.common.input.InputFileException;

/**
 * The regional division per year, the inhabitants, the mergers and the CBS province codes (SPEC
 * 6, 10, 11), as read and checked by {@link ReferenceFolder} from either layout. Small: held in
 * memory and shipped to workers as a serialised value.
 */
public final class ReferenceData implements Serializable {

  private static final long serialVersionUID = 2L;

  public static final String GEMEENTEN_FILE = ReferenceFolder.GEMEENTEN_FILE;
  public static final String HERINDELINGEN_FILE = ReferenceFolder.HERINDELINGEN_FILE;

  /**
   * One gemeente in the division of one year. {@code province} is the province's name as the
   * reference file writes it (for a file that gives only the code, the name CBS writes now);
   * {@code inhabitants} is null when that year has no count for it.
   */
  public record Gemeente(String code, String name, String province, Long inhabitants)
      implements Serializable {}

  /** A merger: on {@code date} (YYYYMMDD) {@code oldCode} ended and went (partly) to {@code newCode}. */
  public record Merger(String date, String oldCode, String newCode) implements Serializable {}

  /** Inhabitants for a gemeente and year, and the year they were taken from (SPEC 6 fallback). */
  public record Inhabitants(long count, int fromYear) implements Serializable {}

  private final TreeMap<Integer, TreeMap<String, Gemeente>> divisions;
  private final TreeMap<Integer, TreeMap<String, Long>> inhabitantsByYear;
  private final List<Merger> mergers;
  private final TreeMap<String, String> provinceCodes; // every province name as written -> code
  private final List<String> files;

  private ReferenceData(Builder b) {
    this.divisions = new TreeMap<>();
    b.divisions.forEach((year, division) -> {
      TreeMap<String, Gemeente> d = new TreeMap<>();
      TreeMap<String, Long> inh = b.inhabitantsByYear.getOrDefault(year, new TreeMap<>());
      division.forEach((code, g) -> d.put(code, new Gemeente(code, g.name(), g.province(), inh.get(code))));
      divisions.put(year, d);
    });
    this.inhabitantsByYear = b.inhabitantsByYear;
    this.mergers = List.copyOf(b.mergers);
    this.provinceCodes = b.provinceCodes;
    this.files = List.copyOf(b.files);
  }

  /** The reference data shipped with the program (the real division 2015-2025). */
  public static ReferenceData shipped() {
    return ReferenceFolder.shipped();
  }

  /**
   * Reads the division (either layout), inhabitants and mergers of a reference folder.
   *
   * @throws nl.gmsd.common.input.InputFileException naming the file, line and column of a defect
   */
  public static ReferenceData read(Path folder) {
    return ReferenceFolder.read(folder);
  }

  /** The files of the reference folder the data was read from, in reading order (for run.json). */
  public List<String> files() {
    return files;
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
    for (Map.Entry<Integer, TreeMap<String, Long>> e : inhabitantsByYear.entrySet()) {
      if (!e.getValue().containsKey(code)) {
        continue;
      }
      int y = e.getKey();
      if (best == null || Math.abs(y - year) < Math.abs(best - year)) {
        best = y; // iteration is ascending, so on a tie the earlier year stays
      }
    }
    return best == null
        ? Optional.empty()
        : Optional.of(new Inhabitants(inhabitantsByYear.get(best).get(code), best));
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

  /**
   * CBS province code (PV20..PV31) for a province name as a reference file wrote it, or in any
   * CBS spelling.
   */
  public String provinceCode(String provinceName) {
    String c = provinceCodes.get(provinceName);
    if (c == null) {
      c = Provinces.shipped().codeOfName(provinceName).orElseThrow(
          () -> new ReferenceDataException("unknown province name '" + provinceName + "' (known: "
              + Provinces.shipped().knownNames() + ")"));
    }
    return c;
  }

  /** Province name as the reference files wrote it to code. */
  public Map<String, String> provinceCodes() {
    return Collections.unmodifiableMap(new HashMap<>(provinceCodes));
  }

  /** A reference file that cannot be used; the message names the file and line. */
  public static final class ReferenceDataException extends InputFileException {
    private static final long serialVersionUID = 1L;

    public ReferenceDataException(String message) {
      super(message);
    }
  }

  /** Collects what {@link ReferenceFolder} reads. */
  static final class Builder {
    private final TreeMap<Integer, TreeMap<String, Gemeente>> divisions = new TreeMap<>();
    private final TreeMap<Integer, TreeMap<String, Long>> inhabitantsByYear = new TreeMap<>();
    private final List<Merger> mergers = new ArrayList<>();
    private final TreeMap<String, String> provinceCodes = new TreeMap<>();
    private final List<String> files = new ArrayList<>();

    void gemeente(int year, String code, String name, Provinces.Province province) {
      divisions.computeIfAbsent(year, y -> new TreeMap<>()).put(code, new Gemeente(code, name, province.name(), null));
      provinceCodes.put(province.name(), province.code());
    }

    void inhabitants(int year, String code, long count) {
      inhabitantsByYear.computeIfAbsent(year, y -> new TreeMap<>()).put(code, count);
    }

    void merger(Merger m) {
      mergers.add(m);
    }

    void file(String name) {
      files.add(name);
    }

    boolean hasDivision(int year) {
      return divisions.containsKey(year);
    }

    boolean inDivision(int year, String code) {
      return divisions.getOrDefault(year, new TreeMap<>()).containsKey(code);
    }

    boolean inAnyDivision(String code) {
      return divisions.values().stream().anyMatch(d -> d.containsKey(code));
    }

    ReferenceData build() {
      return new ReferenceData(this);
    }
  }
}
