package nl.gmsd;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The run's own temporary folder (SPEC 10 revised): {@code gmsd-run-<pid>-<id>} inside the
 * temporary folder setting ({@code --tempFolder}), holding everything the run writes while it
 * works outside its output: the embedded engine's working files, and, when started by
 * {@code scripts/gmsd} (which points the JVM's own temporary folder here), the native libraries
 * the engine and OR-Tools unpack. It is removed when the run ends, also when it fails.
 *
 * <p>A run that was killed leaves its folder; the next run with the same temporary folder removes
 * it, recognised safely: the folder's {@code owner.lock} is locked by its run for as long as it
 * lives (the operating system releases the lock when the process dies, however it dies), and a
 * folder without that file yet is its run's only while the process of its name is alive. Nothing
 * else in the temporary folder is touched.
 */
public final class RunTemporaryFolder implements AutoCloseable {

  /** The system property by which {@code scripts/gmsd} hands over the folder it made for this JVM. */
  public static final String HANDED_OVER = "gmsd.runTemporaryFolder";
  static final String LOCK = "owner.lock";
  private static final Pattern NAME = Pattern.compile("gmsd-run-(\\d+)-[A-Za-z0-9]+");

  private final Path folder;
  private final FileChannel lockChannel;
  private final FileLock lock;

  private RunTemporaryFolder(Path folder, FileChannel lockChannel, FileLock lock) {
    this.folder = folder;
    this.lockChannel = lockChannel;
    this.lock = lock;
  }

  /**
   * Opens the run's folder in {@code tempRoot}: the one {@code scripts/gmsd} made for this
   * process, if it lies there, else a new one; and removes what killed runs left in
   * {@code tempRoot}. Returns the folder with its lock held.
   */
  public static RunTemporaryFolder open(Path tempRoot) {
    Path root = tempRoot.toAbsolutePath().normalize();
    if (!Files.isDirectory(root)) {
      throw new RunCommand.InputException("--tempFolder: " + root + " is not a folder; give an existing folder for "
          + "the run's temporary files (its own folder in it is removed when the run ends)");
    }
    long pid = ProcessHandle.current().pid();
    Path folder = handedOver(root, pid);
    try {
      if (folder == null) {
        folder = Files.createDirectory(root.resolve("gmsd-run-" + pid + "-"
            + UUID.randomUUID().toString().replace("-", "").substring(0, 12)));
      }
      FileChannel ch = FileChannel.open(folder.resolve(LOCK), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      FileLock lock = ch.lock();
      RunTemporaryFolder run = new RunTemporaryFolder(folder, ch, lock);
      removeLeftovers(root, folder);
      return run;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot make the run's temporary folder in " + root, e);
    }
  }

  /** The folder scripts/gmsd made for this process, when it lies in {@code root}. */
  private static Path handedOver(Path root, long pid) {
    String given = System.getProperty(HANDED_OVER);
    if (given == null || given.isBlank()) {
      return null;
    }
    Path p = Path.of(given).toAbsolutePath().normalize();
    Matcher m = NAME.matcher(p.getFileName().toString());
    boolean ours = m.matches() && launchedBy(Long.parseLong(m.group(1)), pid) && root.equals(p.getParent())
        && Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS) && !Files.exists(p.resolve(LOCK));
    return ours ? p : null;
  }

  /**
   * Whether the pid in a handed-over folder's name is this JVM's ({@code scripts/gmsd} exec'd it)
   * or its parent's (the script runs the JVM as a child while it writes the class-data archive).
   */
  private static boolean launchedBy(long namedPid, long pid) {
    return namedPid == pid
        || ProcessHandle.current().parent().map(ProcessHandle::pid).map(parent -> parent == namedPid).orElse(false);
  }

  /**
   * Removes the folder {@code scripts/gmsd} made for this JVM when no run used it (a usage error,
   * a refused output), at the end of the process.
   */
  static void removeHandedOver() {
    String given = System.getProperty(HANDED_OVER);
    if (given == null || given.isBlank()) {
      return;
    }
    Path p = Path.of(given).toAbsolutePath().normalize();
    Matcher m = NAME.matcher(p.getFileName().toString());
    if (m.matches() && launchedBy(Long.parseLong(m.group(1)), ProcessHandle.current().pid())
        && !lockHeld(p.resolve(LOCK))) {
      deleteQuietly(p);
    }
  }

  /** The run's folder. */
  public Path path() {
    return folder;
  }

  /** The folder for the engine's working files (Flink's {@code io.tmp.dirs}). */
  public Path engineFolder() {
    return folder.resolve("engine");
  }

  /**
   * Removes the folders of runs that no longer live from {@code root}; never {@code own}, a live
   * run's, or anything not named as a run's folder. Returns how many it removed.
   */
  static int removeLeftovers(Path root, Path own) {
    int removed = 0;
    List<Path> candidates = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(root)) {
      for (Path p : entries) {
        if (!p.equals(own) && NAME.matcher(p.getFileName().toString()).matches()
            && Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
          candidates.add(p);
        }
      }
    } catch (IOException e) {
      return 0; // a temporary folder we cannot list has nothing of ours to remove
    }
    for (Path p : candidates) {
      if (removeIfDead(p)) {
        removed++;
      }
    }
    return removed;
  }

  /**
   * Whether the run that owns {@code folder} (a run's temporary folder) may be alive: its lock is
   * held (by another process, or by a run in this one), or the process its name gives is alive (a
   * run between making its folder and locking it; or a process that reuses a dead run's number,
   * whose folder is then left for a later run to remove).
   */
  static boolean isAlive(Path folder) {
    if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
      return false;
    }
    if (lockHeld(folder.resolve(LOCK))) {
      return true;
    }
    Matcher m = NAME.matcher(folder.getFileName().toString());
    return !m.matches() || ProcessHandle.of(Long.parseLong(m.group(1))).map(ProcessHandle::isAlive).orElse(false);
  }

  private static boolean lockHeld(Path lockFile) {
    if (!Files.exists(lockFile, LinkOption.NOFOLLOW_LINKS)) {
      return false;
    }
    try (FileChannel ch = FileChannel.open(lockFile, StandardOpenOption.WRITE)) {
      FileLock l = ch.tryLock();
      if (l == null) {
        return true; // held by another process
      }
      l.release();
      return false;
    } catch (OverlappingFileLockException e) {
      return true; // held in this JVM
    } catch (NoSuchFileException e) {
      return false;
    } catch (IOException e) {
      return true; // cannot tell: leave it
    }
  }

  private static boolean removeIfDead(Path folder) {
    if (isAlive(folder)) {
      return false;
    }
    deleteQuietly(folder);
    return true;
  }

  /**
   * Removes the folder and releases its lock. The engine may still be letting go of a file or two
   * as it shuts down, so a folder that is not empty at once is tried again briefly.
   */
  @Override
  public void close() {
    for (int attempt = 0; attempt < 5 && Files.exists(folder); attempt++) {
      deleteQuietly(folder);
      if (Files.exists(folder)) {
        try {
          Thread.sleep(200L << attempt);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        }
      }
    }
    try {
      if (lock.isValid()) {
        lock.release();
      }
      lockChannel.close();
    } catch (IOException e) {
      // the lock goes with the process anyway
    }
  }

  /** Writes a Flink configuration that keeps the embedded engine's files in this folder. */
  Path writeFlinkConfiguration() throws IOException {
    Path conf = Files.createDirectories(folder.resolve("flink-conf"));
    Files.createDirectories(engineFolder());
    Files.writeString(conf.resolve("flink-conf.yaml"), "# made by gmsd run for its embedded engine\n"
        + "io.tmp.dirs: " + engineFolder() + "\n", StandardCharsets.UTF_8);
    return conf;
  }

  static void deleteQuietly(Path dir) {
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        try {
          Files.deleteIfExists(p);
        } catch (IOException e) {
          // best effort: whatever is left is removed by the next run
        }
      }
    } catch (IOException | UncheckedIOException e) {
      // gone already, or cannot be listed
    }
  }
}
