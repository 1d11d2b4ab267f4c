package nl.gmsd.check;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One kind of delivered file as data (SPEC 3, 12): its name prefix, its years in force, its
 * columns with the years each is in force, its codes and settings. {@link #protocol(int)} gives
 * its {@link Protocol} for a year. Loaded by {@link FileKinds}.
 */
public final class FileKind implements Serializable {

  private static final long serialVersionUID = 1L;

  /** A column line of {@code <kind>-columns.csv}, with the years it is in force (null = open). */
  record ColumnLine(Protocol.Column column, Integer firstYear, Integer lastYear) implements Serializable {
    boolean inForce(int year) {
      return (firstYear == null || year >= firstYear) && (lastYear == null || year <= lastYear);
    }
  }

  private static final int ANY_YEAR = 2000;

  private final String id;
  private final Integer firstYear;
  private final Integer lastYear;
  private final List<ColumnLine> columnLines;
  private final Map<String, Protocol.CodeText> codes;
  private final Map<String, String> settings;
  private final FileNameRules names;
  private transient volatile Map<Integer, Protocol> byYear;

  FileKind(String id, Integer firstYear, Integer lastYear, List<ColumnLine> columnLines,
      Map<String, Protocol.CodeText> codes, Map<String, String> settings) {
    this.id = id;
    this.firstYear = firstYear;
    this.lastYear = lastYear;
    this.columnLines = List.copyOf(columnLines);
    this.codes = Map.copyOf(codes);
    this.settings = Map.copyOf(settings);
    this.names = new FileNameRules(settings);
    // Every year that has its own column set must make a valid protocol: fail at load, not on a
    // file. Without years of its own, any year stands for all (ANY_YEAR is clamped into force).
    protocol(ANY_YEAR);
    for (ColumnLine c : columnLines) {
      for (Integer y : new Integer[] {c.firstYear(), c.lastYear()}) {
        if (y != null && inForce(y)) {
          protocol(y);
        }
      }
    }
  }

  /** The kind's id: its file name prefix, e.g. WMO. */
  public String id() {
    return id;
  }

  /** Whether files of this kind are taken for periods of {@code year}. */
  public boolean inForce(int year) {
    return (firstYear == null || year >= firstYear) && (lastYear == null || year <= lastYear);
  }

  /**
   * The year whose protocol a file of {@code year} is read with: the year itself when the kind is
   * in force then, else the nearest year in force (a file of a year out of force is still read
   * with the kind's layout, to report what else is wrong, and gets F12).
   */
  public int protocolYear(int year) {
    if (firstYear != null && year < firstYear) {
      return firstYear;
    }
    if (lastYear != null && year > lastYear) {
      return lastYear;
    }
    return year;
  }

  /** The protocol of {@link #protocolYear(int) the protocol year} of {@code year}. */
  public Protocol protocol(int year) {
    int y = protocolYear(year);
    if (byYear == null) {
      byYear = new ConcurrentHashMap<>();
    }
    return byYear.computeIfAbsent(y, this::build);
  }

  FileNameRules names() {
    return names;
  }

  private Protocol build(int year) {
    List<Protocol.Column> cols = new ArrayList<>();
    for (ColumnLine line : columnLines) {
      if (line.inForce(year)) {
        Protocol.Column c = line.column();
        cols.add(new Protocol.Column(cols.size() + 1, c.name(), c.role(), c.set(), c.kind(), c.minLength(),
            c.maxLength(), c.emptyAllowed(), c.allowed(), c.code(), c.scientificCheck()));
      }
    }
    return new Protocol(id, year, firstYear, lastYear, cols, codes, settings);
  }
}
