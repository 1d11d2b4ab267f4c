package nl.gmsd.count;

import java.util.List;
import java.util.Objects;
import java.util.TreeSet;
import nl.gmsd.avro.Arrangement;
import nl.gmsd.avro.ClientPeriod;
import nl.gmsd.avro.Person;
import nl.gmsd.common.Period;
import nl.gmsd.common.TableLayout;
import nl.gmsd.merge.ArrangementMerger;

/**
 * One client of one gemeente in one period, from the arrangements active in that period and the
 * person's row of personen.csv (SPEC 6, 7).
 */
public final class ClientSummariser {

  /** Leveringsvorm "in kind". */
  public static final String ZIN = "ZIN";

  /** Leveringsvorm "personal budget". */
  public static final String PGB = "PGB";

  /** The sexes personen.csv can give; anything else counts as {@link TableLayout#UNKNOWN}. */
  public static final List<String> SEXES = List.of("M", "V");

  private ClientSummariser() {}

  /**
   * Summarises a client.
   *
   * @param activeArrangements the person's arrangements active in {@code period} (at least one,
   *     all of this gemeente and pseudonym, of the period's year and overlapping it)
   * @param personOrNull the person's row, or null when the pseudonym is not in personen.csv: age
   *     group and sex are then {@code onbekend} and the household null
   * @throws IllegalArgumentException when an arrangement does not belong (a bug in the caller)
   */
  public static ClientPeriod summarise(String gemeentecode, Period period, String pseudonym,
      List<Arrangement> activeArrangements, Person personOrNull) {
    Objects.requireNonNull(gemeentecode, "gemeentecode");
    Objects.requireNonNull(period, "period");
    if (pseudonym == null) {
      throw new IllegalArgumentException("an unknown person (no pseudonym) is never a client");
    }
    if (activeArrangements.isEmpty()) {
      throw new IllegalArgumentException("a client has at least one active arrangement");
    }
    TreeSet<String> types = new TreeSet<>();
    boolean zin = false;
    boolean pgb = false;
    for (Arrangement a : activeArrangements) {
      if (!pseudonym.equals(a.getPseudonym()) || !gemeentecode.equals(a.getGemeentecode())) {
        throw new IllegalArgumentException("arrangement of another person or gemeente");
      }
      if (!ArrangementMerger.isActive(a, period)) {
        throw new IllegalArgumentException("arrangement not active in " + period.code());
      }
      types.add(a.getType());
      switch (a.getLeveringsvorm()) {
        case ZIN -> zin = true;
        case PGB -> pgb = true;
        default -> throw new IllegalArgumentException("unknown leveringsvorm: " + a.getLeveringsvorm());
      }
    }
    if (personOrNull != null && !pseudonym.equals(personOrNull.getPseudonym())) {
      throw new IllegalArgumentException("person row of another pseudonym");
    }
    String ageGroup = personOrNull == null
        ? TableLayout.UNKNOWN
        : TableLayout.ageGroup(personOrNull.getBirthDate(), period);
    // List.of(..).contains(null) throws, so test for null first.
    String sex = personOrNull != null && personOrNull.getSex() != null
        && SEXES.contains(personOrNull.getSex())
        ? personOrNull.getSex()
        : TableLayout.UNKNOWN;
    return ClientPeriod.newBuilder()
        .setGemeentecode(gemeentecode)
        .setPeriod(period.code())
        .setPseudonym(pseudonym)
        .setTypes(List.copyOf(types))
        .setArrangements(activeArrangements.size())
        .setZin(zin)
        .setPgb(pgb)
        .setAgeGroup(ageGroup)
        .setSex(sex)
        .setHousehold(personOrNull == null ? null : personOrNull.getHousehold())
        .build();
  }
}
