package nl.gmsd.flink;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The job on a real standalone Flink cluster (separate JobManager and TaskManager JVMs on
 * loopback) writes the same bytes as on the embedded engine.
 */
@Timeout(value = 6, unit = java.util.concurrent.TimeUnit.MINUTES)
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
    Path input = WORK.resolve("input");
    List<String> expected = ProbeInput.write(input, 20261123L, 8, 250);
    Path embedded = WORK.resolve("out-embedded/counts.tsv");
    Path onCluster = WORK.resolve("out-cluster/counts.tsv");
    Files.deleteIfExists(embedded);
    Files.deleteIfExists(onCluster);

    LocalFlinkCluster.runEmbedded(
        ProbeInput.classPath(), ProbeInput.MAIN_CLASS, ProbeInput.args(input, embedded, 0),
        WORK.resolve("embedded.log"));
    cluster.runOnCluster(
        ProbeInput.classPath(), ProbeInput.MAIN_CLASS, ProbeInput.args(input, onCluster, 0));

    List<String> finished = cluster.jobIds("FINISHED");
    assertEquals(1, finished.size(), "finished jobs on the cluster: " + finished);
    String job = cluster.rest("/jobs/" + finished.get(0));
    assertTrue(job.contains("\"parallelism\":2"), "the job did not use both slots: " + job);
    assertEquals(expected, Files.readAllLines(onCluster, StandardCharsets.UTF_8));
    assertArrayEquals(Files.readAllBytes(embedded), Files.readAllBytes(onCluster));
  }
}
