package nl.gmsd.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TableCodebookTest {

  private static final List<TableCodebook.Entry> ENTRIES = TableCodebook.entries();

  private static boolean has(String field, String dimension, String code) {
    return ENTRIES.stream().anyMatch(e -> e.field().equals(field) && e.dimension().equals(dimension)
        && e.code().equals(code));
  }

  @Test
  void everyCodeOfTheTableHasALabel() {
    for (String level : List.of(TableLayout.LEVEL_GEMEENTE, TableLayout.LEVEL_PROVINCIE, TableLayout.LEVEL_NEDERLAND)) {
      assertTrue(has("region_level", "", level), level);
    }
    for (String d : TableLayout.dimensions()) {
      assertTrue(has("dimension", "", d), d);
      for (String c : TableLayout.categories(d)) {
        assertTrue(has("category", d, c), d + "/" + c);
      }
    }
    for (TableLayout.Cell c : TableLayout.countCells()) {
      assertTrue(has("measure", "", c.measure()), c.measure());
    }
    for (TableLayout.Cell c : TableLayout.rateCells()) {
      assertTrue(has("measure", "", c.measure()), c.measure());
    }
    for (String s : List.of(TableLayout.STATUS_PUBLISHED, TableLayout.STATUS_SECRET, TableLayout.STATUS_WITHDRAWN,
        TableLayout.STATUS_NOT_DELIVERED)) {
      assertTrue(has("status", "", s), s);
    }
    assertTrue(has("value", "", TableLayout.SECRET_VALUE), "'.' is explained");
  }

  @Test
  void entriesAreUniqueAndTheCsvIsWellFormed() {
    Set<String> keys = new HashSet<>();
    for (TableCodebook.Entry e : ENTRIES) {
      assertTrue(keys.add(e.field() + "|" + e.dimension() + "|" + e.code()), "twice: " + e);
      assertFalse(e.labelNl().isBlank(), "no label: " + e);
    }
    List<String> lines = TableCodebook.csv().lines().toList();
    assertEquals(TableCodebook.HEADER, lines.get(0));
    assertEquals(ENTRIES.size() + 1, lines.size());
    for (String line : lines) {
      assertEquals(4, line.split(";", -1).length, "a ';' or line break inside a label: " + line);
    }
    assertTrue(lines.contains("category;type;02;02 Begeleiding"));
    assertTrue(lines.contains("category;geslacht;V;Vrouw"));
  }
}
