package nl.gmsd.flink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
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
 * looks complete (SPEC 10; issue: atomic outputs). Runs {@code gmsd.jar run} as a separate process.
 */
@Timeout(value = 8, unit = TimeUnit.MINUTES)
class AtomicOutputIT {
  private static final Path WORK = Path.of("target/it/atomic-output").toAbsolutePath();

  private static List<String> command(SmallArchive data, Path output, String... jvmOptions) {
    List<String> cmd = new ArrayList<>(List.of(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx2g"));
    cmd.addAll(List.of(jvmOptions));
    cmd.addAll(List.of("-jar", LocalFlinkCluster.gmsdJar().toString(), "run", "--period=" + SmallArchive.PERIOD,
        "--archive=" + data.archive, "--reference=" + data.reference, "--pseudonymKeyFile=" + data.keyFile,
        "--output=" + output, "--parallelism=2"));
    return cmd;
  }

  private static Process start(List<String> cmd, Path log) throws IOException {
    return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
  }

  private static List<Path> partials() throws IOException {
    try (Stream<Path> s = Files.list(WORK)) {
      return s.filter(p -> p.getFileName().toString().startsWith(".out.partial-")).toList();
    }
  }

  @Test
  void aKilledOrFailedRunLeavesThePreviousOutputUntouched() throws Exception {
    TaskManagerFailureIT.deleteTree(WORK);
    Files.createDirectories(WORK);
    SmallArchive data = SmallArchive.write(WORK.resolve("input"));
    Path output = WORK.resolve("out");
    Path reference = WORK.resolve("reference-copy");

    Process first = start(command(data, output), WORK.resolve("first.log"));
    assertTrue(first.waitFor(4, TimeUnit.MINUTES) && first.exitValue() == 0, Files.readString(WORK.resolve("first.log")));
    FileTrees.copy(output, reference);

    // Killed mid-run: wait until it writes its staging folder, then kill -9.
    Process killed = start(command(data, output), WORK.resolve("killed.log"));
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
    while (partials().isEmpty() && killed.isAlive() && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
    assertFalse(partials().isEmpty(), "the run never started writing: " + Files.readString(WORK.resolve("killed.log")));
    Thread.sleep(3000);
    assertTrue(killed.isAlive(), "the run finished before it could be killed");
    killed.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    assertEquals(List.of(), OutputComparison.differences(reference, output), "the previous output changed");
    for (Path partial : partials()) {
      assertFalse(Files.exists(partial.resolve("run.json")), "a killed run left a folder that looks complete");
      TaskManagerFailureIT.deleteTree(partial);
    }

    // Failed: an internal error in the last stage (injected: a hard table no longer fails a run).
    Process failed = start(command(data, output, "-D" + nl.gmsd.disclose.DisclosureControl.FAIL_FOR_TEST + "=true"),
        WORK.resolve("failed.log"));
    assertTrue(failed.waitFor(4, TimeUnit.MINUTES), "the failing run did not end");
    String log = Files.readString(WORK.resolve("failed.log"));
    assertEquals(1, failed.exitValue(), log);
    assertTrue(log.contains("the previous output (if any) is untouched"), log);
    assertEquals(List.of(), OutputComparison.differences(reference, output), "the previous output changed");
    assertEquals(List.of(), partials(), "a failed run left its staging folder");
  }
}
