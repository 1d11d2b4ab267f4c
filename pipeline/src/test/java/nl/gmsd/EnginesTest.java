package nl.gmsd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class EnginesTest {

  private static List<String> defaults(String... args) {
    return List.of(Engines.withDefaults(args));
  }

  @Test
  void theEmbeddedFlinkEngineUsesEveryCore() {
    assertEquals(List.of("--period=H12025", "--runner=FlinkRunner",
            "--parallelism=" + Runtime.getRuntime().availableProcessors()),
        defaults("--period=H12025"));
  }

  @Test
  void aClusterKeepsItsParallelism() {
    assertEquals(List.of("--flinkMaster=localhost:8081", "--runner=FlinkRunner"), defaults("--flinkMaster=localhost:8081"));
  }

  @Test
  void beamsMetricsStayOnOnFlinkSinceTheRunsFactsTravelAsThem() {
    for (String off : List.of("--disableMetrics", "--disableMetrics=true")) {
      assertTrue(Engines.problem(new String[] {off}).startsWith("--disableMetrics: gmsd run needs Beam's metrics on"));
      assertTrue(Engines.problem(new String[] {"--runner=FlinkRunner", "--flinkMaster=localhost:8081", off}) != null);
      assertNull(Engines.problem(new String[] {"--runner=DirectRunner", off}), "the Direct runner has no such option");
    }
    assertNull(Engines.problem(new String[] {"--disableMetrics=false"}));
    assertNull(Engines.problem(new String[] {"--period=H12025"}));
  }

  @Test
  void theDirectRunnerGetsNoFlinkOptions() {
    assertEquals(List.of("--runner=DirectRunner"), defaults("--runner=DirectRunner"));
  }
}
