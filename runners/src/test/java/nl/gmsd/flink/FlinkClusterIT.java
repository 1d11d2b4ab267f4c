package nl.gmsd.flink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import nl.gmsd.testing.OutputComparison;
import nl.gmsd.testing.SmallArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The real job ({@code gmsd.jar run}) on a standalone Flink cluster (separate JobManager and
 * TaskManager JVMs on loopback) gives the same outputs as on the embedded engine, by SPEC 10's
 * determinism rule.
 */
@Timeout(value = 8, unit = java.util.concurrent.TimeUnit.MINUTES)
class FlinkClusterIT {
  private static final Path WORK = Path.of("target/it/flink-cluster").toAbsolutePath();
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
  void clusterOutputEqualsEmbeddedOutput() throws Exception {
    EmbeddedReferenceRun reference = EmbeddedReferenceRun.get();
    SmallArchive data = reference.data;
    Path embedded = reference.output;
    Path onCluster = WORK.resolve("out-cluster");
    TaskManagerFailureIT.deleteTree(onCluster);

    cluster.runOnCluster(List.of(LocalFlinkCluster.gmsdJar()), TaskManagerFailureIT.MAIN,
        TaskManagerFailureIT.runArgs(SmallArchive.PERIOD, data.archive, data.reference, data.keyFile, onCluster));

    List<String> finished = cluster.jobIds("FINISHED");
    assertEquals(1, finished.size(), "finished jobs on the cluster: " + finished);
    String job = cluster.rest("/jobs/" + finished.get(0));
    assertTrue(job.contains("\"parallelism\":2"), "the job did not use both slots: " + job);
    assertTrue(Files.isRegularFile(onCluster.resolve("tabellen/wmo.csv")));
    assertEquals(List.of(), OutputComparison.differences(embedded, onCluster));
  }
}
