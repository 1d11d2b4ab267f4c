package nl.gmsd.write;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutputFilesTest {

  private static List<String> files(Path dir) throws IOException {
    try (Stream<Path> walk = Files.walk(dir)) {
      return walk.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString()).sorted().toList();
    }
  }

  @Test
  void writesCompleteFilesAndLeavesNoTemporary(@TempDir Path dir) throws IOException {
    OutputFiles.writeString(dir.resolve("a/report.json"), "{}");
    assertEquals("{}", Files.readString(dir.resolve("a/report.json")));
    assertEquals(List.of("a/report.json"), files(dir));
  }

  /** What a TaskManager killed mid-write leaves: a temporary file beside the finished ones. */
  @Test
  void removesTheTemporariesOfKilledAttemptsAndNothingElse(@TempDir Path dir) throws IOException {
    OutputFiles.writeString(dir.resolve("technische-toets/WMO_H12025_0363v1.csv.json"), "{}");
    Files.writeString(dir.resolve("technische-toets/.WMO_H12025_0363v1.csv.json.tmp-0b7e9c1e-5c3f-4a53-9d55-0d6b1c2a9f00"), "{\"par");
    Files.writeString(dir.resolve("tabellen.tmp-notours.csv"), "x"); // not hidden: not a temporary of write()
    Files.writeString(dir.resolve(".hidden"), "x");

    assertEquals(1, OutputFiles.removeAbandonedTemporaries(dir));

    assertEquals(List.of(".hidden", "tabellen.tmp-notours.csv", "technische-toets/WMO_H12025_0363v1.csv.json"), files(dir));
    assertTrue(OutputFiles.isTemporary(Path.of(".x.csv.tmp-1")));
    assertFalse(OutputFiles.isTemporary(Path.of("x.csv.tmp-1")));
    assertEquals(0, OutputFiles.removeAbandonedTemporaries(dir));
  }
}
