package nl.gmsd.flink;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * kill -9 of the only TaskManager while the job runs: the JobManager notices (heartbeat), the
 * fixed-delay restart strategy restarts the job on a new TaskManager, and the output equals an
 * undisturbed run's, with nothing half-written left behind.
 */
@Timeout(value = 6, unit = java.util.concurrent.TimeUnit.MINUTES)
class TaskManagerFailureIT {
  private static final Path WORK = Path.of("target/it/taskmanager-failure").toAbsolutePath();

  /** 3000 lines at 12 ms each over 2 slots: about 18 s of work per attempt. */
  private static final int FILES = 12;

  private static final int LINES_PER_FILE = 250;
  private static final long SLEEP_MILLIS_PER_LINE = 12;

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

  @Test
  void jobSurvivesTaskManagerCrash() throws Exception {
    Path input = WORK.resolve("input");
    List<String> expected = ProbeInput.write(input, 4711L, FILES, LINES_PER_FILE);
    Path undisturbed = WORK.resolve("out-undisturbed/counts.tsv");
    Path outDir = WORK.resolve("out-cluster");
    Path output = outDir.resolve("counts.tsv");
    deleteTree(undisturbed.getParent());
    deleteTree(outDir);

    LocalFlinkCluster.runEmbedded(
        ProbeInput.classPath(), ProbeInput.MAIN_CLASS, ProbeInput.args(input, undisturbed, 0),
        WORK.resolve("undisturbed.log"));

    LocalFlinkCluster.JobRun run =
        cluster.submitOnCluster(
            ProbeInput.classPath(), ProbeInput.MAIN_CLASS,
            ProbeInput.args(input, output, SLEEP_MILLIS_PER_LINE));
    String jobId = awaitRunningJob(run);
    Thread.sleep(RUNNING_BEFORE_KILL.toMillis());
    assertTrue(cluster.rest("/jobs/" + jobId).contains("\"state\":\"RUNNING\""),
        "job no longer running when the TaskManager was to be killed; make it slower");

    Matcher registered = TASK_MANAGER_ID.matcher(cluster.rest("/taskmanagers"));
    assertTrue(registered.find(), "no TaskManager registered");
    String killed = registered.group(1);
    assertFalse(registered.find(), "more than one TaskManager registered");
    cluster.killTaskManager();
    assertFalse(Files.exists(output), "output complete before the kill: the kill was not mid-run");
    cluster.startTaskManager();
    run.awaitSuccess(LocalFlinkCluster.JOB_TIMEOUT);

    String job = cluster.rest("/jobs/" + jobId);
    assertTrue(job.contains("\"state\":\"FINISHED\""), "job did not finish: " + job);
    String exceptions = cluster.rest("/jobs/" + jobId + "/exceptions");
    assertTrue(exceptions.contains("\"taskManagerId\":\"" + killed + "\""),
        "no failure on the killed TaskManager " + killed + " in the job's exception history: "
            + exceptions);

    assertEquals(expected, Files.readAllLines(output, StandardCharsets.UTF_8));
    assertArrayEquals(Files.readAllBytes(undisturbed), Files.readAllBytes(output));
    try (Stream<Path> files = Files.list(outDir)) {
      assertEquals(List.of(output), files.toList(), "partial output left behind");
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

  private static void deleteTree(Path dir) throws java.io.IOException {
    if (Files.exists(dir)) {
      try (Stream<Path> paths = Files.walk(dir)) {
        for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
  }
}
