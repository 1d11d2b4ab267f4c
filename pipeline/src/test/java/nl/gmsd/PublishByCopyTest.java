package nl.gmsd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import nl.gmsd.common.io.InMemoryObjectStore;
import nl.gmsd.common.io.Storage;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Publishing on a store without an atomic rename of a folder (an object store; here {@link
 * InMemoryObjectStore}, which behaves as Beam's S3 file system does): the earlier output's
 * {@code run.json} goes first, only its own files are removed, the new files are copied, {@code
 * run.json} comes last. A publish that stops after any copy leaves no {@code run.json}, and the
 * next run on the same output finishes it: the output is then the new one, complete.
 */
class PublishByCopyTest {
  private static final String OUT = InMemoryObjectStore.SCHEME + "://bucket/gmsd/out";

  @TempDir Path temp;

  private final PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);

  @BeforeAll
  static void registerTheStore() {
    FileSystems.setDefaultPipelineOptions(PipelineOptionsFactory.create());
  }

  @BeforeEach
  void emptyStore() {
    InMemoryObjectStore.clear();
  }

  @Test
  void objectStoresPublishByCopyingAndFoldersOnDiskOrHdfsByRenaming() {
    assertFalse(Storage.renamesFoldersAtomically(OUT));
    assertFalse(Storage.renamesFoldersAtomically("s3://bucket/gmsd/out"));
    assertFalse(Storage.renamesFoldersAtomically("gs://bucket/gmsd/out"));
    assertTrue(Storage.renamesFoldersAtomically("hdfs://namenode:8020/gmsd/out"));
    assertTrue(Storage.renamesFoldersAtomically("/data/gmsd/out"));
    assertTrue(Storage.renamesFoldersAtomically("file:///data/gmsd/out"));
  }

  /** Stages {@code files} as a run does, run.json (with its listing digest) written last, and publishes. */
  private void run(Map<String, String> files) throws IOException {
    try (RunTemporaryFolder t = RunTemporaryFolder.open(temp)) {
      OutputStaging staging = stage(files, t);
      try {
        staging.publish();
      } catch (IOException | RuntimeException e) {
        staging.deleteQuietly(); // as RunCommand does
        throw e;
      }
    }
  }

  private OutputStaging stage(Map<String, String> files, RunTemporaryFolder t) throws IOException {
    assertEquals(List.of(), OutputStaging.removeLeftovers(OUT, quiet));
    OutputStaging staging = OutputStaging.create(OUT, t);
    for (Map.Entry<String, String> f : files.entrySet()) {
      write(Storage.resolve(staging.path(), f.getKey()), f.getValue());
    }
    List<String> listing = new ArrayList<>(OutputFolder.listing(staging.path(), OutputStaging.RUN_FOLDER));
    listing.add(RunCommand.RUN_JSON);
    write(Storage.resolve(staging.path(), RunCommand.RUN_JSON),
        "{\"output_files_sha256\": \"" + OutputFolder.digest(listing) + "\"}\n");
    return staging;
  }

  private static void write(String location, String text) throws IOException {
    try (OutputStream out = Storage.create(location)) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    }
  }

  /** What the store holds under gmsd/, relative, with each file's text (run.json's left out). */
  private static Map<String, String> stored() {
    Map<String, String> m = new TreeMap<>();
    String base = InMemoryObjectStore.SCHEME + "://bucket/gmsd/";
    InMemoryObjectStore.objects().forEach((k, v) -> m.put(k.substring(base.length()),
        k.endsWith("/" + RunCommand.RUN_JSON) ? "(run.json)" : new String(v, StandardCharsets.UTF_8)));
    return m;
  }

  private static final Map<String, String> EARLIER = Map.of("tabellen/wmo.csv", "earlier table\n",
      "op-orde/0014/index.html", "earlier page\n", "technische-toets/verdicts.csv", "earlier verdicts\n");
  private static final Map<String, String> NEW = Map.of("tabellen/wmo.csv", "new table\n",
      "tabellen/codes.csv", "new codes\n", "op-orde/0034/index.html", "new page\n");

  private static Map<String, String> published(Map<String, String> files) {
    Map<String, String> m = new TreeMap<>();
    files.forEach((k, v) -> m.put("out/" + k, v));
    m.put("out/run.json", "(run.json)");
    return m;
  }

  @Test
  void aRunReplacesItsEarlierOutputByCopyingWithRunJsonLast() throws IOException {
    run(EARLIER);
    assertEquals(published(EARLIER), stored());
    assertTrue(OutputFolder.isEarlierRunOutput(OUT));
    run(NEW);
    assertEquals(published(NEW), stored()); // nothing of the earlier output, no staged output left
    assertTrue(OutputFolder.isEarlierRunOutput(OUT));
  }

  @Test
  void aPublishStoppedAfterAnyCopyLeavesNoRunJsonAndTheNextRunFinishesIt() throws IOException {
    // NEW has three files, then run.json: a publish can stop before the 1st, 2nd, 3rd or 4th copy.
    for (int copies = 0; copies <= NEW.size(); copies++) {
      InMemoryObjectStore.clear();
      run(EARLIER);
      InMemoryObjectStore.failCopyAfter(copies);
      assertThrows(IOException.class, () -> run(NEW));
      InMemoryObjectStore.failCopyAfter(-1);
      Map<String, String> halfway = stored();
      assertFalse(halfway.containsKey("out/run.json"), copies + " copies: " + halfway);
      assertFalse(OutputFolder.isEarlierRunOutput(OUT));
      // The staged output is kept, complete, with what it was replacing.
      assertTrue(halfway.keySet().stream().anyMatch(k -> k.startsWith(".out.partial-") && k.endsWith("/.run/replacing")),
          halfway.toString());

      ByteArrayOutputStream said = new ByteArrayOutputStream();
      assertEquals(List.of(), OutputStaging.removeLeftovers(OUT, new PrintStream(said, true, StandardCharsets.UTF_8)));
      assertTrue(said.toString(StandardCharsets.UTF_8).contains("Finished publishing " + OUT), said.toString());
      assertEquals(published(NEW), stored(), copies + " copies");
      assertTrue(OutputFolder.isEarlierRunOutput(OUT));
      run(EARLIER); // and the next run replaces it as usual
      assertEquals(published(EARLIER), stored());
    }
  }

  @Test
  void aFileOfTheUsersAddedDuringAStoppedPublishIsKept() throws IOException {
    run(EARLIER);
    InMemoryObjectStore.failCopyAfter(1);
    assertThrows(IOException.class, () -> run(NEW));
    InMemoryObjectStore.failCopyAfter(-1);
    write(OUT + "/tabellen/mijn-bewerking.csv", "mine\n");
    OutputStaging.removeLeftovers(OUT, quiet);
    Map<String, String> expected = new TreeMap<>(published(NEW));
    expected.put("out/tabellen/mijn-bewerking.csv", "mine\n");
    assertEquals(expected, stored());
    assertFalse(OutputFolder.isEarlierRunOutput(OUT)); // so a later run refuses it, and keeps the file
  }

  @Test
  void aFileClosedTwiceIsWrittenOnce() throws IOException {
    // Avro's DataFileWriter closes the stream it was given, and so does the code that opened it.
    OutputStream out = Storage.create(OUT + "/microdata/GM0014.avro");
    out.write("avro".getBytes(StandardCharsets.UTF_8));
    out.close();
    out.close();
    assertEquals(Map.of("out/microdata/GM0014.avro", "avro"), stored());
  }

  @Test
  void aRunKilledBeforePublishingLeavesTheEarlierOutputAsItWas() throws IOException {
    run(EARLIER);
    try (RunTemporaryFolder t = RunTemporaryFolder.open(temp)) {
      stage(NEW, t); // staged, run.json written, never published: the run died here
    }
    OutputStaging.removeLeftovers(OUT, quiet);
    assertEquals(published(EARLIER), stored());
  }
}
