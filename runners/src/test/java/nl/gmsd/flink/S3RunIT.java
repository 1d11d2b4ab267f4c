package nl.gmsd.flink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import nl.gmsd.testing.OutputComparison;
import nl.gmsd.testing.SmallArchive;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStore;
import org.jclouds.blobstore.BlobStoreContext;
import org.jclouds.blobstore.domain.StorageMetadata;
import org.jclouds.blobstore.options.ListContainerOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * The whole job with its output on an S3-compatible store (issue 17): an in-process S3 server
 * (S3Proxy over jclouds' in-memory blob store, loopback, a port chosen by the system, stopped by
 * the test) and {@code gmsd.jar run} in a JVM of its own on the embedded engine, so the shaded
 * jar's S3 file system registrar is what serves {@code s3://}. The archive and the key are read
 * from S3, the reference folder from the local disk; the output, published by copying with
 * {@code run.json} last (an object store renames no folder), equals a local run's (SPEC 10's
 * comparison), and a second run replaces it. A publish stopped half-way is tested on an object
 * store of the tests' own ({@code PublishByCopyTest}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class S3RunIT {
  private static final Path WORK = Path.of("target/it/s3").toAbsolutePath();
  private static final String BUCKET = "gmsd";
  private static final String ACCESS_KEY = "test-access-key";
  private static final String SECRET_KEY = "test-secret-key";

  private BlobStoreContext store;
  private BlobStore blobs;
  private S3Proxy s3;
  private SmallArchive data;
  private Path local;

  @BeforeAll
  void startS3() throws Exception {
    TaskManagerFailureIT.deleteTree(WORK);
    Files.createDirectories(WORK);
    store = ContextBuilder.newBuilder("transient").credentials(ACCESS_KEY, SECRET_KEY).build(BlobStoreContext.class);
    blobs = store.getBlobStore();
    blobs.createContainerInLocation(null, BUCKET);
    s3 = S3Proxy.builder().blobStore(blobs).endpoint(URI.create("http://127.0.0.1:0"))
        .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
        // Beam's S3 client sends headers S3Proxy has no use for (bucket-key encryption: false).
        .ignoreUnknownHeaders(true).build();
    s3.start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!"STARTED".equals(s3.getState()) && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertEquals("STARTED", s3.getState());

    EmbeddedReferenceRun reference = EmbeddedReferenceRun.get();
    data = reference.data;
    upload(data.archive, "archive");
    upload(data.keyFile, "gmsd.key");
    local = reference.output;
  }

  @AfterAll
  void stopS3() throws Exception {
    if (s3 != null) {
      s3.stop();
    }
    if (store != null) {
      store.close();
    }
  }

  /** Puts a local file, or a folder's files, on S3 under {@code key}. */
  private void upload(Path from, String key) throws IOException {
    if (Files.isRegularFile(from)) {
      blobs.putBlob(BUCKET, blobs.blobBuilder(key).payload(Files.readAllBytes(from)).build());
      return;
    }
    try (Stream<Path> walk = Files.walk(from)) {
      for (Path f : walk.filter(Files::isRegularFile).toList()) {
        upload(f, key + "/" + from.relativize(f).toString().replace('\\', '/'));
      }
    }
  }

  /** The keys under {@code prefix} (ending in '/'), relative, sorted. */
  private List<String> keys(String prefix) {
    List<String> names = new ArrayList<>();
    for (StorageMetadata m : blobs.list(BUCKET, ListContainerOptions.Builder.prefix(prefix).recursive())) {
      names.add(m.getName().substring(prefix.length()));
    }
    names.sort(null);
    return names;
  }

  private Path download(String prefix, String name) throws IOException {
    Path to = WORK.resolve(name);
    TaskManagerFailureIT.deleteTree(to);
    for (String key : keys(prefix)) {
      Path file = to.resolve(key);
      Files.createDirectories(file.getParent());
      try (InputStream in = blobs.getBlob(BUCKET, prefix + key).getPayload().openStream()) {
        Files.copy(in, file);
      }
    }
    return to;
  }

  private List<String> staging() {
    return keys("").stream().map(k -> k.contains("/") ? k.substring(0, k.indexOf('/')) : k)
        .filter(n -> n.contains(".partial-") || n.contains(".previous-")).distinct().toList();
  }

  private LocalFlinkCluster.JobRun start(String output, Path log) throws IOException {
    List<String> command = new ArrayList<>(List.of(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx1g", "-Djava.io.tmpdir=" + WORK.resolve("tmp"), "-cp", LocalFlinkCluster.gmsdJar().toString(),
        TaskManagerFailureIT.MAIN, "run", "--period=" + SmallArchive.PERIOD, "--archive=s3://" + BUCKET + "/archive",
        "--reference=" + data.reference, "--pseudonymKeyFile=s3://" + BUCKET + "/gmsd.key", "--output=" + output,
        // Beam's AWS options: the store's address (an IP address: requests name the bucket in the path).
        "--awsRegion=us-east-1", "--endpoint=http://127.0.0.1:" + s3.getPort(),
        "--runner=FlinkRunner", "--flinkMaster=[local]", "--parallelism=2"));
    Files.createDirectories(WORK.resolve("tmp"));
    // The credentials as the AWS SDK's default chain reads them, never on the command line.
    return LocalFlinkCluster.JobRun.start(command,
        Map.of("AWS_ACCESS_KEY_ID", ACCESS_KEY, "AWS_SECRET_ACCESS_KEY", SECRET_KEY), log);
  }

  @Test
  void theJobWritesItsOutputToS3AsItDoesToALocalFolder() throws Exception {
    String output = "s3://" + BUCKET + "/out";
    start(output, WORK.resolve("s3-first.log")).awaitSuccess(LocalFlinkCluster.JOB_TIMEOUT);
    assertEquals(List.of(), OutputComparison.differences(local, download("out/", "out-s3-first")));
    assertEquals(List.of(), staging(), "a staging folder was left on S3");
    List<String> first = keys("out/");
    assertTrue(first.contains("run.json"), first.toString());
    assertFalse(first.stream().anyMatch(n -> n.startsWith(".run") || n.contains(".tmp-")), first.toString());
    String runJson = Files.readString(WORK.resolve("out-s3-first/run.json"), StandardCharsets.UTF_8);
    assertTrue(runJson.contains("\"output\": \"" + output + "\""), runJson);
    assertFalse(runJson.contains(SECRET_KEY), "the store's secret reached run.json");

    // Into the same output: the run replaces the earlier output it recognises, by copying.
    start(output, WORK.resolve("s3-second.log")).awaitSuccess(LocalFlinkCluster.JOB_TIMEOUT);
    assertEquals(List.of(), OutputComparison.differences(local, download("out/", "out-s3-second")));
    assertEquals(first, keys("out/"));
    assertEquals(List.of(), staging());
  }
}
