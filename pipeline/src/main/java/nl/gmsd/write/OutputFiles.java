package nl.gmsd.write;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.UUID;

/**
 * Writes one output file so that it is either absent or complete: into a hidden temporary file
 * beside it, then renamed. A retried task rewrites the same bytes.
 */
public final class OutputFiles {

  /** Writes the content of one file through an output stream. */
  public interface Content {
    void writeTo(OutputStream out) throws IOException;
  }

  private OutputFiles() {}

  public static void write(Path file, Content content) throws IOException {
    Files.createDirectories(file.getParent());
    Path tmp = file.resolveSibling("." + file.getFileName() + ".tmp-" + UUID.randomUUID());
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
