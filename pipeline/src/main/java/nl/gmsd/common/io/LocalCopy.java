package nl.gmsd.common.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import nl.gmsd.common.input.InputFileException;

/**
 * A small folder on a file system with a scheme, read by code that reads local folders: its
 * top-level files are copied into a private temporary folder on the driver, read there, and the
 * copy deleted. A message about a file names the file where the user keeps it, not the copy.
 * Only for the driver's small inputs (the reference folder's division, inhabitants and mergers,
 * some megabytes); large inputs are read where they are, by the workers.
 */
public final class LocalCopy {

  private LocalCopy() {}

  /** {@code read} applied to a local copy of the top-level files of {@code folder}, but {@code except}. */
  public static <T> T ofFolder(String folder, Set<String> except, Function<Path, T> read) {
    Path copy;
    try {
      copy = Files.createTempDirectory("gmsd-folder-copy-");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot make a temporary folder for a copy of " + folder, e);
    }
    try {
      for (Map.Entry<String, Boolean> e : Storage.list(folder).entrySet()) {
        if (e.getValue() || e.getKey().contains("/") || except.contains(e.getKey())) {
          continue;
        }
        try (InputStream in = Storage.open(Storage.resolve(folder, e.getKey()))) {
          Files.copy(in, copy.resolve(e.getKey()), StandardCopyOption.REPLACE_EXISTING);
        }
      }
      try {
        return read.apply(copy);
      } catch (InputFileException e) {
        String where = folder.endsWith("/") ? folder.substring(0, folder.length() - 1) : folder;
        throw new InputFileException(e.getMessage().replace(copy.toString(), where), e.getCause());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(folder + ": cannot be read", e);
    } finally {
      try {
        Storage.deleteRecursively(copy.toString());
      } catch (IOException ignored) {
        // a temporary folder of the driver's; the system's cleaner removes it
      }
    }
  }
}
