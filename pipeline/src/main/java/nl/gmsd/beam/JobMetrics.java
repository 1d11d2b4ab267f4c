package nl.gmsd.beam;

import org.apache.beam.sdk.options.PipelineOptions;

/**
 * Whether the stages' own Beam counters (for a cluster's web UI) may be touched. With Beam's
 * metrics off on Flink ({@code --disableMetrics=true}) the Flink runner still declares metrics
 * supported but gives the worker threads no metrics container, so the first {@code Counter.inc()}
 * makes Beam's {@code MetricsEnvironment} log an ERROR with a stack trace. {@code gmsd run} refuses
 * that option (its facts travel as metrics, {@code RecordRunFacts}), but a pipeline built from these
 * stages elsewhere may run so: a DoFn asks here once per bundle and leaves its counters alone then.
 */
public final class JobMetrics {

  private static final String FLINK_OPTIONS = "org.apache.beam.runners.flink.FlinkPipelineOptions";

  private JobMetrics() {}

  /** False when the run has Beam's metrics off ({@code --disableMetrics=true}), else true. */
  public static boolean collected(PipelineOptions options) {
    Object disabled = flinkOption(options, "disableMetrics");
    return !Boolean.TRUE.equals(disabled);
  }

  /**
   * A Flink runner option by name, or null when the Flink runner is not on the class path (its
   * options are not on this module's compile class path, only at run time).
   */
  public static Object flinkOption(PipelineOptions options, String name) {
    try {
      Class<?> flink = Class.forName(FLINK_OPTIONS);
      @SuppressWarnings("unchecked")
      Object typed = options.as((Class<? extends PipelineOptions>) flink);
      String getter = "get" + Character.toUpperCase(name.charAt(0)) + name.substring(1);
      return flink.getMethod(getter).invoke(typed);
    } catch (ReflectiveOperationException | LinkageError e) {
      return null;
    }
  }
}
