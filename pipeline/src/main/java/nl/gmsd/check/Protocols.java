package nl.gmsd.check;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import nl.gmsd.common.Period;

/**
 * The delivery protocol of one period (SPEC 3, 12): the file kinds taken for it, each with its
 * columns of that year. Until 2019 a gemeente delivered a Wmo, an SBO and a JEUGD file per half
 * year; from 2020 only the Wmo file. Made from the shipped data by {@link #forPeriod}.
 */
public final class Protocols implements Serializable {

  private static final long serialVersionUID = 1L;

  private final int year;
  private final List<Protocol> kinds;

  Protocols(int year, List<Protocol> kinds) {
    this.year = year;
    this.kinds = List.copyOf(kinds);
  }

  /** The shipped protocol of {@code period}: the kinds in force and their columns. */
  public static Protocols forPeriod(Period period) {
    return FileKinds.shipped().forPeriod(period);
  }

  /** The protocol year. */
  public int year() {
    return year;
  }

  /** The kinds taken for periods of this year, each with its columns of this year. */
  public List<Protocol> kinds() {
    return kinds;
  }

  /** The kinds whose approved lines become records of {@code recordType} (e.g. CostRecord). */
  public List<Protocol> withRecord(String recordType) {
    List<Protocol> out = new ArrayList<>();
    for (Protocol p : kinds) {
      if (p.recordType().equals(recordType)) {
        out.add(p);
      }
    }
    return out;
  }

  /** The kind with this id, when it is in force this year. */
  public Optional<Protocol> find(String id) {
    return kinds.stream().filter(p -> p.kind().equals(id)).findFirst();
  }

  /** The kind with this id; fails when it is not in force this year. */
  public Protocol kind(String id) {
    return find(id).orElseThrow(() -> new IllegalArgumentException("no file kind " + id + " in force in " + year));
  }

  /** The Wmo kind of this year. */
  public Protocol wmo() {
    return kind(FileKinds.WMO);
  }
}
