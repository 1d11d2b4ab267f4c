package nl.gmsd;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class EnginesTest {

  private static List<String> defaults(String... args) {
    return List.of(Engines.withDefaults(args));
  }

  @Test
  void theEmbeddedFlinkEngineUsesEveryCoreWithoutMetrics() {
    assertEquals(List.of("--period=H12025", "--runner=FlinkRunner",
            "--parallelism=" + Runtime.getRuntime().availableProcessors(), "--disableMetrics=true"),
        defaults("--period=H12025"));
  }

  @Test
  void aClusterKeepsItsParallelismAndTheUserCanTurnMetricsOn() {
    assertEquals(List.of("--flinkMaster=localhost:8081", "--disableMetrics=false", "--runner=FlinkRunner"),
        defaults("--flinkMaster=localhost:8081", "--disableMetrics=false"));
    assertEquals(List.of("--flinkMaster=localhost:8081", "--runner=FlinkRunner", "--disableMetrics=true"),
        defaults("--flinkMaster=localhost:8081"));
  }

  @Test
  void theDirectRunnerGetsNoFlinkOptions() {
    assertEquals(List.of("--runner=DirectRunner"), defaults("--runner=DirectRunner"));
  }
}
