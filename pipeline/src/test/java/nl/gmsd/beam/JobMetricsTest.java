package nl.gmsd.beam;

import static org.junit.jupiter.api.Assertions.assertEquals;

import nl.gmsd.Engines;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JobMetricsTest {

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
    "--runner=DirectRunner | true",
    "--runner=FlinkRunner | false",
    "--runner=FlinkRunner --disableMetrics=false | true",
    "--runner=FlinkRunner --disableMetrics=true | false",
    "--runner=FlinkRunner --flinkMaster=localhost:8081 --parallelism=4 | false"
  })
  void countersAreTouchedOnlyWhereTheRunnerCollectsThem(String args, boolean collected) {
    String[] withDefaults = Engines.withDefaults(args.split(" "));
    assertEquals(collected, JobMetrics.collected(PipelineOptionsFactory.fromArgs(withDefaults).create()));
  }
}
