package nl.gmsd.report;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import nl.gmsd.common.ReferenceData;

/**
 * Comparison groups of the op-orde report (SPEC 9): the CBS size classes by inhabitants, with
 * neighbouring classes merged until every group holds at least a minimum number of gemeenten.
 */
public final class ComparisonGroups implements Serializable {

  private static final long serialVersionUID = 1L;

  /**
   * [decision] SPEC 9: the smallest number of gemeenten a comparison group may hold; smaller
   * classes are merged with a neighbouring class.
   */
  public static final int MIN_GROUP_SIZE = 10;

  /**
   * Lower bounds (inclusive) of the CBS size classes 1..8 by inhabitants on 1 January (SPEC 6):
   * 1 &lt;5k, 2 5-10k, 3 10-20k, 4 20-50k, 5 50-100k, 6 100-150k, 7 150-250k, 8 &ge;250k.
   */
  public static final List<Long> SIZE_CLASS_LOWER_BOUNDS =
      List.of(0L, 5_000L, 10_000L, 20_000L, 50_000L, 100_000L, 150_000L, 250_000L);

  /** One comparison group: the size classes {@code firstClass..lastClass} and their gemeenten. */
  public record Group(int firstClass, int lastClass, SortedSet<String> members) implements Serializable {

    /** Dutch description, e.g. "grootteklassen 1-2 (minder dan 10.000 inwoners)". */
    public String labelNl() {
      String classes = firstClass == lastClass
          ? "grootteklasse " + firstClass
          : "grootteklassen " + firstClass + "\u2013" + lastClass;
      long lo = SIZE_CLASS_LOWER_BOUNDS.get(firstClass - 1);
      String range;
      if (lastClass == SIZE_CLASS_LOWER_BOUNDS.size()) {
        range = lo == 0 ? "alle gemeenten" : DutchNumbers.integer(lo) + " inwoners of meer";
      } else {
        long hi = SIZE_CLASS_LOWER_BOUNDS.get(lastClass);
        range = lo == 0
            ? "minder dan " + DutchNumbers.integer(hi) + " inwoners"
            : DutchNumbers.integer(lo) + " tot " + DutchNumbers.integer(hi) + " inwoners";
      }
      return classes + " (" + range + ")";
    }
  }

  private final List<Group> groups;
  private final TreeMap<String, Group> byGemeente;

  private ComparisonGroups(List<Group> groups) {
    this.groups = List.copyOf(groups);
    this.byGemeente = new TreeMap<>();
    for (Group g : groups) {
      for (String code : g.members()) {
        byGemeente.put(code, g);
      }
    }
  }

  /** The CBS size class (1..8) of a gemeente with this many inhabitants. */
  public static int sizeClass(long inhabitants) {
    int c = 1;
    for (int i = 0; i < SIZE_CLASS_LOWER_BOUNDS.size(); i++) {
      if (inhabitants >= SIZE_CLASS_LOWER_BOUNDS.get(i)) {
        c = i + 1;
      }
    }
    return c;
  }

  /**
   * Merges neighbouring size classes until every group holds at least {@code minGroupSize}
   * gemeenten (or only one group is left). Repeatedly the smallest group (lowest class on a tie)
   * is merged with its smaller neighbour (the lower one on a tie). Returns, per group, its
   * {@code [firstClass, lastClass]}, in class order; together they cover every class 1..8.
   */
  public static List<int[]> mergeClasses(Map<Integer, Integer> gemeentenPerClass, int minGroupSize) {
    List<int[]> ranges = new ArrayList<>();
    List<Integer> sizes = new ArrayList<>();
    for (int c = 1; c <= SIZE_CLASS_LOWER_BOUNDS.size(); c++) {
      ranges.add(new int[] {c, c});
      sizes.add(gemeentenPerClass.getOrDefault(c, 0));
    }
    while (ranges.size() > 1) {
      int smallest = 0;
      for (int i = 1; i < sizes.size(); i++) {
        if (sizes.get(i) < sizes.get(smallest)) {
          smallest = i;
        }
      }
      if (sizes.get(smallest) >= minGroupSize) {
        break;
      }
      int neighbour;
      if (smallest == 0) {
        neighbour = 1;
      } else if (smallest == sizes.size() - 1) {
        neighbour = smallest - 1;
      } else {
        neighbour = sizes.get(smallest + 1) < sizes.get(smallest - 1) ? smallest + 1 : smallest - 1;
      }
      int lo = Math.min(smallest, neighbour);
      int hi = lo + 1;
      ranges.set(lo, new int[] {ranges.get(lo)[0], ranges.get(hi)[1]});
      sizes.set(lo, sizes.get(lo) + sizes.get(hi));
      ranges.remove(hi);
      sizes.remove(hi);
    }
    return ranges;
  }

  /**
   * The comparison groups of the division of {@code year}, by each gemeente's inhabitants for
   * that year (with the fallback of SPEC 6). A gemeente without any inhabitants count has no
   * group.
   */
  public static ComparisonGroups forYear(ReferenceData ref, int year, int minGroupSize) {
    return of(ref, year, ref.division(year).keySet(), minGroupSize);
  }

  /** As {@link #forYear}, for the given gemeenten of the division. */
  static ComparisonGroups of(ReferenceData ref, int year, Iterable<String> codes, int minGroupSize) {
    SortedMap<Integer, SortedSet<String>> perClass = new TreeMap<>();
    for (String code : codes) {
      Optional<ReferenceData.Inhabitants> inh = ref.inhabitants(year, code);
      if (inh.isPresent()) {
        perClass.computeIfAbsent(sizeClass(inh.get().count()), c -> new TreeSet<>()).add(code);
      }
    }
    Map<Integer, Integer> counts = new TreeMap<>();
    perClass.forEach((c, s) -> counts.put(c, s.size()));
    List<Group> groups = new ArrayList<>();
    for (int[] r : mergeClasses(counts, minGroupSize)) {
      SortedSet<String> members = new TreeSet<>();
      for (int c = r[0]; c <= r[1]; c++) {
        members.addAll(perClass.getOrDefault(c, Collections.emptySortedSet()));
      }
      groups.add(new Group(r[0], r[1], Collections.unmodifiableSortedSet(members)));
    }
    return new ComparisonGroups(groups);
  }

  /** The groups in class order. */
  public List<Group> groups() {
    return groups;
  }

  /** The group of a gemeente; empty when it has no inhabitants count. */
  public Optional<Group> groupOf(String gemeentecode) {
    return Optional.ofNullable(byGemeente.get(gemeentecode));
  }
}
