package nl.gmsd.write;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import nl.gmsd.common.io.InMemoryObjectStore;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
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

  /**
   * On an object store a file is written in place, and appears only whole: a writer that closes
   * its stream itself (Avro's does) completes nothing early, and one that fails half-way, closing
   * its stream as it goes, leaves no object.
   */
  @Test
  void onAnObjectStoreWritesInPlaceAndAFailedWriteLeavesNoObject() throws IOException {
    FileSystems.setDefaultPipelineOptions(PipelineOptionsFactory.create());
    InMemoryObjectStore.clear();
    InMemoryObjectStore.failCopyAfter(0); // in place: a rename (a copy on a store) would fail here
    String dir = InMemoryObjectStore.SCHEME + "://bucket/out/.out.partial-1";
    OutputFiles.writeString(OutputFiles.in(dir, "op-orde/0363.html"), "<p>ok</p>");
    OutputFiles.write(OutputFiles.in(dir, "microdata/H12025.avro"), out -> {
      out.write("whole".getBytes(StandardCharsets.US_ASCII));
      out.close(); // as Avro's writer does when it is done
    });
    IOException failure = assertThrows(IOException.class, () -> OutputFiles.write(OutputFiles.in(dir, "tabellen/t.csv"), out -> {
      try (out) {
        out.write("half a ta".getBytes(StandardCharsets.US_ASCII));
        throw new IOException("the disk of the task failed (a test's failure)");
      }
    }));
    assertTrue(failure.getMessage().contains("a test's failure"), failure.getMessage());

    Map<String, byte[]> objects = InMemoryObjectStore.objects();
    assertEquals(List.of(dir + "/microdata/H12025.avro", dir + "/op-orde/0363.html"), List.copyOf(objects.keySet()));
    assertEquals("whole", new String(objects.get(dir + "/microdata/H12025.avro"), StandardCharsets.US_ASCII));
    assertEquals("<p>ok</p>", new String(objects.get(dir + "/op-orde/0363.html"), StandardCharsets.UTF_8));
    InMemoryObjectStore.clear();
  }
}
