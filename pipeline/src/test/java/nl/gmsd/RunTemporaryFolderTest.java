package nl.gmsd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import nl.gmsd.testing.HoldLock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The run's own temporary folder (SPEC 10 revised): removed when the run ends; what a killed run
 * left is removed by the next, never a live run's folder and never anything else.
 */
class RunTemporaryFolderTest {

  @TempDir Path root;

  private static long deadPid() throws Exception {
    Process p = new ProcessBuilder("true").start();
    p.waitFor(10, TimeUnit.SECONDS);
    return p.pid();
  }

  private List<String> names() throws IOException {
    try (Stream<Path> s = Files.list(root)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void theFolderIsOwnedWhileTheRunLivesAndGoneAfter() throws IOException {
    Path folder;
    try (RunTemporaryFolder run = RunTemporaryFolder.open(root)) {
      folder = run.path();
      assertTrue(folder.getFileName().toString().startsWith("gmsd-run-" + ProcessHandle.current().pid() + "-"));
      assertTrue(RunTemporaryFolder.isAlive(folder));
      Files.writeString(Files.createDirectories(run.engineFolder()).resolve("spill.bin"), "x");
      assertTrue(Files.readString(run.writeFlinkConfiguration().resolve("flink-conf.yaml"))
          .contains("io.tmp.dirs: " + run.engineFolder()));
    }
    assertFalse(Files.exists(folder));
    assertEquals(List.of(), names());
  }

  @Test
  void whatKilledRunsLeftIsRemovedAndNothingElse() throws Exception {
    long dead = deadPid();
    Path killedLocked = Files.createDirectories(root.resolve("gmsd-run-" + dead + "-abc123"));
    Files.writeString(killedLocked.resolve(RunTemporaryFolder.LOCK), "");
    Files.writeString(Files.createDirectories(killedLocked.resolve("engine/minicluster_1")).resolve("blob"), "x");
    Path killedBeforeLocking = Files.createDirectories(root.resolve("gmsd-run-" + dead + "-def456"));
    Path mine = Files.createDirectories(root.resolve("my-notes"));
    Files.writeString(mine.resolve("notes.txt"), "keep\n");
    Path lookalike = Files.createDirectories(root.resolve("gmsd-run-notes"));
    Files.writeString(root.resolve("gmsd-run-" + dead + "-file"), "a file, not a run's folder\n");

    Path live = Files.createDirectories(root.resolve("gmsd-run-" + dead + "-live99"));
    Process holder = HoldLock.start(live.resolve(RunTemporaryFolder.LOCK)); // a live run in another process
    Process starting = new ProcessBuilder("sleep", "60").start();
    Path liveUnlocked = Files.createDirectories(root.resolve("gmsd-run-" + starting.pid() + "-start1"));
    try (RunTemporaryFolder run = RunTemporaryFolder.open(root)) {
      assertFalse(Files.exists(killedLocked));
      assertFalse(Files.exists(killedBeforeLocking));
      assertTrue(Files.exists(live.resolve(RunTemporaryFolder.LOCK)), "a live run's folder is never touched");
      assertTrue(Files.exists(liveUnlocked), "a folder whose process lives is left alone");
      assertEquals("keep\n", Files.readString(mine.resolve("notes.txt")));
      assertTrue(Files.isDirectory(lookalike));
      assertTrue(Files.exists(root.resolve("gmsd-run-" + dead + "-file")));
    } finally {
      holder.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      starting.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
    // Both of those processes are gone now: the next run removes their folders.
    try (RunTemporaryFolder run = RunTemporaryFolder.open(root)) {
      assertFalse(Files.exists(live));
      assertFalse(Files.exists(liveUnlocked));
    }
    assertEquals(List.of("gmsd-run-" + dead + "-file", "gmsd-run-notes", "my-notes"), names());
  }

  /**
   * scripts/gmsd makes the folder and names it after its own pid: the JVM's where it execs java,
   * the JVM's parent's while it writes the class-data archive. Either is taken and removed; a
   * folder named after another process is not this run's.
   */
  @Test
  void theFolderTheLauncherMadeIsUsedWhetherItExecdTheJvmOrIsItsParent() throws Exception {
    long parent = ProcessHandle.current().parent().orElseThrow().pid();
    long other = deadPid();
    for (long named : new long[] {ProcessHandle.current().pid(), parent, other}) {
      Path made = Files.createDirectories(root.resolve("gmsd-run-" + named + "-launcher1"));
      System.setProperty(RunTemporaryFolder.HANDED_OVER, made.toString());
      try (RunTemporaryFolder run = RunTemporaryFolder.open(root)) {
        assertEquals(named != other, run.path().equals(made), "named after " + named + ": " + run.path());
      } finally {
        System.clearProperty(RunTemporaryFolder.HANDED_OVER);
      }
      assertEquals(List.of(), names(), "named after " + named);
    }
  }

  @Test
  void aFolderThatDoesNotExistIsNoTemporaryFolder() {
    RunCommand.InputException e = org.junit.jupiter.api.Assertions.assertThrows(RunCommand.InputException.class,
        () -> RunTemporaryFolder.open(root.resolve("nope")));
    assertTrue(e.getMessage().contains("--tempFolder"), e.getMessage());
  }
}
