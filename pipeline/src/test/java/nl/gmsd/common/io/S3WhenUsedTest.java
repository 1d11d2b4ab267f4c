package nl.gmsd.common.io;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import nl.gmsd.InputOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.jupiter.api.Test;

/** Beam's S3 file system is set up only for a run that names an s3:// location (S3WhenUsed). */
class S3WhenUsedTest {

  private static InputOptions options(String... args) {
    return PipelineOptionsFactory.fromArgs(args).as(InputOptions.class);
  }

  @Test
  void onlyARunWithAnS3LocationUsesS3() {
    assertFalse(S3WhenUsed.usesS3(options("--archive=/data/archive", "--output=out")));
    assertFalse(S3WhenUsed.usesS3(options("--archive=hdfs://nn:8020/gmsd/archive", "--output=file:///tmp/out")));
    assertFalse(S3WhenUsed.usesS3(options()));
    assertTrue(S3WhenUsed.usesS3(options("--archive=/data/archive", "--output=s3://bucket/gmsd/out")));
    assertTrue(S3WhenUsed.usesS3(options("--pseudonymKeyFile=S3://bucket/gmsd.key")));
    assertTrue(S3WhenUsed.usesS3(options("--reference=s3://bucket/reference")));
  }

  @Test
  void withoutS3NothingIsRegistered() {
    assertFalse(new S3WhenUsed().fromOptions(options("--output=/tmp/out")).iterator().hasNext());
  }
}
