package nl.gmsd.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.api.Test;

class ReferenceDataTest {

  private final ReferenceData ref = ReferenceData.shipped();

  @Test
  void shipsTheRealDivisionSizes() {
    assertEquals(393, ref.division(2015).size());
    assertEquals(342, ref.division(2025).size());
    assertEquals(11, ref.years().size());
  }

  @Test
  void inhabitantsFallBackToTheNearestYearWithACount() {
    ReferenceData.Inhabitants amsterdam2025 = ref.inhabitants(2025, "0363").orElseThrow();
    assertEquals(2024, amsterdam2025.fromYear());
    assertTrue(amsterdam2025.count() > 900_000);
    assertEquals(2024, ref.inhabitants(2024, "0363").orElseThrow().fromYear());
  }

  @Test
  void successorsFollowLaterMergers() {
    // Schijndel (0844) went to Meierijstad (1948) in 2017.
    assertEquals(Set.of("1948"), ref.successors("0844"));
    assertTrue(ref.successors("0363").isEmpty());
    assertEquals("PV27", ref.provinceCode("Noord-Holland"));
  }
}
