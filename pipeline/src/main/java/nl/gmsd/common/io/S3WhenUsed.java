package nl.gmsd.common.io;

import java.util.List;
import java.util.stream.Stream;
import nl.gmsd.InputOptions;
import org.apache.beam.sdk.io.FileSystem;
import org.apache.beam.sdk.io.FileSystemRegistrar;
import org.apache.beam.sdk.options.PipelineOptions;

/**
 * Registers Beam's S3 file system (its AWS module, in gmsd.jar) only for a run whose locations use
 * {@code s3://}; gmsd.jar leaves out the AWS module's own registrar. That one makes the S3 client's
 * settings whenever Beam's file systems are set up, on the client and on every worker, and without
 * {@code --awsRegion} the AWS SDK then asks the EC2 instance metadata service for the region: off
 * EC2, some seconds of timeouts in every run, on local paths too. Where the AWS module is not on
 * the class path (the pipeline's own tests), nothing is registered.
 */
public final class S3WhenUsed implements FileSystemRegistrar {
  static final String BEAM_S3_REGISTRAR = "org.apache.beam.sdk.io.aws2.s3.S3FileSystemRegistrar";

  @Override
  public Iterable<FileSystem<?>> fromOptions(PipelineOptions options) {
    if (options == null || !usesS3(options.as(InputOptions.class))) {
      return List.of();
    }
    FileSystemRegistrar beams;
    try {
      beams = (FileSystemRegistrar) Class.forName(BEAM_S3_REGISTRAR).getDeclaredConstructor().newInstance();
    } catch (ReflectiveOperationException | LinkageError e) {
      return List.of(); // not in this build: an s3:// location is refused with the fix (Location)
    }
    return beams.fromOptions(options);
  }

  /** Whether any location option names an {@code s3:} location (the scheme Beam's AWS module serves). */
  static boolean usesS3(InputOptions o) {
    return Stream.of(o.getArchive(), o.getReference(), o.getPseudonymKeyFile(), o.getOutput())
        .anyMatch(v -> v != null && Location.scheme(v).map("s3"::equals).orElse(false));
  }
}
