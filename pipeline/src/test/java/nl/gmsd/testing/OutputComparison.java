package nl.gmsd.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.avro.file.DataFileReader;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;

/**
 * SPEC 10's determinism rule: every CSV, JSON, text and HTML output byte-identical; Avro files the
 * same records in the same order; run.json equal but for its {@code environment} part.
 */
public final class OutputComparison {

  private OutputComparison() {}

  /** A list of differences; empty when the two output folders are equivalent. */
  public static List<String> differences(Path a, Path b) throws IOException {
    List<String> diffs = new ArrayList<>();
    List<String> filesA = files(a);
    List<String> filesB = files(b);
    if (!filesA.equals(filesB)) {
      diffs.add("different files: " + filesA + " vs " + filesB);
      return diffs;
    }
    for (String f : filesA) {
      Path fa = a.resolve(f);
      Path fb = b.resolve(f);
      if (f.endsWith(".avro")) {
        if (!avroRecords(fa).equals(avroRecords(fb))) {
          diffs.add(f + ": different Avro records");
        }
      } else if (f.equals("run.json")) {
        if (!withoutEnvironment(fa).equals(withoutEnvironment(fb))) {
          diffs.add(f + ": differs outside 'environment'");
        }
      } else if (Files.mismatch(fa, fb) != -1) {
        diffs.add(f + ": bytes differ");
      }
    }
    return diffs;
  }

  /** Fails when a file under one of {@code roots} holds one of {@code bsns} or the {@code key}. */
  public static void assertNoBsnOrKey(List<Path> roots, java.util.Collection<String> bsns, String key) throws IOException {
    for (Path root : roots) {
      for (String f : files(root)) {
        String text = new String(Files.readAllBytes(root.resolve(f)), java.nio.charset.StandardCharsets.ISO_8859_1);
        for (String bsn : bsns) {
          org.junit.jupiter.api.Assertions.assertFalse(text.contains(bsn), f + " holds a BSN");
        }
        org.junit.jupiter.api.Assertions.assertFalse(text.contains(key), f + " holds the key");
      }
    }
  }

  public static List<String> files(Path root) throws IOException {
    try (Stream<Path> s = Files.walk(root)) {
      return s.filter(Files::isRegularFile).map(p -> root.relativize(p).toString()).sorted().toList();
    }
  }

  public static List<String> avroRecords(Path file) throws IOException {
    List<String> out = new ArrayList<>();
    try (DataFileReader<GenericRecord> r = new DataFileReader<>(file.toFile(), new GenericDatumReader<>())) {
      for (GenericRecord rec : r) {
        out.add(rec.toString());
      }
    }
    return out;
  }

  /** run.json up to its "environment" object (written last). */
  static String withoutEnvironment(Path runJson) throws IOException {
    String s = Files.readString(runJson);
    int i = s.indexOf("\"environment\"");
    return i < 0 ? s : s.substring(0, i);
  }
}
