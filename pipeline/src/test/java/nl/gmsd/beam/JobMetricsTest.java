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
    // The launcher leaves Beam's metrics on: the run's facts travel as them (RecordRunFacts).
    "--runner=FlinkRunner | true",
    "--runner=FlinkRunner --disableMetrics=false | true",
    "--runner=FlinkRunner --disableMetrics=true | false",
    "--runner=FlinkRunner --flinkMaster=localhost:8081 --parallelism=4 | true"
  })
  void countersAreTouchedOnlyWhereTheRunnerCollectsThem(String args, boolean collected) {
    String[] withDefaults = Engines.withDefaults(args.split(" "));
    assertEquals(collected, JobMetrics.collected(PipelineOptionsFactory.fromArgs(withDefaults).create()));
  }
}
