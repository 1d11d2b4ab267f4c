package nl.gmsd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import nl.gmsd.testing.FileTrees;
import nl.gmsd.testing.OutputComparison;
import nl.gmsd.testing.SmallArchive;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code gmsd run --output} replaces only an earlier output of gmsd run as that run left it
 * (README, issue 14): every other case is refused before anything runs (exit 2), and a sentinel
 * file of the user's survives each of them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OutputFolderIT {

  private Path root;
  private SmallArchive data;
  private List<String> inputsBefore;

  @BeforeAll
  void write(@TempDir(cleanup = CleanupMode.ON_SUCCESS) Path tmp) throws IOException {
    root = tmp;
    data = SmallArchive.write(tmp.resolve("in"));
    inputsBefore = OutputFolder.listing(tmp.resolve("in"), null);
  }

  private String[] run(Path output) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream ps = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    int rc = RunCommand.run(new String[] {"--period=" + SmallArchive.PERIOD, "--archive=" + data.archive,
        "--reference=" + data.reference, "--pseudonymKeyFile=" + data.keyFile, "--output=" + output,
        "--runner=DirectRunner", "--minIntervalWidth=0"}, ps, ps);
    return new String[] {String.valueOf(rc), bytes.toString(StandardCharsets.UTF_8)};
  }

  private void assertRefused(Path output, String why) throws IOException {
    List<String> before = Files.isDirectory(output) ? OutputFolder.listing(output, null) : List.of();
    String[] r = run(output);
    assertEquals("2", r[0], r[1]);
    assertTrue(r[1].contains("--output=" + output) && r[1].contains(why), r[1]);
    assertTrue(r[1].contains("Nothing was written."), r[1]);
    assertEquals(inputsBefore, OutputFolder.listing(root.resolve("in"), null), "the inputs changed");
    if (Files.isDirectory(output)) {
      assertEquals(before, OutputFolder.listing(output, null), "the refused folder changed");
    }
    try (Stream<Path> s = Files.walk(root)) {
      assertTrue(s.noneMatch(p -> p.getFileName().toString().contains(".partial-")), "a staging folder was made");
    }
  }

  @Test
  void aFolderOfTheUsersIsRefusedAndKept() throws IOException {
    Path mine = Files.createDirectories(root.resolve("mine"));
    Files.writeString(mine.resolve("notes.txt"), "my notes\n");
    assertRefused(mine, "is not empty and is not an earlier output of gmsd run");
    assertEquals("my notes\n", Files.readString(mine.resolve("notes.txt")));
  }

  @Test
  void foldersThatHoldOrLieInsideAnInputAreRefused() throws IOException {
    assertRefused(data.archive, "contains the archive");
    assertRefused(root.resolve("in"), "contains the archive"); // also holds the reference folder and the key
    assertRefused(data.archive.resolve("out"), "lies inside the archive");
    assertRefused(data.reference.resolve("out"), "lies inside the reference folder");
    Path keyOnly = Files.createDirectories(root.resolve("keyholder"));
    Path key = Files.copy(data.keyFile, keyOnly.resolve("gmsd.key"));
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream ps = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    int rc = RunCommand.run(new String[] {"--period=" + SmallArchive.PERIOD, "--archive=" + data.archive,
        "--reference=" + data.reference, "--pseudonymKeyFile=" + key, "--output=" + keyOnly,
        "--runner=DirectRunner"}, ps, ps);
    String text = bytes.toString(StandardCharsets.UTF_8);
    assertEquals(2, rc, text);
    assertTrue(text.contains("contains the key file"), text);
    assertTrue(Files.exists(key));
  }

  @Test
  void aFileIsNotAnOutputFolder() throws IOException {
    Path file = root.resolve("a-file.txt");
    Files.writeString(file, "keep\n");
    assertRefused(file, "exists and is not a folder");
    assertEquals("keep\n", Files.readString(file));
  }

  @Test
  void anEarlierOutputIsReplacedUntilSomethingIsAddedOrRemoved() throws IOException {
    Path out = root.resolve("out");
    String[] first = run(out);
    assertEquals("0", first[0], first[1]);
    Path copy = root.resolve("out-first");
    FileTrees.copy(out, copy);
    String[] second = run(out);
    assertEquals("0", second[0], second[1]);
    assertEquals(List.of(), OutputComparison.differences(copy, out));

    Path sentinel = out.resolve("tabellen/mijn-bewerking.csv");
    Files.writeString(sentinel, "mine\n");
    assertRefused(out, "is not empty and is not an earlier output of gmsd run");
    assertEquals("mine\n", Files.readString(sentinel));
    Files.delete(sentinel);

    Path removed = out.resolve("op-orde/index.html");
    Files.move(removed, root.resolve("index-moved.html"));
    assertRefused(out, "is not an earlier output of gmsd run");
    Files.move(root.resolve("index-moved.html"), removed);
    assertTrue(OutputFolder.isEarlierRunOutput(out), "as the run left it again");
  }

  @Test
  void anOutputWithoutItsListingIsNotTakenForOne() throws IOException {
    Path old = Files.createDirectories(root.resolve("old-output/tabellen"));
    Files.writeString(old.getParent().resolve("run.json"), "{\n  \"status\": \"completed\"\n}\n");
    Files.writeString(old.resolve("wmo.csv"), "period;...\n");
    assertRefused(old.getParent(), "is not an earlier output of gmsd run");
  }

  /**
   * A location with a scheme no file system here serves is refused, naming the option and the
   * fix, and never taken as a local relative path (issue 17: {@code --output=hdfs://...} once
   * exited 0 having written a local folder {@code hdfs:}).
   */
  @Test
  void aLocationWithAnUnservedSchemeIsRefusedNotTakenAsALocalPath() throws IOException {
    for (String option : List.of("output", "archive", "reference", "pseudonymKeyFile")) {
      String unserved = "nosuchfs://namenode:8020/gmsd/" + option;
      List<String> args = new java.util.ArrayList<>(List.of("--period=" + SmallArchive.PERIOD,
          "--archive=" + data.archive, "--reference=" + data.reference, "--pseudonymKeyFile=" + data.keyFile,
          "--output=" + root.resolve("out-" + option), "--runner=DirectRunner"));
      args.replaceAll(a -> a.startsWith("--" + option + "=") ? "--" + option + "=" + unserved : a);
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      PrintStream ps = new PrintStream(bytes, true, StandardCharsets.UTF_8);
      int rc = RunCommand.run(args.toArray(String[]::new), ps, ps);
      String text = bytes.toString(StandardCharsets.UTF_8);
      assertEquals(2, rc, text);
      assertTrue(text.contains("--" + option + "=" + unserved + ": ") && text.contains("'nosuchfs:'"), text);
      assertTrue(text.contains("Nothing was written."), text);
      assertTrue(Files.notExists(Path.of("nosuchfs:")), "a local folder named after the scheme was made");
      assertTrue(Files.notExists(root.resolve("out-" + option)), "an output was written");
    }
  }
}
