package nl.gmsd;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.beam.sdk.options.PipelineOptions;

/**
 * The engine choice: the embedded Flink engine is the default for real runs ({@code
 * --runner=FlinkRunner}, Beam's {@code --flinkMaster=[auto]}, which is embedded unless launched by
 * Flink's {@code flink run}; parallelism = cores); {@code --runner=DirectRunner}
 * serves tests and tiny inputs; {@code --flinkMaster=host:port} submits to a Flink cluster. Beam's
 * metrics stay on: the run's facts come back to the driver as them ({@code RunFacts}).
 */
public final class Engines {

  /** The heading of the engine's options in the help. */
  static final String OPTIONS_HEADING = "Engine (Beam's and Flink's options, with the launcher's defaults)";

  /** The engine's options as the launcher sets them ({@link #withDefaults}), for the help. */
  static final List<RunOptions.Option> OPTIONS = List.of(
      new RunOptions.Option("runner", "NAME", "FlinkRunner", false,
          "FlinkRunner (embedded, or a Flink cluster) or DirectRunner (tests and tiny inputs only)", String.class),
      new RunOptions.Option("flinkMaster", "HOST:PORT", "[auto]: embedded, or the cluster under `flink run`", false,
          "the JobManager of a Flink cluster to submit to; local paths must be visible to its TaskManagers", String.class),
      new RunOptions.Option("parallelism", "N", "the number of cores when embedded", false,
          "parallel tasks on Flink; give it with --flinkMaster, Beam does not see the cluster's default", int.class),
      new RunOptions.Option("hdfsConfiguration", "JSON", "from $HADOOP_CONF_DIR (core-site.xml, hdfs-site.xml)", false,
          "Hadoop's configuration for hdfs:// locations, e.g. '[{\"fs.defaultFS\":\"hdfs://namenode:8020\"}]'",
          String.class));

  private Engines() {}

  /** Adds the default engine options to Beam-style arguments that do not set them. */
  public static String[] withDefaults(String[] args) {
    List<String> list = new ArrayList<>(Arrays.asList(args));
    String runner = value(list, "runner");
    if (runner == null) {
      runner = "FlinkRunner";
      list.add("--runner=FlinkRunner");
    }
    if (runner.equals("FlinkRunner") || runner.endsWith(".FlinkRunner")) {
      // No --flinkMaster: Beam's default [auto] is the embedded engine under `java -jar`, and the
      // cluster under Flink's own `flink run`. Embedded runs use every core.
      String master = value(list, "flinkMaster");
      boolean embedded = master == null || master.equals("[local]") || master.equals("[auto]");
      if (embedded && value(list, "parallelism") == null) {
        list.add("--parallelism=" + Runtime.getRuntime().availableProcessors());
      }
    }
    return list.toArray(new String[0]);
  }

  /**
   * What the engine options of a command line cannot be, in one sentence, or null: Beam's metrics
   * off on Flink ({@code --disableMetrics}), since the run's facts travel as them.
   */
  static String problem(String[] args) {
    List<String> list = Arrays.asList(args);
    String runner = value(list, "runner");
    boolean flink = runner == null || runner.equals("FlinkRunner") || runner.endsWith(".FlinkRunner");
    boolean disabled = list.contains("--disableMetrics") || "true".equals(value(list, "disableMetrics"));
    if (flink && disabled) {
      return "--disableMetrics: gmsd run needs Beam's metrics on, as its counts, verdicts and disclosure audit "
          + "(run.json) come back from the job as them; leave the option out";
    }
    return null;
  }

  /**
   * On the embedded Flink engine, points its working files ({@code io.tmp.dirs}: the RPC system's
   * unpacked jar, the mini cluster's folders, spill files) into the run's temporary folder, by a
   * Flink configuration of the run's own, unless the user gave one ({@code --flinkConfDir}).
   */
  static void keepEngineFilesIn(PipelineOptions options, RunTemporaryFolder temp) throws java.io.IOException {
    if (!options.getRunner().getSimpleName().equals("FlinkRunner")) {
      return;
    }
    Object master = property(options, "flinkMaster");
    boolean embedded = master == null || "[auto]".equals(master) || "[local]".equals(master);
    if (!embedded || property(options, "flinkConfDir") != null) {
      return;
    }
    setProperty(options, "flinkConfDir", temp.writeFlinkConfiguration().toString());
  }

  private static void setProperty(PipelineOptions options, String name, String value) {
    try {
      Class<?> flink = Class.forName("org.apache.beam.runners.flink.FlinkPipelineOptions");
      @SuppressWarnings("unchecked")
      Object typed = options.as((Class<? extends PipelineOptions>) flink);
      String setter = "set" + Character.toUpperCase(name.charAt(0)) + name.substring(1);
      flink.getMethod(setter, String.class).invoke(typed, value);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot set the Flink option " + name, e);
    }
  }

  private static String value(List<String> args, String name) {
    for (String a : args) {
      if (a.startsWith("--" + name + "=")) {
        return a.substring(name.length() + 3);
      }
    }
    return null;
  }

  /** A one-line description of the engine, for the console and run.json's environment. */
  public static String describe(PipelineOptions options) {
    StringBuilder sb = new StringBuilder(options.getRunner().getSimpleName());
    if (!options.getRunner().getSimpleName().equals("FlinkRunner")) {
      return sb.toString();
    }
    for (String name : List.of("flinkMaster", "parallelism")) {
      // Flink's options are not on the pipeline module's compile classpath: read them by name.
      Object v = property(options, name);
      if (v != null) {
        sb.append(' ').append(name).append('=').append(v);
      }
    }
    return sb.toString();
  }

  private static Object property(PipelineOptions options, String name) {
    return nl.gmsd.beam.JobMetrics.flinkOption(options, name);
  }

}
