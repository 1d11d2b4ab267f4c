package nl.gmsd.join;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import nl.gmsd.avro.ClientPeriod;
import nl.gmsd.common.TableLayout;

/**
 * How many clients found their person in {@code personen.csv} (SPEC 6): a join that matched almost
 * nothing is a wrong input, not a result. Counted per gemeente (over the periods of the run) as
 * run facts ({@link #KEY_PREFIX}{@code <gemeentecode>/clients} and {@code .../matched}); the
 * driver stops the run below {@code minPersonMatchShare} overall and names every gemeente below it.
 */
public final class PersonMatch {

  /** Run-fact keys start with this; the rest is {@code <gemeentecode>/clients|matched}. */
  public static final String KEY_PREFIX = "person_match/";

  /** Clients and those of them found in the register. */
  public record Share(long clients, long matched) {
    public double share() {
      return clients == 0 ? 1.0 : (double) matched / clients;
    }
  }

  private final TreeMap<String, Share> perGemeente;
  private final Share total;

  private PersonMatch(TreeMap<String, Share> perGemeente) {
    this.perGemeente = perGemeente;
    long c = 0;
    long m = 0;
    for (Share s : perGemeente.values()) {
      c += s.clients();
      m += s.matched();
    }
    this.total = new Share(c, m);
  }

  /**
   * Whether a client found its person. With {@code personen.csv} checked (SPEC 6) a row always has
   * M or V, so the sex is known exactly when the person was found.
   */
  public static boolean found(ClientPeriod c) {
    return !TableLayout.UNKNOWN.equals(c.getSex());
  }

  /** The run-fact keys and amounts of one client. */
  public static void tally(ClientPeriod c, java.util.function.ObjLongConsumer<String> add) {
    add.accept(KEY_PREFIX + c.getGemeentecode() + "/clients", 1);
    if (found(c)) {
      add.accept(KEY_PREFIX + c.getGemeentecode() + "/matched", 1);
    }
  }

  /** Reads the shares from run facts (other keys are left alone). */
  public static PersonMatch of(Map<String, Long> facts) {
    TreeMap<String, long[]> m = new TreeMap<>();
    facts.forEach((k, v) -> {
      if (!k.startsWith(KEY_PREFIX)) {
        return;
      }
      String[] parts = k.substring(KEY_PREFIX.length()).split("/");
      long[] cm = m.computeIfAbsent(parts[0], x -> new long[2]);
      cm[parts[1].equals("clients") ? 0 : 1] += v;
    });
    TreeMap<String, Share> shares = new TreeMap<>();
    m.forEach((g, cm) -> shares.put(g, new Share(cm[0], cm[1])));
    return new PersonMatch(shares);
  }

  public Share total() {
    return total;
  }

  public Map<String, Share> perGemeente() {
    return perGemeente;
  }

  /** The gemeenten whose share is below {@code minShare}, in code order. */
  public List<String> below(double minShare) {
    List<String> list = new ArrayList<>();
    perGemeente.forEach((g, s) -> {
      if (s.clients() > 0 && s.share() < minShare) {
        list.add(g);
      }
    });
    return list;
  }

  /** Whether the run must stop: fewer than {@code minShare} of all clients found. */
  public boolean tooFew(double minShare) {
    return total.clients() > 0 && total.share() < minShare;
  }

  /** "1 234 of 5 678 (21.7%)". */
  public static String describe(Share s) {
    return s.matched() + " of " + s.clients() + String.format(Locale.ROOT, " (%.1f%%)", 100 * s.share());
  }
}
