package nl.gmsd.flink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import nl.gmsd.testing.OutputComparison;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * kill -9 of the only TaskManager while the real job ({@code gmsd.jar run} on a generated
 * archive) runs: the JobManager notices (heartbeat), the fixed-delay restart strategy restarts the
 * job on a new TaskManager, and the output equals an undisturbed run's by SPEC 10's determinism
 * rule, with nothing half-written left behind.
 */
@Timeout(value = 6, unit = java.util.concurrent.TimeUnit.MINUTES)
class TaskManagerFailureIT {
  private static final Path WORK = Path.of("target/it/taskmanager-failure").toAbsolutePath();

  static final String MAIN = "nl.gmsd.GmsdMain";

  /** A generated archive (all 342 gemeenten) big enough for a run of tens of seconds on 2 slots. */
  private static final String SCALE = "0.003";

  private static final String PERIOD = "H12025";

  /** How long the job must have been running before the kill, so the kill lands mid-run. */
  private static final Duration RUNNING_BEFORE_KILL = Duration.ofSeconds(4);

  private static final Duration JOB_START_TIMEOUT = Duration.ofSeconds(90);

  /** A TaskManager's resource id in GET /taskmanagers (scripts/flink-cluster names them tm-N). */
  private static final Pattern TASK_MANAGER_ID = Pattern.compile("\"id\":\"(tm-\\d+)\"");

  private static LocalFlinkCluster cluster;

  @BeforeAll
  static void startCluster() {
    cluster = LocalFlinkCluster.start(WORK.resolve("cluster"));
  }

  @AfterAll
  static void stopCluster() {
    if (cluster != null) {
      cluster.close();
    }
  }

  /** The arguments of {@code gmsd run}; the harness adds the engine options. */
  static List<String> runArgs(String period, Path archive, Path reference, Path key, Path output) {
    return List.of("run", "--period=" + period, "--archive=" + archive, "--reference=" + reference,
        "--pseudonymKeyFile=" + key, "--output=" + output);
  }

  @Test
  void jobSurvivesTaskManagerCrash() throws Exception {
    Path input = WORK.resolve("input");
    deleteTree(input);
    LocalFlinkCluster.runJava(LocalFlinkCluster.gmsdJar(), MAIN,
        List.of("generate", "--output=" + input, "--scale=" + SCALE, "--seed=11", "--period=" + PERIOD),
        WORK.resolve("generate.log"));
    Path key = WORK.resolve("test.key");
    Files.write(key, "a-throwaway-key-for-the-failure-test-0123456789".getBytes(StandardCharsets.US_ASCII));
    Path undisturbed = WORK.resolve("out-undisturbed");
    Path output = WORK.resolve("out-cluster");
    deleteTree(undisturbed);
    deleteTree(output);
    // Recovery is the point here, not the LP audit (tested with its defaults in GeneratedArchiveIT
    // and GmsdPipelineIT), which would only lengthen both runs: skip its LPs with a zero width.
    List<String> args = new java.util.ArrayList<>(runArgs(PERIOD, input.resolve("archive"), input.resolve("reference"), key, output));
    args.add("--minIntervalWidth=0");
    List<String> undisturbedArgs = new java.util.ArrayList<>(
        runArgs(PERIOD, input.resolve("archive"), input.resolve("reference"), key, undisturbed));
    undisturbedArgs.add("--minIntervalWidth=0");

    LocalFlinkCluster.runEmbedded(LocalFlinkCluster.gmsdJar(), MAIN, undisturbedArgs, WORK.resolve("undisturbed.log"));

    LocalFlinkCluster.JobRun run = cluster.submitOnCluster(List.of(LocalFlinkCluster.gmsdJar()), MAIN, args);
    String jobId = awaitRunningJob(run);
    Thread.sleep(RUNNING_BEFORE_KILL.toMillis());
    assertTrue(cluster.rest("/jobs/" + jobId).contains("\"state\":\"RUNNING\""),
        "job no longer running when the TaskManager was to be killed; make the archive bigger");

    Matcher registered = TASK_MANAGER_ID.matcher(cluster.rest("/taskmanagers"));
    assertTrue(registered.find(), "no TaskManager registered");
    String killed = registered.group(1);
    assertFalse(registered.find(), "more than one TaskManager registered");
    cluster.killTaskManager();
    assertFalse(Files.exists(output), "output in place before the kill: the kill was not mid-run");
    cluster.startTaskManager();
    run.awaitSuccess(LocalFlinkCluster.JOB_TIMEOUT);

    String job = cluster.rest("/jobs/" + jobId);
    assertTrue(job.contains("\"state\":\"FINISHED\""), "job did not finish: " + job);
    String exceptions = cluster.rest("/jobs/" + jobId + "/exceptions");
    assertTrue(exceptions.contains("\"taskManagerId\":\"" + killed + "\""),
        "no failure on the killed TaskManager " + killed + " in the job's exception history: "
            + exceptions);

    assertEquals(List.of(), OutputComparison.differences(undisturbed, output));
    try (Stream<Path> siblings = Files.list(WORK)) {
      assertEquals(List.of(), siblings.map(p -> p.getFileName().toString()).filter(n -> n.contains(".partial-")).toList(),
          "a staging folder was left behind");
    }
  }

  private static String awaitRunningJob(LocalFlinkCluster.JobRun run) throws InterruptedException {
    long deadline = System.nanoTime() + JOB_START_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      assertTrue(run.isAlive(), "the submitting client ended before the job ran");
      List<String> running = cluster.jobIds("RUNNING");
      if (!running.isEmpty()) {
        return running.get(0);
      }
      Thread.sleep(250);
    }
    throw new AssertionError("no running job within " + JOB_START_TIMEOUT);
  }

  static void deleteTree(Path dir) throws java.io.IOException {
    if (Files.exists(dir)) {
      try (Stream<Path> paths = Files.walk(dir)) {
        for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
  }
}
