package nl.gmsd.pseudonymise;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.regex.Pattern;
import nl.gmsd.avro.Person;
import nl.gmsd.common.input.InputFileException;
import nl.gmsd.testing.TestBsns;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * personen.csv read in byte ranges, every row checked in that pass (SPEC 6), also through the
 * job's step on the Direct runner:
 * each line read exactly once whatever the cut, the facts gathered after the job name defects and
 * a person held twice by line, never by value.
 */
class ReadPersonsTest {

  @TempDir Path tmp;

  private Path key() throws IOException {
    Path key = tmp.resolve("test.key");
    Files.write(key, "0123456789abcdef0123456789abcdef-test-key".getBytes(StandardCharsets.US_ASCII));
    return key;
  }

  private static String row(String bsn, int i) {
    return bsn + ";" + (1930 + i % 90) + "0" + (1 + i % 9) + "15;" + (i % 2 == 0 ? "V" : "M") + ";HH" + i / 2;
  }

  /**
   * Reads {@code content} cut into ranges of {@code rangeBytes}, range by range as the job's step
   * does (without a pipeline, so many cuts stay cheap); returns the facts' summary.
   */
  private PersonenFacts.Summary read(String content, long rangeBytes, List<String> pseudonyms) throws IOException {
    Path file = tmp.resolve("personen.csv");
    Files.write(file, content.getBytes(StandardCharsets.UTF_8));
    Path facts = Files.createDirectories(tmp.resolve("facts-" + System.nanoTime()));
    PersonenFile personen = PersonenFile.open(file, rangeBytes);
    Pseudonymiser pseudonymiser = new Pseudonymiser(PseudonymKey.read(key()));
    for (PersonenFile.Range r : personen.ranges()) {
      PersonenFacts.write(facts, r.index(), ReadPersons.readRange(personen, r, pseudonymiser,
          p -> pseudonyms.add(p.getPseudonym())));
    }
    return PersonenFacts.collect(facts, personen, pseudonymiser);
  }

  /** The same through the job's step on the Direct runner. */
  private PersonenFacts.Summary readInPipeline(String content, long rangeBytes, List<String> pseudonyms)
      throws IOException {
    Path file = tmp.resolve("personen.csv");
    Files.write(file, content.getBytes(StandardCharsets.UTF_8));
    Path facts = Files.createDirectories(tmp.resolve("facts-" + System.nanoTime()));
    PersonenFile personen = PersonenFile.open(file, rangeBytes);
    Path key = key();
    Path out = tmp.resolve("pseudonyms-" + System.nanoTime());
    Pipeline p = Pipeline.create(PipelineOptionsFactory.fromArgs("--runner=DirectRunner").create());
    PCollection<KV<String, Person>> persons = p.apply(ReadPersons.from(personen, key.toString(), facts.toString()));
    persons.apply(MapElements.into(TypeDescriptors.strings()).via(kv -> kv.getKey()))
        .apply(org.apache.beam.sdk.io.TextIO.write().to(out.toString()).withoutSharding());
    p.run().waitUntilFinish();
    pseudonyms.addAll(Files.readAllLines(out));
    return PersonenFacts.collect(facts, personen, new Pseudonymiser(PseudonymKey.read(key)));
  }

  @Test
  void everyLineIsReadOnceWhateverTheCut() throws IOException {
    List<String> bsns = TestBsns.make(200, 77);
    StringBuilder sb = new StringBuilder("\uFEFFbsn;geboortedatum;geslacht;huishouden\r\n");
    for (int i = 0; i < bsns.size(); i++) {
      sb.append(row(bsns.get(i), i)).append(i % 7 == 0 ? "\n" : "\r\n");
      if (i % 50 == 0) {
        sb.append("\r\n;;;\r\n"); // blank rows, as a spreadsheet leaves them
      }
    }
    String content = sb.toString();
    for (long rangeBytes : List.of(13L, 37L, 1000L, 1L << 20)) {
      List<String> pseudonyms = new ArrayList<>();
      PersonenFacts.Summary s = read(content, rangeBytes, pseudonyms);
      assertEquals(200, s.persons(), "range " + rangeBytes);
      assertEquals(200, s.rows(), "range " + rangeBytes);
      assertEquals(200, new HashSet<>(pseudonyms).size(), "each person once, range " + rangeBytes);
    }
  }

  @Test
  void aFileWithoutAFinalLineEndAndOnlyAHeaderAreRead() throws IOException {
    List<String> bsns = TestBsns.make(3, 5);
    String noFinalEol = "bsn;geboortedatum;geslacht;huishouden\n" + row(bsns.get(0), 0) + "\n" + row(bsns.get(1), 1);
    assertEquals(2, read(noFinalEol, 10, new ArrayList<>()).persons());
    assertEquals(0, read("bsn;geboortedatum;geslacht;huishouden\n", 10, new ArrayList<>()).persons());
  }

