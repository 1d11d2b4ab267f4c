package nl.gmsd.avro;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

/** Rules every schema in schemas/src/main/avro keeps. */
class SchemaRulesTest {

  /** Records that hold a BSN and therefore must never be written by the run. */
  private static final Set<String> INTERNAL_WITH_BSN = Set.of("DeliveryRecord");

  private static List<Path> schemaFiles() throws IOException {
    try (Stream<Path> s = Files.list(Paths.get("src/main/avro"))) {
      return s.filter(p -> p.toString().endsWith(".avsc")).sorted().toList();
    }
  }

  private static List<Schema> schemas() throws IOException {
    Schema.Parser parser = new Schema.Parser();
    List<Schema> out = new ArrayList<>();
    parser.parse(Files.readString(Paths.get("src/main/avro/Finding.avsc")));
    for (Path p : schemaFiles()) {
      Schema s = p.getFileName().toString().equals("Finding.avsc")
          ? parser.getTypes().get("nl.gmsd.avro.Finding")
          : parser.parse(Files.readString(p));
      assertEquals(p.getFileName().toString(), s.getName() + ".avsc", "file name = record name");
      out.add(s);
    }
    return out;
  }

  @Test
  void everySchemaParsesAndDocumentsEveryField() throws IOException {
    List<Schema> all = schemas();
    assertTrue(all.size() >= 10);
    for (Schema s : all) {
      assertEquals("nl.gmsd.avro", s.getNamespace());
      assertNotNull(s.getDoc(), s.getName() + " has no doc");
      for (Schema.Field f : s.getFields()) {
        assertNotNull(f.doc(), s.getName() + "." + f.name() + " has no doc");
        assertFalse(f.doc().isBlank(), s.getName() + "." + f.name() + " has an empty doc");
      }
    }
  }

  @Test
  void noSchemaThatLeavesTheRunHasABsnField() throws IOException {
    for (Schema s : schemas()) {
      boolean hasBsn = s.getFields().stream().anyMatch(f -> f.name().toLowerCase(Locale.ROOT).contains("bsn"));
      if (INTERNAL_WITH_BSN.contains(s.getName())) {
        assertTrue(s.getDoc().startsWith("INTERNAL, never written"), s.getName() + " must say it is never written");
      } else {
        assertFalse(hasBsn, s.getName() + " has a BSN field");
      }
    }
  }
}
