package nl.gmsd.testing;

import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A process that holds the lock of a file until it is killed (or its standard input closes), as a
 * live run holds its temporary folder's lock: {@code java -cp ... nl.gmsd.testing.HoldLock FILE}.
 * Prints "locked" once it holds it.
 */
public final class HoldLock {

  private HoldLock() {}

  public static void main(String[] args) throws Exception {
    try (FileChannel ch = FileChannel.open(Path.of(args[0]), StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
      ch.lock();
      System.out.println("locked");
      System.out.flush();
      while (System.in.read() >= 0) {
        // wait until the test closes our input or kills us
      }
    }
  }

  /** Starts a process holding {@code file}'s lock and waits until it holds it. */
  public static Process start(Path file) throws Exception {
    Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), HoldLock.class.getName(), file.toString())
        .redirectErrorStream(true).start();
    byte[] buf = new byte[6];
    int n = p.getInputStream().readNBytes(buf, 0, 6);
    if (n != 6 || !new String(buf).equals("locked")) {
      p.destroyForcibly();
      throw new IllegalStateException("the lock holder did not start");
    }
    return p;
  }
}
