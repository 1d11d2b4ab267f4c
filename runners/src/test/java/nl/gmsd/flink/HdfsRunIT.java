package nl.gmsd.flink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import nl.gmsd.testing.OutputComparison;
import nl.gmsd.testing.SmallArchive;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * The whole job with its archive, reference data, key and output on HDFS (issue 17): an
 * in-process HDFS (MiniDFSCluster, one DataNode, loopback, ports chosen by the system, stopped
 * by the test) and {@code gmsd.jar run} in JVMs of its own, so the shaded jar's file-system
 * registrars are what serves {@code hdfs://}. On the embedded engine and on the local Flink
 * cluster the output equals a local run's (SPEC 10's comparison), the second run replacing the
 * first; a run killed mid-way leaves the earlier output as it was; a folder with a file of the
 * user's is refused. Hadoop's configuration both ways: --hdfsConfiguration and HADOOP_CONF_DIR.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 12, unit = TimeUnit.MINUTES)
class HdfsRunIT {
  private static final java.nio.file.Path WORK = java.nio.file.Path.of("target/it/hdfs").toAbsolutePath();

  private MiniDFSCluster hdfs;
  private FileSystem fs;
  private String namenode;
  /** The output of a run of the same inputs from the local disk: what every HDFS run must equal. */
  private java.nio.file.Path local;

  @BeforeAll
  void startHdfs() throws IOException {
    TaskManagerFailureIT.deleteTree(WORK);
    Files.createDirectories(WORK);
    Configuration conf = new Configuration();
    conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, WORK.resolve("dfs").toString());
    conf.set("dfs.namenode.rpc-bind-host", "127.0.0.1");
    conf.set("dfs.namenode.http-address", "127.0.0.1:0");
    conf.set("dfs.datanode.address", "127.0.0.1:0");
    conf.set("dfs.datanode.http.address", "127.0.0.1:0");
    conf.set("dfs.datanode.ipc.address", "127.0.0.1:0");
    // One DataNode: a file is complete with one copy of its blocks.
    conf.setInt("dfs.replication", 1);
    hdfs = new MiniDFSCluster.Builder(conf, WORK.resolve("dfs").toFile())
        .numDataNodes(1).nameNodePort(0).nameNodeHttpPort(0).checkDataNodeAddrConfig(true).build();
    hdfs.waitActive();
    fs = hdfs.getFileSystem();
    namenode = "hdfs://127.0.0.1:" + hdfs.getNameNodePort();

