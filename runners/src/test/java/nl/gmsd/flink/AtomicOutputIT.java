package nl.gmsd.flink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import nl.gmsd.testing.FileTrees;
import nl.gmsd.testing.OutputComparison;
import nl.gmsd.testing.SmallArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A run that is killed, or that fails, leaves the previous output untouched and no folder that
 * looks complete (SPEC 10; issue: atomic outputs); and nothing behind (SPEC 10 revised, issue 20):
 * what a killed run left in the temporary folder and beside --output is removed by the next run,
 * and a failed run removes its own. Runs {@code scripts/gmsd run} (the launcher, which keeps the
 * JVM's own temporary files in the run's folder) on {@code gmsd.jar} as a separate process.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class AtomicOutputIT {
  private static final Path WORK = Path.of("target/it/atomic-output").toAbsolutePath();
  private static final Path TEMP = WORK.resolve("tmp");

  private static List<String> command(SmallArchive data, Path output, String... extra) {
    List<String> cmd = new ArrayList<>(List.of(LocalFlinkCluster.repoDir().resolve("scripts/gmsd").toString(),
        "run", "--period=" + SmallArchive.PERIOD,
        "--archive=" + data.archive, "--reference=" + data.reference, "--pseudonymKeyFile=" + data.keyFile,
        "--output=" + output, "--parallelism=2", "--tempFolder=" + TEMP));
    cmd.addAll(List.of(extra));
    return cmd;
  }

  private static Process start(List<String> cmd, Path log) throws IOException {
    return start(cmd, log, "");
  }

  private static Process start(List<String> cmd, Path log, String moreJvmOptions) throws IOException {
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
    pb.environment().put("GMSD_JAR", LocalFlinkCluster.gmsdJar().toString());
    pb.environment().put("GMSD_JAVA_OPTS", ("-Xmx2g " + moreJvmOptions).trim());
    return pb.start();
  }

  private static List<String> inTemp() throws IOException {
    try (Stream<Path> s = Files.list(TEMP)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  /** The bytes of the regular files in the temporary folder (a file may vanish while it is walked). */
  private static long bytesInTemp() throws IOException {
    try (Stream<Path> s = Files.walk(TEMP)) {
      return s.mapToLong(p -> p.toFile().isFile() ? p.toFile().length() : 0).sum();
    } catch (java.io.UncheckedIOException e) {
      return 0; // a folder went while it was listed: try again
    }
  }

  private static List<String> besideOutput() throws IOException {
    try (Stream<Path> s = Files.list(WORK)) {
      return s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(".out.")).sorted().toList();
    }
  }

  private static List<Path> partials() throws IOException {
    try (Stream<Path> s = Files.list(WORK)) {
      return s.filter(p -> p.getFileName().toString().startsWith(".out.partial-")).toList();
    }
  }

  @Test
  void aKilledOrFailedRunLeavesThePreviousOutputUntouched() throws Exception {
    TaskManagerFailureIT.deleteTree(WORK);
    Files.createDirectories(TEMP);
    SmallArchive data = SmallArchive.write(WORK.resolve("input"));
    Path output = WORK.resolve("out");
    Path reference = WORK.resolve("reference-copy");

    Process first = start(command(data, output), WORK.resolve("first.log"));
    assertTrue(first.waitFor(4, TimeUnit.MINUTES) && first.exitValue() == 0, Files.readString(WORK.resolve("first.log")));
    FileTrees.copy(output, reference);

    // Killed mid-run: wait until it writes its staging folder and its engine has unpacked its files
    // (Flink's RPC jar alone is 22 MB; how long that takes depends on the machine's load), then kill -9.
    Process killed = start(command(data, output), WORK.resolve("killed.log"));
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
    while ((partials().isEmpty() || bytesInTemp() <= 10_000_000) && killed.isAlive() && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
    assertFalse(partials().isEmpty(), "the run never started writing: " + Files.readString(WORK.resolve("killed.log")));
    assertTrue(killed.isAlive(), "the run finished before it could be killed");
    killed.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    assertEquals(List.of(), OutputComparison.differences(reference, output), "the previous output changed");
    for (Path partial : partials()) {
      assertFalse(Files.exists(partial.resolve("run.json")), "a killed run left a folder that looks complete");
    }
    assertEquals(1, inTemp().size(), "the killed run's temporary folder: " + inTemp());
    long leftBytes = bytesInTemp();
    assertTrue(leftBytes > 10_000_000, "the engine's and OR-Tools' files went into it: " + leftBytes + " bytes");

    // The next good run removes what the killed one left, and leaves nothing itself.
    Process good = start(command(data, output), WORK.resolve("good.log"));
    assertTrue(good.waitFor(4, TimeUnit.MINUTES) && good.exitValue() == 0, Files.readString(WORK.resolve("good.log")));
    assertTrue(Files.readString(WORK.resolve("good.log")).contains("that an earlier, killed run left"),
        Files.readString(WORK.resolve("good.log")));
    assertEquals(List.of(), inTemp(), "left in the temporary folder");
    assertEquals(List.of(), besideOutput(), "left beside --output");
    assertEquals(List.of(), OutputComparison.differences(reference, output), "the rerun's output differs");

    // Failed: an internal error in the last stage (injected: a hard table no longer fails a run).
    Process failed = start(command(data, output), WORK.resolve("failed.log"),
        "-D" + nl.gmsd.disclose.DisclosureControl.FAIL_FOR_TEST + "=true");
    assertTrue(failed.waitFor(4, TimeUnit.MINUTES), "the failing run did not end");
    String log = Files.readString(WORK.resolve("failed.log"));
    assertEquals(1, failed.exitValue(), log);
    assertTrue(log.contains("the previous output (if any) is untouched"), log);
    assertEquals(List.of(), OutputComparison.differences(reference, output), "the previous output changed");
    assertEquals(List.of(), partials(), "a failed run left its staging folder");
    assertEquals(List.of(), inTemp(), "a failed run left its temporary folder");
    assertEquals(List.of(), besideOutput(), "a failed run left something beside --output");
  }
}
