package nl.gmsd.write;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Writes one output file so that it is either absent or complete: into a hidden temporary file
 * beside it, then renamed. A retried task rewrites the same bytes. A task killed with its worker
 * (a TaskManager lost on a cluster) can leave its temporary file behind; the driver removes such
 * files with {@link #removeAbandonedTemporaries} once the job has finished, before it publishes.
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
