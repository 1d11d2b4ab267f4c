package nl.gmsd.common.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Storage's names for both kinds of location, and its local operations (the ones on a file system
 * with a scheme run in HdfsRunIT against a real HDFS).
 */
class StorageTest {

  @Test
  void namesOfALocationWithAScheme() {
    String out = "hdfs://nn:8020/gmsd/out/";
    assertFalse(Storage.isLocal(out));
    assertTrue(Storage.isLocal("/tmp/x") && Storage.isLocal("file:///tmp/x") && Storage.isLocal("rel/x"));
    assertEquals("hdfs://nn:8020/gmsd/out/tabellen/wmo.csv", Storage.resolve(out, "tabellen/wmo.csv"));
    assertEquals("hdfs://nn:8020/gmsd/out/x", Storage.resolve("hdfs://nn:8020/gmsd/out", "x"));
    assertEquals("hdfs://nn:8020/gmsd", Storage.parent(out));
    assertEquals("out", Storage.name(out));
    assertEquals("hdfs://nn:8020/gmsd/out", Storage.normalize("hdfs://nn:8020/gmsd/./x/../out/"));
  }

  @Test
  void withinComparesWholeNamesNotPrefixes() {
    assertTrue(Storage.within("hdfs://nn/gmsd/archive/out", "hdfs://nn/gmsd/archive"));
    assertTrue(Storage.within("hdfs://nn/gmsd/archive/", "hdfs://nn/gmsd/archive"));
    assertFalse(Storage.within("hdfs://nn/gmsd/archive2", "hdfs://nn/gmsd/archive"));
    assertFalse(Storage.within("hdfs://nn/gmsd", "hdfs://nn/gmsd/archive"));
  }

  @Test
  void aPatternIsNeverTakenForANameOnAFileSystemWithAScheme() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Storage.readAllBytes("hdfs://nn/gmsd/archive/*.csv"));
    assertTrue(e.getMessage().contains("cannot be used on a file system with a scheme"), e.getMessage());
  }

  @Test
  void localFilesAndFolders(@TempDir Path dir) throws IOException {
    String root = dir.toString();
    String file = Storage.resolve(root, "a/b/c.txt");
    try (OutputStream out = Storage.create(file)) {
      out.write("hello".getBytes(StandardCharsets.UTF_8));
    }
    assertEquals("hello", new String(Storage.readAllBytes(file), StandardCharsets.UTF_8));
    assertEquals(Storage.Kind.FILE, Storage.kind(file));
    assertEquals(Storage.Kind.FOLDER, Storage.kind(Storage.resolve(root, "a")));
    assertEquals(Storage.Kind.MISSING, Storage.kind(Storage.resolve(root, "nope")));
    Files.createDirectories(dir.resolve("empty"));
    assertEquals(Map.of("a", true, "a/b", true, "a/b/c.txt", false, "empty", true), Storage.list(root));

    Storage.rename(Storage.resolve(root, "a"), Storage.resolve(root, "moved"));
    assertEquals(Storage.Kind.FILE, Storage.kind(Storage.resolve(root, "moved/b/c.txt")));
    Storage.deleteRecursively(Storage.resolve(root, "moved"));
    assertEquals(Storage.Kind.MISSING, Storage.kind(Storage.resolve(root, "moved")));
    Storage.deleteRecursively(Storage.resolve(root, "moved")); // missing: nothing to do
    assertEquals(Map.of("empty", true), Storage.list(root));
  }
}
