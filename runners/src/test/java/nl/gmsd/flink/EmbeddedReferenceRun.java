package nl.gmsd.flink;

import java.io.IOException;
import java.nio.file.Path;
import nl.gmsd.testing.SmallArchive;

/**
 * The small archive and the output of one run of it on the embedded engine from the local disk:
 * what a run on a cluster, on HDFS or on S3 must equal (SPEC 10's comparison). Failsafe runs the
 * integration tests in one JVM, so the run is made once for all of them ({@link FlinkClusterIT},
 * {@link HdfsRunIT}, {@link S3RunIT}); they only read its files.
 */
final class EmbeddedReferenceRun {
  private static final Path WORK = Path.of("target/it/reference").toAbsolutePath();
  private static EmbeddedReferenceRun made;

  final SmallArchive data;
  final Path output;

  private EmbeddedReferenceRun(SmallArchive data, Path output) {
    this.data = data;
    this.output = output;
  }

  static synchronized EmbeddedReferenceRun get() throws IOException {
    if (made == null) {
      TaskManagerFailureIT.deleteTree(WORK);
      SmallArchive data = SmallArchive.write(WORK.resolve("input"));
      Path output = WORK.resolve("out");
      LocalFlinkCluster.runEmbedded(LocalFlinkCluster.gmsdJar(), TaskManagerFailureIT.MAIN,
          TaskManagerFailureIT.runArgs(SmallArchive.PERIOD, data.archive, data.reference, data.keyFile, output),
          WORK.resolve("embedded.log"));
      made = new EmbeddedReferenceRun(data, output);
    }
    return made;
  }
}
