package nl.gmsd.common.input;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Checks that a path the run reads is what it must be, with a message that names the real cause
 * (SPEC 6, issue 20): missing, a folder where a file is expected (or the other way round), not a
 * regular file (a FIFO, a device: reading one could block for ever), or not readable by the
 * account that runs the job.
 */
public final class InputPaths {

  private InputPaths() {}

  /** What a path is, by its attributes (following symbolic links). */
  public enum Kind { MISSING, FILE, FOLDER, OTHER, UNREADABLE }

  /** The kind of {@code p}; UNREADABLE when a folder on its way may not be searched. */
  public static Kind kind(Path p) {
    BasicFileAttributes a;
    try {
      a = Files.readAttributes(p, BasicFileAttributes.class);
    } catch (NoSuchFileException e) {
      return Kind.MISSING; // also a symbolic link to nothing
    } catch (IOException e) {
      return Kind.UNREADABLE; // AccessDeniedException: a folder on the way may not be searched
    }
    if (a.isRegularFile()) {
      return Files.isReadable(p) ? Kind.FILE : Kind.UNREADABLE;
    }
    if (a.isDirectory()) {
      return Files.isReadable(p) && Files.isExecutable(p) ? Kind.FOLDER : Kind.UNREADABLE;
    }
    return Kind.OTHER;
  }

  /**
   * Throws unless {@code p} is a regular file this account can read. {@code what} says what the
   * file is for ("the pseudonymisation key"), {@code fixIfMissing} what to do when it is absent.
   */
  public static void requireFile(Path p, String what, String fixIfMissing) {
    switch (kind(p)) {
      case FILE -> {
        return;
      }
      case MISSING -> throw new InputFileException(p + " does not exist (" + what + "): " + fixIfMissing);
      case FOLDER -> throw new InputFileException(p + " is a folder, but " + what + " must be a file: "
          + "give the path of the file itself");
      case OTHER -> throw new InputFileException(p + " is not a regular file (a named pipe, device or socket), but "
          + what + " must be one: copy the data into an ordinary file and give its path");
      case UNREADABLE -> throw new InputFileException(p + " cannot be read by this account (user "
          + System.getProperty("user.name") + "): give it read permission (and the folders above it "
          + "search permission), e.g. chmod u+r, or run as the account that owns it");
      default -> throw new IllegalStateException();
    }
  }

  /** Throws unless {@code p} is a folder this account can list and enter. */
  public static void requireFolder(Path p, String what, String fixIfMissing) {
    switch (kind(p)) {
      case FOLDER -> {
        return;
      }
      case MISSING -> throw new InputFileException(p + " does not exist (" + what + "): " + fixIfMissing);
      case FILE, OTHER -> throw new InputFileException(p + " is not a folder, but " + what + " must be one: "
          + fixIfMissing);
      case UNREADABLE -> throw new InputFileException(p + " cannot be read by this account (user "
          + System.getProperty("user.name") + "): give it read and search permission (chmod u+rx) "
          + "or run as the account that owns it");
      default -> throw new IllegalStateException();
    }
  }
}