    EmbeddedReferenceRun reference = EmbeddedReferenceRun.get();
    SmallArchive data = reference.data;
    fs.copyFromLocalFile(new Path(data.archive.toString()), new Path("/gmsd/archive"));
    fs.copyFromLocalFile(new Path(data.reference.toString()), new Path("/gmsd/reference"));
    fs.copyFromLocalFile(new Path(data.keyFile.toString()), new Path("/gmsd/gmsd.key"));
    local = reference.output;
  }

  @AfterAll
  void stopHdfs() throws IOException {
    if (fs != null) {
      fs.close();
    }
    if (hdfs != null) {
      hdfs.shutdown(true);
    }
  }

  /**
   * The run's arguments with everything on HDFS. The Hadoop configuration as a user passes it,
   * and two client settings for the test's speed only: a client closing a file asks the NameNode
   * until the DataNode has reported the file's block, first after 0.4 s by default, which is
   * most of the time of each of the job's 700 small output files here (measured: 5 files/s with
   * two writers); 20 ms, with more retries so that the wait can still reach 20 s.
   */
  private List<String> hdfsArgs(String output) {
    List<String> args = new ArrayList<>(hdfsArgsWithoutConfiguration(output));
    args.add("--hdfsConfiguration=[{\"fs.defaultFS\":\"" + namenode + "\","
        + "\"" + INITIAL_DELAY + "\":\"20\",\"" + RETRIES + "\":\"10\"}]");
    return args;
  }

  private static final String INITIAL_DELAY = "dfs.client.block.write.locateFollowingBlock.initial.delay.ms";
  private static final String RETRIES = "dfs.client.block.write.locateFollowingBlock.retries";

  private List<String> hdfsArgsWithoutConfiguration(String output) {
    return List.of("run", "--period=" + SmallArchive.PERIOD, "--archive=" + namenode + "/gmsd/archive",
        "--reference=" + namenode + "/gmsd/reference", "--pseudonymKeyFile=" + namenode + "/gmsd/gmsd.key",
        "--output=" + namenode + output);
  }

  /** HADOOP_CONF_DIR for the same configuration, as a cluster's core-site.xml gives it. */
  private Map<String, String> hadoopConfDir() throws IOException {
    java.nio.file.Path dir = Files.createDirectories(WORK.resolve("hadoop-conf"));
    Configuration c = new Configuration(false);
    c.set("fs.defaultFS", namenode);
    c.set(INITIAL_DELAY, "20");
    c.set(RETRIES, "10");
    try (java.io.OutputStream out = Files.newOutputStream(dir.resolve("core-site.xml"))) {
      c.writeXml(out);
    }
    return Map.of("HADOOP_CONF_DIR", dir.toString());
  }

  /** The files and folders under an HDFS folder, relative, sorted. */
  private List<String> hdfsTree(String dir) throws IOException {
    List<String> names = new ArrayList<>();
    Path root = fs.makeQualified(new Path(dir));
    walk(root, root.toUri().getPath(), names);
    names.sort(null);
    return names;
  }

  private void walk(Path dir, String base, List<String> names) throws IOException {
    for (FileStatus s : fs.listStatus(dir)) {
      String rel = s.getPath().toUri().getPath().substring(base.length() + 1);
      names.add(s.isDirectory() ? rel + "/" : rel);
      if (s.isDirectory()) {
        walk(s.getPath(), base, names);
      }
    }
  }

  /** Every file under an HDFS folder with its length and modification time: changes if a file is written again. */
  private List<String> hdfsFiles(String dir) throws IOException {
    List<String> files = new ArrayList<>();
    for (LocatedFileStatus f : filesUnder(new Path(dir))) {
      files.add(f.getPath().toUri().getPath() + " " + f.getLen() + " " + f.getModificationTime());
    }
    files.sort(null);
    return files;
  }

  private List<LocatedFileStatus> filesUnder(Path dir) throws IOException {
    List<LocatedFileStatus> files = new ArrayList<>();
    RemoteIterator<LocatedFileStatus> it = fs.listFiles(dir, true);
    while (it.hasNext()) {
      files.add(it.next());
    }
    return files;
  }

  /**
   * Copies an HDFS folder to the local disk, eight files at a time: each of the ~700 small files
   * costs a NameNode and a DataNode round trip, so one at a time took ~15 s.
   */
  private java.nio.file.Path copyToLocal(String dir, String name) throws Exception {
    java.nio.file.Path local = WORK.resolve(name);
    TaskManagerFailureIT.deleteTree(local);
    Path root = fs.makeQualified(new Path(dir));
    String base = root.toUri().getPath();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<?>> copies = new ArrayList<>();
      for (LocatedFileStatus status : filesUnder(root)) {
        Path file = status.getPath();
        java.nio.file.Path to = local.resolve(file.toUri().getPath().substring(base.length() + 1));
        copies.add(pool.submit(() -> {
          Files.createDirectories(to.getParent());
          fs.copyToLocalFile(false, file, new Path(to.toString()), true); // no .crc files
          return null;
        }));
      }
      for (Future<?> copy : copies) {
        copy.get();
      }
    } finally {
      pool.shutdownNow();
    }
    return local;
  }

  private List<String> staging() throws IOException {
    return Arrays.stream(fs.listStatus(new Path("/gmsd"))).map(s -> s.getPath().getName())
        .filter(n -> n.contains(".partial-") || n.contains(".previous-")).toList();
  }

  private static LocalFlinkCluster.JobRun start(List<String> args, java.nio.file.Path log) {
    return start(args, log, Map.of());
  }

  private static LocalFlinkCluster.JobRun start(List<String> args, java.nio.file.Path log, Map<String, String> env) {
    List<String> command = new ArrayList<>(List.of(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx1g", "-Djava.io.tmpdir=" + WORK.resolve("tmp"), "-cp", LocalFlinkCluster.gmsdJar().toString(),
        TaskManagerFailureIT.MAIN));
    command.addAll(args);
    command.addAll(List.of("--runner=FlinkRunner", "--flinkMaster=[local]", "--parallelism=2"));
    try {
      Files.createDirectories(WORK.resolve("tmp"));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return LocalFlinkCluster.JobRun.start(command, env, log);
  }

  @Test
  void theJobReadsAndWritesHdfsAsItDoesALocalFolder() throws Exception {
    // On the embedded engine, Hadoop's configuration given with --hdfsConfiguration.
    start(hdfsArgs("/gmsd/out"), WORK.resolve("hdfs-embedded.log")).awaitSuccess(LocalFlinkCluster.JOB_TIMEOUT);
    assertEquals(List.of(), OutputComparison.differences(local, copyToLocal("/gmsd/out", "out-hdfs-embedded")));
    assertEquals(List.of(), staging(), "a staging or previous folder was left on HDFS");
    List<String> first = hdfsTree("/gmsd/out");
    assertFalse(first.stream().anyMatch(n -> n.startsWith(".run") || n.contains(".tmp-")), first.toString());
    String runJson = Files.readString(WORK.resolve("out-hdfs-embedded/run.json"), StandardCharsets.UTF_8);
    assertTrue(runJson.contains("\"output\": \"" + namenode + "/gmsd/out\""), runJson);

    // On the local Flink cluster (JobManager and TaskManager in JVMs of their own, without
    // HADOOP_CONF_DIR: the TaskManagers get the configuration with the job's options), into the
    // same folder: the run replaces the earlier output it recognises.
    try (LocalFlinkCluster cluster = LocalFlinkCluster.start(WORK.resolve("cluster"))) {
      cluster.runOnCluster(List.of(LocalFlinkCluster.gmsdJar()), TaskManagerFailureIT.MAIN, hdfsArgs("/gmsd/out"));
      assertEquals(1, cluster.jobIds("FINISHED").size());
    }
    assertEquals(List.of(), OutputComparison.differences(local, copyToLocal("/gmsd/out", "out-hdfs-cluster")));
    assertEquals(first, hdfsTree("/gmsd/out"));
    assertEquals(List.of(), staging());

    // Killed mid-run (kill -9 once its staging folder is on HDFS), Hadoop's configuration from
    // HADOOP_CONF_DIR: the earlier output stays as it was (every file, its length and its time).
    List<String> beforeKill = hdfsFiles("/gmsd/out");
    LocalFlinkCluster.JobRun killed = start(hdfsArgsWithoutConfiguration("/gmsd/out"),
        WORK.resolve("hdfs-killed.log"), hadoopConfDir());
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
    while (staging().isEmpty() && killed.isAlive() && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
    assertFalse(staging().isEmpty(), "the run never started writing: " + Files.readString(WORK.resolve("hdfs-killed.log")));
    Thread.sleep(2000);
    assertTrue(killed.isAlive(), "the run finished before it could be killed");
    killed.kill();
    assertEquals(first, hdfsTree("/gmsd/out"));
    assertEquals(beforeKill, hdfsFiles("/gmsd/out"));
    List<String> killedStaging = staging();
    for (String partial : killedStaging) {
      assertFalse(fs.exists(new Path("/gmsd/" + partial + "/run.json")), "a killed run left a folder that looks complete");
    }
    // What a killed run of another host left: judged by its owner file's age (OutputStaging's
    // ABANDONED_ON_SHARED_STORE, 48 hours), since that host's lock cannot be asked from here.
    stagingOfAnotherHost("/gmsd/.out.partial-abandoned", Duration.ofHours(49));

    // A file of the user's in the output: refused, and kept; what the killed runs left (this host's
    // by its released lock, the other host's by age) is removed first.
    try (FSDataOutputStream out = fs.create(new Path("/gmsd/out/tabellen/mijn-bewerking.csv"))) {
      out.write("mine\n".getBytes(StandardCharsets.UTF_8));
    }
    LocalFlinkCluster.JobRun refused = start(hdfsArgsWithoutConfiguration("/gmsd/out"),
        WORK.resolve("hdfs-refused.log"), hadoopConfDir());
    assertEquals(2, refused.awaitExit(Duration.ofMinutes(2)));
    String log = Files.readString(WORK.resolve("hdfs-refused.log"));
    assertTrue(log.contains("is not empty and is not an earlier output of gmsd run"), log);
    assertTrue(log.contains("Removed " + (killedStaging.size() + 1) + " folder(s) that an earlier, killed run left"), log);
    assertTrue(fs.exists(new Path("/gmsd/out/tabellen/mijn-bewerking.csv")));
    assertEquals(List.of(), staging());

    // A recent one of another host may be a live run: kept, and this run refused.
    stagingOfAnotherHost("/gmsd/.out.partial-recent", Duration.ofHours(47));
    LocalFlinkCluster.JobRun second = start(hdfsArgsWithoutConfiguration("/gmsd/out"),
        WORK.resolve("hdfs-second.log"), hadoopConfDir());
    assertEquals(2, second.awaitExit(Duration.ofMinutes(2)));
    log = Files.readString(WORK.resolve("hdfs-second.log"));
    assertTrue(log.contains("another gmsd run is writing --output=" + namenode + "/gmsd/out right now"), log);
    assertEquals(List.of(".out.partial-recent"), staging());
    fs.delete(new Path("/gmsd/.out.partial-recent"), true);
  }

  /** A staged output as a run on another host writes it, its owner file {@code age} old. */
  private void stagingOfAnotherHost(String folder, Duration age) throws IOException {
    Path owner = new Path(folder + "/.run/owner");
    try (FSDataOutputStream out = fs.create(owner)) {
      out.write("/tmp/gmsd-run-1-elsewhere\nanother-host.example\n".getBytes(StandardCharsets.UTF_8));
    }
    try (FSDataOutputStream out = fs.create(new Path(folder + "/tabellen/wmo.csv"))) {
      out.write("half\n".getBytes(StandardCharsets.UTF_8));
    }
    fs.setTimes(owner, System.currentTimeMillis() - age.toMillis(), -1);
  }

  @Test
  void anUnconfiguredHdfsIsRefusedWithTheFix() throws Exception {
    LocalFlinkCluster.JobRun run = start(hdfsArgsWithoutConfiguration("/gmsd/out-unconfigured"),
        WORK.resolve("unconfigured.log"));
    assertEquals(2, run.awaitExit(Duration.ofMinutes(2)));
    String log = Files.readString(WORK.resolve("unconfigured.log"));
    assertTrue(log.contains("--archive=" + namenode + "/gmsd/archive: no file system for 'hdfs:' is registered")
        && log.contains("HADOOP_CONF_DIR") && log.contains("--hdfsConfiguration"), log);
    assertFalse(fs.exists(new Path("/gmsd/out-unconfigured")));
  }
}