  @Test
  void defectsAndAPersonTwiceAreNamedByLineNeverByValue() throws IOException {
    List<String> bsns = TestBsns.make(20, 9);
    List<String> lines = new ArrayList<>(List.of("bsn;geboortedatum;geslacht;huishouden"));
    for (int i = 0; i < 14; i++) {
      lines.add(row(bsns.get(i), i));
    }
    lines.set(4, bsns.get(3) + ";15-03-1960;V;HH1"); // line 5: a Dutch date
    lines.set(8, bsns.get(7) + ";19600315;V"); // line 9: a field missing
    lines.set(11, row(bsns.get(2), 99)); // line 12: the person of line 4 again
    String content = String.join("\n", lines) + "\n";
    InputFileException e = assertThrows(InputFileException.class, () -> readInPipeline(content, 64, new ArrayList<>()));
    String m = e.getMessage();
    assertTrue(m.contains("personen.csv line 5: geboortedatum (column 2) is not a date; write YYYYMMDD"), m);
    assertTrue(m.contains("personen.csv line 9: 3 fields where 4 are expected"), m);
    assertTrue(m.contains("personen.csv line 12: the same bsn as line 4 (personen.csv has one row per person); "
        + "keep one of lines 4 and 12"), m);
    assertFalse(Pattern.compile("(?<!\\d)\\d{9}(?!\\d)").matcher(m).find(), "no BSN in a message: " + m);
  }

  @Test
  void manyDefectsGiveTheFirstTenAndACount() throws IOException {
    List<String> bsns = TestBsns.make(30, 11);
    StringBuilder sb = new StringBuilder("bsn;geboortedatum;geslacht;huishouden\n");
    for (int i = 0; i < 30; i++) {
      sb.append(bsns.get(i)).append(";19600315;v;HH\n"); // lower-case sex on every row
    }
    InputFileException e = assertThrows(InputFileException.class, () -> read(sb.toString(), 100, new ArrayList<>()));
    String[] m = e.getMessage().split("\n");
    assertEquals(11, m.length, e.getMessage());
    assertTrue(m[0].contains("line 2: geslacht (column 3) is not M or V"), m[0]);
    assertTrue(m[9].contains("line 11:"), m[9]);
    assertTrue(m[10].contains("20 more defect(s)"), m[10]);
  }

  @Test
  void theHeaderIsCheckedBeforeTheRun() throws IOException {
    Path file = tmp.resolve("personen-comma.csv");
    Files.writeString(file, "bsn,geboortedatum,geslacht,huishouden\n");
    InputFileException e = assertThrows(InputFileException.class, () -> PersonenFile.open(file));
    assertTrue(e.getMessage().contains("separated by ',' (comma) where ';' (semicolon) is expected"), e.getMessage());
    Files.writeString(file, "bsn;geboortedatum;huishouden\n");
    e = assertThrows(InputFileException.class, () -> PersonenFile.open(file));
    assertTrue(e.getMessage().contains("column geslacht missing"), e.getMessage());
  }

  /** Random files, random cuts (seed: -Dpersonen.seed=N): every valid row read once, every duplicate found. */
  @Test
  void randomFilesAndCuts() throws IOException {
    long seed = Long.getLong("personen.seed", 4_2025L);
    Random r = new Random(seed);
    for (int round = 0; round < 20; round++) {
      int n = 20 + r.nextInt(60);
      List<String> bsns = TestBsns.make(n, r.nextLong());
      StringBuilder sb = new StringBuilder("bsn;geboortedatum;geslacht;huishouden\n");
      Set<Integer> twice = new HashSet<>();
      int rows = 0;
      for (int i = 0; i < n; i++) {
        sb.append(row(bsns.get(i), i)).append(r.nextBoolean() ? "\n" : "\r\n");
        rows++;
        if (r.nextInt(10) == 0 && i > 0) {
          int j = r.nextInt(i);
          if (twice.add(j)) {
            sb.append(row(bsns.get(j), 1000 + i)).append('\n');
            rows++;
          }
        }
      }
      long cut = 1 + r.nextInt(200);
      String content = sb.toString();
      if (twice.isEmpty()) {
        PersonenFacts.Summary s = read(content, cut, new ArrayList<>());
        assertEquals(rows, s.persons(), "seed " + seed + " round " + round);
      } else {
        InputFileException e = assertThrows(InputFileException.class, () -> read(content, cut, new ArrayList<>()),
            "seed " + seed + " round " + round);
        long named = e.getMessage().lines().filter(l -> l.contains("the same bsn as line")).count();
        assertEquals(Math.min(10, twice.size()), named, "seed " + seed + " round " + round + ": " + e.getMessage());
      }
    }
  }
}
