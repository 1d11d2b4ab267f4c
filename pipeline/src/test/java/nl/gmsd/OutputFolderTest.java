package nl.gmsd;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import nl.gmsd.generate.GenerateCommand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * No command deletes or overwrites what it did not write (README): gmsd generate and gmsd demo
 * refuse a folder of the user's, each time with a sentinel file that must survive; a demo rerun
 * replaces its own sample data. gmsd run's cases, which need runs, are in {@code OutputFolderIT}.
 */
class OutputFolderTest {

  @TempDir Path tmp;

  private Path sentinelFolder() throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("mine"));
    Files.writeString(dir.resolve("notes.txt"), "my own notes\n");
    return dir;
  }

  private static void assertSentinelSurvived(Path dir) throws IOException {
    assertEquals("my own notes\n", Files.readString(dir.resolve("notes.txt")));
    try (var s = Files.list(dir)) {
      assertEquals(List.of(dir.resolve("notes.txt")), s.toList(), "nothing else may be written into " + dir);
    }
  }

  private static String[] run(Class<?> command, String... args) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream ps = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    int rc = command == GenerateCommand.class ? GenerateCommand.run(args, ps, ps) : DemoCommand.run(args, ps, ps);
    return new String[] {String.valueOf(rc), bytes.toString(StandardCharsets.UTF_8)};
  }

  @Test
  void generateRefusesAFolderOfTheUsers() throws IOException {
    Path dir = sentinelFolder();
    String[] r = run(GenerateCommand.class, "--output=" + dir, "--scale=0.0001", "--seed=1");
    assertEquals("2", r[0], r[1]);
    assertTrue(r[1].contains(dir + " is not empty"), r[1]);
    assertSentinelSurvived(dir);
  }

  @Test
  void generateRefusesAFileAsItsFolder() throws IOException {
    Path file = tmp.resolve("a-file");
    Files.writeString(file, "keep\n");
    String[] r = run(GenerateCommand.class, "--output=" + file, "--scale=0.0001", "--seed=1");
    assertEquals("2", r[0], r[1]);
    assertTrue(r[1].contains("is not a folder"), r[1]);
    assertEquals("keep\n", Files.readString(file));
  }

  @Test
  void demoRefusesAFolderOfTheUsers() throws IOException {
    Path dir = sentinelFolder();
    String[] r = run(DemoCommand.class, "--output=" + dir, "--scale=0.0001");
    assertEquals("2", r[0], r[1]);
    assertTrue(r[1].contains(dir + " is not empty and is not a demo folder"), r[1]);
    assertSentinelSurvived(dir);
  }

  @Test
  void aDemoRerunReplacesItsOwnSampleDataButNotOnceSomethingIsAdded() throws IOException {
    Path dir = tmp.resolve("demo");
    PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    DemoCommand.prepare(dir, 0.0001, 1, "H12025", quiet);
    assertDoesNotThrow(() -> DemoCommand.requireDemoFolder(dir));
    DemoCommand.prepare(dir, 0.0001, 2, "H12025", quiet); // a rerun with other sample data
    assertDoesNotThrow(() -> DemoCommand.requireDemoFolder(dir));

    Path sentinel = dir.resolve("input/archive/my-notes.txt");
    Files.writeString(sentinel, "mine\n");
    OutputFolder.RefusedException e =
        assertThrows(OutputFolder.RefusedException.class, () -> DemoCommand.requireDemoFolder(dir));
    assertTrue(e.getMessage().contains("is not a demo folder as an earlier gmsd demo left it"), e.getMessage());
    String[] r = run(DemoCommand.class, "--output=" + dir, "--scale=0.0001");
    assertEquals("2", r[0], r[1]);
    assertEquals("mine\n", Files.readString(sentinel));
    assertTrue(Files.exists(dir.resolve("input/archive/manifest.csv")), "the demo's data is left as it was too");
  }

  @Test
  void aFolderLeftByADemoKilledWhileGeneratingIsTakenBack() throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("killed-demo/" + DemoCommand.PARTIAL_INPUT + "/archive"));
    assertDoesNotThrow(() -> DemoCommand.requireDemoFolder(dir.getParent().getParent()));
  }

  @Test
  void theListingMarksLinksAndSeesEveryFolder() throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("listing/sub/empty"));
    Path root = dir.getParent().getParent();
    Files.writeString(root.resolve("sub/a.csv"), "x");
    Files.createSymbolicLink(root.resolve("link"), root.resolve("sub/a.csv"));
    assertEquals(List.of("link -> (link)", "sub/", "sub/a.csv", "sub/empty/"), OutputFolder.listing(root, null));
    assertEquals(List.of("link -> (link)"), OutputFolder.listing(root, "sub"));
  }

  /** On a file system with a scheme the output is kept apart from the inputs by its path. */
  @Test
  void anOutputOnHdfsIsKeptApartFromTheInputsThere() {
    java.util.Map<String, String> inputs = new java.util.LinkedHashMap<>();
    inputs.put("the archive", "hdfs://nn:8020/gmsd/archive");
    inputs.put("the reference folder", "hdfs://nn:8020/gmsd/reference");
    inputs.put("the key file", tmp.resolve("gmsd.key").toString()); // local: another file system
    OutputFolder.RefusedException inside = assertThrows(OutputFolder.RefusedException.class,
        () -> OutputFolder.requireApartFrom("--output", "hdfs://nn:8020/gmsd/archive/out", inputs));
    assertTrue(inside.getMessage().contains("lies inside the archive"), inside.getMessage());
    OutputFolder.RefusedException holds = assertThrows(OutputFolder.RefusedException.class,
        () -> OutputFolder.requireApartFrom("--output", "hdfs://nn:8020/gmsd/", inputs));
    assertTrue(holds.getMessage().contains("contains the archive"), holds.getMessage());
    assertDoesNotThrow(() -> OutputFolder.requireApartFrom("--output", "hdfs://nn:8020/gmsd/archive-out", inputs));
    assertDoesNotThrow(() -> OutputFolder.requireApartFrom("--output", tmp.resolve("out").toString(), inputs));
  }
}
