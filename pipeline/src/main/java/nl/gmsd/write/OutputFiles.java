package nl.gmsd.write;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import nl.gmsd.common.io.Location;
import nl.gmsd.common.io.Storage;

/**
 * Writes one output file so that it is either absent or complete: into a hidden temporary file
 * beside it, then renamed. A retried task rewrites the same bytes. A task killed with its worker
 * (a TaskManager lost on a cluster) can leave its temporary file behind; the driver removes such
 * files with {@link #removeAbandonedTemporaries} once the job has finished, before it publishes.
 *
 * <p>On an object store (a file system that renames no folder, {@link
 * Storage#renamesFoldersAtomically}) the file is written in place instead: an object appears only
 * when its upload is completed, on the close of its stream, and the stream is closed only once the
 * content is all written. A write that fails, or a task killed, leaves no object at all, and a
 * rename there would be three requests more for every file (a head, a copy and a delete).
 */
public final class OutputFiles {

  /** Writes the content of one file through an output stream. */
  public interface Content {
    void writeTo(OutputStream out) throws IOException;
  }

  /** What marks a temporary file's name: {@code .<name>.tmp-<uuid>}. */
  static final String TEMPORARY = ".tmp-";

  private OutputFiles() {}

  /** Whether {@code file} is a temporary file of {@link #write}, complete or not. */
  public static boolean isTemporary(Path file) {
    String name = file.getFileName().toString();
    return name.startsWith(".") && name.contains(TEMPORARY);
  }

  /**
   * Deletes the temporary files of {@link #write} under {@code dir} that a killed task left behind.
   * Only when no task writes any more (after the job), or it would delete a file being written.
   * Returns how many it deleted.
   */
  public static int removeAbandonedTemporaries(Path dir) throws IOException {
    List<Path> abandoned;
    try (Stream<Path> walk = Files.walk(dir)) {
      abandoned = walk.filter(Files::isRegularFile).filter(OutputFiles::isTemporary).toList();
    }
    for (Path p : abandoned) {
      Files.deleteIfExists(p);
    }
    return abandoned.size();
  }

  /**
   * {@link #removeAbandonedTemporaries(Path)} for a location (a local path, or a URI served by
   * Beam's file systems, {@link Storage}).
   */
  public static int removeAbandonedTemporaries(String dir) throws IOException {
    if (Storage.isLocal(dir)) {
      return removeAbandonedTemporaries(Location.localPath(dir));
    }
    int n = 0;
    for (Map.Entry<String, Boolean> e : Storage.list(dir).entrySet()) {
      if (!e.getValue() && isTemporary(Path.of(Storage.name(e.getKey())))) {
        Storage.delete(Storage.resolve(dir, e.getKey()));
        n++;
      }
    }
    return n;
  }

  /** {@code relative} (slash-separated) inside the output folder {@code dir}. */
  public static String in(String dir, String relative) {
    return Storage.resolve(dir, relative);
  }

  /**
   * {@link #write(Path, Content)} for a location: on a file system with a scheme, written to a
   * hidden temporary file and renamed with Beam's {@link org.apache.beam.sdk.io.FileSystems}, or
   * on an object store in place (see the class).
   */
  public static void write(String file, Content content) throws IOException {
    if (Storage.isLocal(file)) {
      write(Location.localPath(file), content);
      return;
    }
    if (!Storage.renamesFoldersAtomically(file)) {
      OutputStream upload = Storage.create(file);
      // Writers close the stream they are given, on failure too (Avro's): only a content written
      // whole completes the upload; a failed one is left unclosed, and the store never shows it.
      content.writeTo(new KeptOpen(upload));
      upload.close();
      return;
    }
    String tmp = Storage.resolve(Storage.parent(file), "." + Storage.name(file) + TEMPORARY + UUID.randomUUID());
    boolean renamed = false;
    try {
      try (OutputStream out = Storage.create(tmp)) {
        content.writeTo(out);
      }
      Storage.renameFile(tmp, file);
      renamed = true;
    } finally {
      if (!renamed) {
        try {
          Storage.delete(tmp);
        } catch (IOException ignored) {
          // removed with the other abandoned temporaries after the job
        }
      }
    }
  }

  public static void writeString(String file, String text) throws IOException {
    write(file, out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
  }

  /** A stream whose close only flushes: the writer that gets it cannot complete the upload below. */
  private static final class KeptOpen extends FilterOutputStream {
    KeptOpen(OutputStream upload) {
      super(upload);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len); // FilterOutputStream would write byte by byte
    }

    @Override
    public void close() throws IOException {
      out.flush();
    }
  }

  /**
   * Test seam: makes every write of a file whose path ends with {@code suffix} fail as a full disk
   * does ({@code null} to stop). The file system of a test machine cannot be filled on demand, so
   * the tests of "a run that fails for lack of disk space leaves nothing behind" inject it here,
   * where every output file of the job is written.
   */
  public static void failWritesEndingWith(String suffix) {
    failingSuffix = suffix;
  }

  private static volatile String failingSuffix;

  public static void write(Path file, Content content) throws IOException {
    String failing = failingSuffix;
    if (failing != null && file.toString().endsWith(failing)) {
      Files.createDirectories(file.getParent());
      Path tmp = file.resolveSibling("." + file.getFileName() + TEMPORARY + UUID.randomUUID());
      Files.writeString(tmp, "partly written");
      throw new IOException(file + ": No space left on device (injected by a test)");
    }
    Files.createDirectories(file.getParent());
    Path tmp = file.resolveSibling("." + file.getFileName() + TEMPORARY + UUID.randomUUID());
    try {
      try (OutputStream out = Files.newOutputStream(tmp)) {
        content.writeTo(out);
      }
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  public static void writeString(Path file, String text) throws IOException {
    write(file, out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
  }
}
