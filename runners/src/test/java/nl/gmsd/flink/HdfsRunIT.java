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
import java.util.concurrent.TimeUnit;
import nl.gmsd.testing.OutputComparison;
import nl.gmsd.testing.SmallArchive;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * The whole job with its archive, reference data, key and output on HDFS (issue 17): an
 * in-process HDFS (MiniDFSCluster, one DataNode, loopback, ports chosen by the system, stopped
 * by the test) and {@code gmsd.jar run} in its own JVM, so the shaded jar's file-system
 * registrars are what serves {@code hdfs://}. The output equals a local run's (SPEC 10's
 * comparison); a rerun replaces it; a folder with a file of the user's is refused; a run killed
 * mid-way leaves the earlier output as it was.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class HdfsRunIT {
  private static final java.nio.file.Path WORK = java.nio.file.Path.of("target/it/hdfs").toAbsolutePath();

  private MiniDFSCluster hdfs;
  private FileSystem fs;
  private String namenode;
  private SmallArchive data;

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

    data = SmallArchive.write(WORK.resolve("input"));
    fs.copyFromLocalFile(new Path(data.archive.toString()), new Path("/gmsd/archive"));
    fs.copyFromLocalFile(new Path(data.reference.toString()), new Path("/gmsd/reference"));
    fs.copyFromLocalFile(new Path(data.keyFile.toString()), new Path("/gmsd/gmsd.key"));
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
    return List.of("run", "--period=" + SmallArchive.PERIOD, "--archive=" + namenode + "/gmsd/archive",
        "--reference=" + namenode + "/gmsd/reference", "--pseudonymKeyFile=" + namenode + "/gmsd/gmsd.key",
        "--output=" + namenode + output, "--hdfsConfiguration=[{\"fs.defaultFS\":\"" + namenode + "\","
            + "\"dfs.client.block.write.locateFollowingBlock.initial.delay.ms\":\"20\","
            + "\"dfs.client.block.write.locateFollowingBlock.retries\":\"10\"}]");
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

  private java.nio.file.Path copyToLocal(String dir, String name) throws IOException {
    java.nio.file.Path local = WORK.resolve(name);
    TaskManagerFailureIT.deleteTree(local);
    fs.copyToLocalFile(false, new Path(dir), new Path(local.toString()), true); // no .crc files
    return local;
  }

  private List<String> staging() throws IOException {
    return Arrays.stream(fs.listStatus(new Path("/gmsd"))).map(s -> s.getPath().getName())
        .filter(n -> n.contains(".partial-") || n.contains(".previous-")).toList();
  }

  private static LocalFlinkCluster.JobRun start(List<String> args, java.nio.file.Path log) {
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
    return LocalFlinkCluster.JobRun.start(command, Map.of(), log);
  }

  @Test
  void theJobReadsAndWritesHdfsAsItDoesALocalFolder() throws Exception {
    java.nio.file.Path local = WORK.resolve("out-local");
    LocalFlinkCluster.runEmbedded(LocalFlinkCluster.gmsdJar(), TaskManagerFailureIT.MAIN,
        TaskManagerFailureIT.runArgs(SmallArchive.PERIOD, data.archive, data.reference, data.keyFile, local),
        WORK.resolve("local.log"));

    start(hdfsArgs("/gmsd/out"), WORK.resolve("hdfs-1.log")).awaitSuccess(LocalFlinkCluster.JOB_TIMEOUT);
    assertEquals(List.of(), OutputComparison.differences(local, copyToLocal("/gmsd/out", "out-hdfs-1")));
    assertEquals(List.of(), staging(), "a staging or previous folder was left on HDFS");
    List<String> first = hdfsTree("/gmsd/out");
    assertFalse(first.stream().anyMatch(n -> n.startsWith(".run") || n.contains(".tmp-")), first.toString());
    String runJson = Files.readString(WORK.resolve("out-hdfs-1/run.json"), StandardCharsets.UTF_8);
    assertTrue(runJson.contains("\"output\": \"" + namenode + "/gmsd/out\""), runJson);

    // A rerun replaces the earlier output it recognises.
    start(hdfsArgs("/gmsd/out"), WORK.resolve("hdfs-2.log")).awaitSuccess(LocalFlinkCluster.JOB_TIMEOUT);
    assertEquals(List.of(), OutputComparison.differences(local, copyToLocal("/gmsd/out", "out-hdfs-2")));
    assertEquals(first, hdfsTree("/gmsd/out"));

    // Killed mid-run (kill -9 once its staging folder is on HDFS): the earlier output stays as it was.
    LocalFlinkCluster.JobRun killed = start(hdfsArgs("/gmsd/out"), WORK.resolve("hdfs-killed.log"));
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
    while (staging().isEmpty() && killed.isAlive() && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
    assertFalse(staging().isEmpty(), "the run never started writing: " + Files.readString(WORK.resolve("hdfs-killed.log")));
    Thread.sleep(2000);
    assertTrue(killed.isAlive(), "the run finished before it could be killed");
    killed.kill();
    assertEquals(first, hdfsTree("/gmsd/out"));
    assertEquals(List.of(), OutputComparison.differences(local, copyToLocal("/gmsd/out", "out-hdfs-after-kill")));
    for (String partial : staging()) {
      assertFalse(fs.exists(new Path("/gmsd/" + partial + "/run.json")), "a killed run left a folder that looks complete");
      fs.delete(new Path("/gmsd/" + partial), true);
    }

    // A file of the user's in the output: refused, and kept.
    try (FSDataOutputStream out = fs.create(new Path("/gmsd/out/tabellen/mijn-bewerking.csv"))) {
      out.write("mine\n".getBytes(StandardCharsets.UTF_8));
    }
    LocalFlinkCluster.JobRun refused = start(hdfsArgs("/gmsd/out"), WORK.resolve("hdfs-refused.log"));
    assertEquals(2, refused.awaitExit(Duration.ofMinutes(2)));
    String log = Files.readString(WORK.resolve("hdfs-refused.log"));
    assertTrue(log.contains("is not empty and is not an earlier output of gmsd run"), log);
    assertTrue(fs.exists(new Path("/gmsd/out/tabellen/mijn-bewerking.csv")));
    assertEquals(List.of(), staging());
  }

  @Test
  void anUnconfiguredHdfsIsRefusedWithTheFix() throws Exception {
    List<String> args = new ArrayList<>(hdfsArgs("/gmsd/out-unconfigured"));
    args.removeIf(a -> a.startsWith("--hdfsConfiguration="));
    LocalFlinkCluster.JobRun run = start(args, WORK.resolve("unconfigured.log"));
    assertEquals(2, run.awaitExit(Duration.ofMinutes(2)));
    String log = Files.readString(WORK.resolve("unconfigured.log"));
    assertTrue(log.contains("--archive=" + namenode + "/gmsd/archive: no file system for 'hdfs:' is registered")
        && log.contains("HADOOP_CONF_DIR") && log.contains("--hdfsConfiguration"), log);
    assertFalse(fs.exists(new Path("/gmsd/out-unconfigured")));
  }
}
