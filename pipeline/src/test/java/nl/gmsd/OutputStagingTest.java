package nl.gmsd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a killed run leaves beside --output is removed by the next run on it (SPEC 10 revised),
 * and an earlier output it had moved aside is put back; a live run's folders are left alone.
 */
class OutputStagingTest {

  @TempDir Path dir;
  @TempDir Path temp;

  private final PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);

  /** A staged output of a dead run: its owner is a temporary folder that no longer exists. */
  private Path deadStaging(String name) throws IOException {
    Path p = Files.createDirectories(dir.resolve(name).resolve(".run"));
    Files.writeString(p.resolve(OutputStaging.OWNER), temp.resolve("gmsd-run-1-gone") + "\n");
    Files.writeString(p.getParent().resolve("wmo.csv"), "half\n");
    return p.getParent();
  }

  private List<String> names() throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void aKilledRunsStagedOutputIsRemovedAndTheEarlierOutputKept() throws IOException {
    Path out = Files.createDirectories(dir.resolve("out"));
    Files.writeString(out.resolve("run.json"), "earlier\n");
    deadStaging(".out.partial-1111");
    Files.writeString(dir.resolve("notes.txt"), "keep\n");
    assertEquals(List.of(), OutputStaging.removeLeftovers(out.toString(), quiet));
    assertEquals(List.of("notes.txt", "out"), names());
    assertEquals("earlier\n", Files.readString(out.resolve("run.json")));
  }

  @Test
  void anEarlierOutputMovedAsideByARunKilledInTheSwapIsPutBack() throws IOException {
    Path out = dir.resolve("out");
    deadStaging(".out.partial-2222");
    Path previous = Files.createDirectories(dir.resolve(".out.previous-2222"));
    Files.writeString(previous.resolve("run.json"), "earlier\n");
    OutputStaging.removeLeftovers(out.toString(), quiet);
    assertEquals(List.of("out"), names());
    assertEquals("earlier\n", Files.readString(out.resolve("run.json")));
  }

  @Test
  void aRunKilledJustAfterTheSwapLeavesNoFactsAndNoEarlierOutput() throws IOException {
    Path out = Files.createDirectories(dir.resolve("out/.run")).getParent();
    Files.writeString(out.resolve(".run/" + OutputStaging.OWNER), temp.resolve("gmsd-run-1-gone") + "\n");
    Files.writeString(out.resolve("run.json"), "new\n");
    Files.createDirectories(dir.resolve(".out.previous-3333"));
    OutputStaging.removeLeftovers(out.toString(), quiet);
    assertEquals(List.of("out"), names());
    assertFalse(Files.exists(out.resolve(".run")));
    assertEquals("new\n", Files.readString(out.resolve("run.json")));
  }

  @Test
  void aLiveRunsStagedOutputIsLeftAndNamed() throws IOException {
    Path out = dir.resolve("out");
    try (RunTemporaryFolder live = RunTemporaryFolder.open(temp)) {
      OutputStaging staging = OutputStaging.create(out, live);
      List<String> running = OutputStaging.removeLeftovers(out.toString(), quiet);
      assertEquals(List.of(Path.of(staging.path()).getFileName().toString()), running);
      assertTrue(Files.isDirectory(Path.of(staging.path())));
      staging.deleteQuietly();
    }
    assertEquals(List.of(), names());
  }

  @Test
  void publishSwapsAndLeavesNothingBeside() throws IOException {
    Path out = dir.resolve("out");
    try (RunTemporaryFolder run = RunTemporaryFolder.open(temp)) {
      OutputStaging staging = OutputStaging.create(out, run);
      Files.writeString(Path.of(staging.path()).resolve("tabellen.csv"), "x\n");
      staging.publish();
    }
    assertEquals(List.of("out"), names());
    assertEquals(List.of("tabellen.csv"), Files.list(out).map(p -> p.getFileName().toString()).toList());
  }
}
