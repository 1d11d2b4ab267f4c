package nl.gmsd.flink;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * A standalone Flink cluster on loopback for integration tests, driven through
 * {@code scripts/flink-cluster} (so the tests exercise the script users run), plus the two ways
 * to run a Beam job: on this cluster and on the embedded engine.
 *
 * <p>A job is given as a class path (jars), a main class and its arguments; {@code
 * --runner=FlinkRunner} and {@code --flinkMaster} are appended here. To run the real pipeline
 * instead of the probe job: {@code runOnCluster(List.of(gmsdJar()), "nl.gmsd.GmsdMain",
 * List.of("run", "--period=...", "--archive=...", "--reference=...", "--pseudonymKeyFile=...",
 * "--output=..."))} and the same arguments (another --output) for {@link #runEmbedded}.
 */
public final class LocalFlinkCluster implements AutoCloseable {
  /** Every wait on the cluster or a job is bounded by one of these. */
  static final Duration SCRIPT_TIMEOUT = Duration.ofSeconds(150);

  static final Duration JOB_TIMEOUT = Duration.ofSeconds(240);

  /** Small enough for a 2-core CI machine that also runs the build and an embedded job. */
  private static final Map<String, String> CLUSTER_ENV =
      Map.of(
          "FLINK_JM_MEMORY", "1024m",
          "FLINK_TM_MEMORY", "2048m",
          "FLINK_RESTART_ATTEMPTS", "10",
          "FLINK_RESTART_DELAY", "3 s",
          "FLINK_START_TIMEOUT", "120");

  private static final String JOB_JAVA_OPTS =
      "-Xmx1g -Dorg.slf4j.simpleLogger.defaultLogLevel=warn";

  private final Path stateDir;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final AtomicInteger jobRuns = new AtomicInteger();
  private boolean started;

  private LocalFlinkCluster(Path stateDir) {
    this.stateDir = stateDir;
  }

  /** Starts a JobManager and one TaskManager, state (conf, logs, pids) under stateDir. */
  public static LocalFlinkCluster start(Path stateDir) {
    LocalFlinkCluster cluster = new LocalFlinkCluster(stateDir.toAbsolutePath());
    cluster.started = true;
    try {
      cluster.script("start");
    } catch (RuntimeException | AssertionError e) {
      cluster.close(); // the caller never gets the cluster to close: leave nothing running
      throw e;
    }
    return cluster;
  }

  /** The repository root (failsafe passes it; the module directory's parent otherwise). */
  public static Path repoDir() {
    String dir = System.getProperty("gmsd.repo.dir");
    return (dir != null ? Paths.get(dir) : Paths.get("..")).toAbsolutePath().normalize();
  }

  /** runners/target/gmsd.jar, the application jar with Beam and both runners. */
  public static Path gmsdJar() {
    String jar = System.getProperty("gmsd.jar");
    return jar != null ? Paths.get(jar) : repoDir().resolve("runners/target/gmsd.jar");
  }

  /** The jar of the test probe job (test classes under nl/gmsd/flink/probe). */
  public static Path probeJar() {
    String jar = System.getProperty("gmsd.probe.jar");
    if (jar == null) {
      throw new IllegalStateException("system property gmsd.probe.jar not set (run through mvn verify)");
    }
    return Paths.get(jar);
  }

  public Path stateDir() {
    return stateDir;
  }

  /** Beam's --flinkMaster value for this cluster: localhost and the REST port. */
  public String flinkMaster() {
    return "localhost:" + restPort();
  }

  private int restPort() {
    try {
      return Integer.parseInt(Files.readString(stateDir.resolve("rest.port")).trim());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** GET on the cluster's REST API, e.g. "/jobs/overview"; the body as text. */
  public String rest(String path) {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + restPort() + path))
            .timeout(Duration.ofSeconds(10))
            .GET()
            .build();
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new IllegalStateException("GET " + path + ": HTTP " + response.statusCode());
      }
      return response.body();
    } catch (IOException e) {
      throw new UncheckedIOException("GET " + path, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Ids of the cluster's jobs in the given state (RUNNING, FINISHED, ...), from /jobs/overview. */
  public List<String> jobIds(String state) {
    // {"jobs":[{"jid":"<32 hex>",...,"state":"RUNNING",...,"tasks":{...}},...]}: one chunk per job
    List<String> ids = new ArrayList<>();
    for (String job : rest("/jobs/overview").split("\\{\"jid\":\"")) {
      if (job.matches("(?s)[0-9a-f]{32}\".*") && job.contains("\"state\":\"" + state + "\"")) {
        ids.add(job.substring(0, 32));
      }
    }
    return ids;
  }

  /** kill -9 of every TaskManager: a crash, not a shutdown. */
  public void killTaskManager() {
    script("kill-taskmanager");
  }

  /** Starts another TaskManager and waits until the JobManager has registered it. */
  public void startTaskManager() {
    script("start-taskmanager");
  }

  /** Runs a job on this cluster through {@code flink-cluster submit}; waits for its end. */
  public void runOnCluster(List<Path> classPath, String mainClass, List<String> args) {
    JobRun run = submitOnCluster(classPath, mainClass, args);
    run.awaitSuccess(JOB_TIMEOUT);
  }

  public void runOnCluster(Path jar, String mainClass, List<String> args) {
    runOnCluster(List.of(jar), mainClass, args);
  }

  /** Starts a job on this cluster without waiting; the caller awaits the returned run. */
  public JobRun submitOnCluster(List<Path> classPath, String mainClass, List<String> args) {
    List<String> command = new ArrayList<>(scriptCommand());
    command.add("submit");
    command.add("--main");
    command.add(mainClass);
    for (Path extra : classPath.subList(1, classPath.size())) {
      command.add("--with");
      command.add(extra.toString());
    }
    command.add(classPath.get(0).toString());
    command.addAll(args);
    Path log = stateDir.resolve("log/job-" + jobRuns.incrementAndGet() + "-cluster.log");
    return JobRun.start(command, Map.of("JOB_JAVA_OPTS", JOB_JAVA_OPTS), log);
  }

  /** Runs the same job on the embedded Flink engine (--flinkMaster=[local]) in its own JVM. */
  public static void runEmbedded(
      List<Path> classPath, String mainClass, List<String> args, Path log) {
    List<String> command = new ArrayList<>();
    command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
    // Embedded Flink's temporary files stay under target/, next to the log.
    command.add("-Djava.io.tmpdir=" + log.toAbsolutePath().getParent().resolve("tmp-embedded"));
    command.addAll(List.of(JOB_JAVA_OPTS.split(" ")));
    command.add("-cp");
    command.add(classPath.stream().map(Path::toString).collect(Collectors.joining(":")));
    command.add(mainClass);
    command.addAll(args);
    command.add("--runner=FlinkRunner");
    command.add("--flinkMaster=[local]");
    command.add("--parallelism=2");
    try {
      Files.createDirectories(log.toAbsolutePath().getParent().resolve("tmp-embedded"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    JobRun.start(command, Map.of(), log).awaitSuccess(JOB_TIMEOUT);
  }

  public static void runEmbedded(Path jar, String mainClass, List<String> args, Path log) {
    runEmbedded(List.of(jar), mainClass, args, log);
  }

  /** Runs a plain command of the jar (e.g. {@code generate}) in its own JVM and waits for it. */
  public static void runJava(Path jar, String mainClass, List<String> args, Path log) {
    List<String> command = new ArrayList<>();
    command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(List.of(JOB_JAVA_OPTS.split(" ")));
    command.addAll(List.of("-cp", jar.toString(), mainClass));
    command.addAll(args);
    try {
      Files.createDirectories(log.toAbsolutePath().getParent());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    JobRun.start(command, Map.of(), log).awaitSuccess(JOB_TIMEOUT);
  }

  /** Stops every process of the cluster; safe to call twice or after a failed start. */
  @Override
  public void close() {
    if (started) {
      started = false;
      script("stop");
    }
  }

  private List<String> scriptCommand() {
    return List.of(
        repoDir().resolve("scripts/flink-cluster").toString(), "--state-dir", stateDir.toString());
  }

  private void script(String subcommand) {
    List<String> command = new ArrayList<>(scriptCommand());
    command.add(subcommand);
    Path log = stateDir.resolve("script-" + subcommand + ".log");
    try {
      Files.createDirectories(stateDir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    JobRun.start(command, CLUSTER_ENV, log).awaitSuccess(SCRIPT_TIMEOUT);
  }

  /** One child process, its output in a log file, with bounded waits. */
  public static final class JobRun {
    private final Process process;
    private final Path log;
    private final List<String> command;

    private JobRun(Process process, Path log, List<String> command) {
      this.process = process;
      this.log = log;
      this.command = command;
    }

    static JobRun start(List<String> command, Map<String, String> env, Path log) {
      try {
        Files.createDirectories(log.getParent());
        ProcessBuilder builder =
            new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        builder.environment().putAll(env);
        return new JobRun(builder.start(), log, command);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot start " + command, e);
      }
    }

    public boolean isAlive() {
      return process.isAlive();
    }

    /** Kills the process and its children at once (kill -9), as a lost machine would end it. */
    public void kill() throws InterruptedException {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }

    /** Waits for the process's exit and returns its code; kills it and fails on a timeout. */
    public int awaitExit(Duration timeout) throws InterruptedException {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        kill();
        throw new AssertionError("timed out after " + timeout + ": " + command + "\n" + tail());
      }
      return process.exitValue();
    }

    /** Waits for a zero exit; kills the process and fails on a timeout or another exit code. */
    public void awaitSuccess(Duration timeout) {
      try {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
          process.descendants().forEach(ProcessHandle::destroyForcibly);
          process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
          throw new AssertionError(
              "timed out after " + timeout + ": " + command + "\n" + tail());
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        process.destroyForcibly();
        throw new IllegalStateException(e);
      }
      if (process.exitValue() != 0) {
        throw new AssertionError(
            "exit " + process.exitValue() + ": " + command + "\n" + tail());
      }
    }

    private String tail() {
      try {
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        return "--- last lines of " + log + "\n"
            + String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
      } catch (IOException e) {
        return "(no log " + log + ")";
      }
    }
  }
}
