package nl.gmsd.join;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import nl.gmsd.avro.ClientPeriod;
import org.junit.jupiter.api.Test;

/** SPEC 6: the share of clients found in personen.csv, per gemeente and in all. */
class PersonMatchTest {

  private static ClientPeriod client(String gemeente, String sex) {
    return ClientPeriod.newBuilder().setGemeentecode(gemeente).setPeriod("H12025").setPseudonym("p")
        .setTypes(List.of("01")).setArrangements(1).setZin(true).setPgb(false)
        .setAgeGroup("onbekend".equals(sex) ? "onbekend" : "18-64").setSex(sex).setHousehold(null).build();
  }

  @Test
  void sharesPerGemeenteAndInAllFromTheRunFacts() {
    Map<String, Long> facts = new TreeMap<>();
    List.of(client("0363", "V"), client("0363", "M"), client("0363", "onbekend"), client("0014", "onbekend"))
        .forEach(c -> PersonMatch.tally(c, (k, n) -> facts.merge(k, n, Long::sum)));
    facts.put("clients", 4L); // other facts are left alone
    PersonMatch m = PersonMatch.of(facts);
    assertEquals(new PersonMatch.Share(3, 2), m.perGemeente().get("0363"));
    assertEquals(new PersonMatch.Share(1, 0), m.perGemeente().get("0014"));
    assertEquals(new PersonMatch.Share(4, 2), m.total());
    assertEquals(List.of("0014"), m.below(0.5));
    assertEquals(List.of("0014", "0363"), m.below(0.9));
    assertFalse(m.tooFew(0.5));
    assertTrue(m.tooFew(0.51));
    assertFalse(m.tooFew(0), "0 turns the check off");
    assertEquals("2 of 3 (66.7%)", PersonMatch.describe(m.perGemeente().get("0363")));
  }

  @Test
  void noClientsIsNoReasonToStop() {
    assertFalse(PersonMatch.of(Map.of()).tooFew(0.5));
  }
}
