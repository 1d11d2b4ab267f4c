package nl.gmsd.common.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LocationTest {

  @Test
  void aSchemeIsRecognisedAndAPathIsNot() {
    assertEquals(Optional.of("hdfs"), Location.scheme("hdfs://nn:8020/gmsd/out"));
    assertEquals(Optional.of("hdfs"), Location.scheme("HDFS:/gmsd/out"));
    assertEquals(Optional.of("s3"), Location.scheme("s3://bucket/x"));
    assertEquals(Optional.of("file"), Location.scheme("file:///tmp/x"));
    assertEquals(Optional.empty(), Location.scheme("/tmp/hdfs://x"));
    assertEquals(Optional.empty(), Location.scheme("out/hdfs:/x"));
    assertEquals(Optional.empty(), Location.scheme("C:/data")); // one letter: a drive, not a scheme
    assertEquals(Optional.empty(), Location.scheme("relative/folder"));
  }

  @Test
  void aLocalCommandRefusesEveryOtherScheme() {
    Location.requireLocal("gmsd generate", "--output", "some/folder");
    Location.requireLocal("gmsd generate", "--output", "file:///tmp/x");
    Location.UnservedException e = assertThrows(Location.UnservedException.class,
        () -> Location.requireLocal("gmsd generate", "--output", "hdfs://nn:8020/x"));
    assertTrue(e.getMessage().startsWith("--output=hdfs://nn:8020/x: gmsd generate reads and writes local paths only"),
        e.getMessage());
    assertEquals(Path.of("/tmp/x"), Location.localPath("file:///tmp/x"));
  }
}
