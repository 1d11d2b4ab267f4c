package nl.gmsd.flink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import nl.gmsd.testing.SmallArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The log of a successful run, as a user sees it: {@code gmsd.jar run} with the launcher's
 * defaults (the embedded Flink engine, Beam's metrics on: the run's facts travel as them) holds no
 * ERROR and no stack trace. A user who reads an ERROR in a good run stops trusting the log (issue
 * 15: Beam's MetricsEnvironment logged one when the job touched a counter with metrics off).
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class RunLogIT {

  /** A frame of a Java stack trace, with or without the "at " of Throwable.printStackTrace. */
  private static final Pattern STACK_FRAME = Pattern.compile("[\\w$.]+\\.[\\w$<>]+\\([\\w$]+\\.java:\\d+\\)");

  @TempDir Path tmp;

  @Test
  void aSuccessfulRunLogsNoErrorAndNoStackTrace() throws Exception {
    SmallArchive data = SmallArchive.write(tmp.resolve("input"));
    Path log = tmp.resolve("run.log");
    List<String> cmd = new ArrayList<>(List.of(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx2g", "-jar", LocalFlinkCluster.gmsdJar().toString(), "run", "--period=" + SmallArchive.PERIOD,
        "--archive=" + data.archive, "--reference=" + data.reference, "--pseudonymKeyFile=" + data.keyFile,
        "--output=" + tmp.resolve("out")));
    Process run = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    assertTrue(run.waitFor(4, TimeUnit.MINUTES), "the run did not finish");
    String text = Files.readString(log);
    assertEquals(0, run.exitValue(), text);
    assertTrue(text.contains("Running the pipeline on FlinkRunner"), "the default engine: " + text);
    List<String> bad = new ArrayList<>();
    for (String line : text.split("\n")) {
      if (line.contains(" ERROR ") || line.contains("Exception") || STACK_FRAME.matcher(line).find()) {
        bad.add(line);
      }
    }
    assertEquals(List.of(), bad, "the log of a successful run:\n" + text);
  }
}
