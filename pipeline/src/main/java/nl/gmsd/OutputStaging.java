package nl.gmsd;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import nl.gmsd.common.io.Location;
import nl.gmsd.common.io.Storage;

/**
 * The hidden folders a run keeps beside its {@code --output} (SPEC 10): the staged output
 * {@code .<name>.partial-<id>}, moved into place when complete, and for a moment while it is, the
 * earlier output as {@code .<name>.previous-<id>}. Each staged output names its run in
 * {@code .run/owner} (the run's temporary folder, whose lock tells whether it lives), so the next
 * run on the same {@code --output} can remove what a killed run left, never a live run's, and put
 * back an earlier output that a run killed in the middle of the swap had moved aside.
 *
 * <p>On a file system with a scheme (HDFS, {@link Storage}) the same folders are kept, but whether
 * their run lives can be told for certain only on the host that started it: the owner file names
 * that host too, and a run of another host is judged by the owner file's age
 * ({@link #ABANDONED_ON_SHARED_STORE}).
 */
final class OutputStaging {

  /**
   * The run's own hidden folder in its staged output: {@code owner}, and what the workers write
   * for the driver that is data rather than a count (the register's facts per range,
   * {@code PersonenFacts}); the counts travel with the job's result ({@code RunFacts}). Removed
   * when the output is published.
   */
  static final String RUN_FOLDER = ".run";
  static final String OWNER = "owner";
  /** A staged output without an owner yet is a live run's first moment; older than this, a dead one's. */
  private static final Duration UNOWNED_GRACE = Duration.ofHours(1);

  /**
   * [decision] On a file system with a scheme, a staged output whose run was started on another
   * host counts as a killed run's once its owner file is older than this: no run takes that long
   * (a national run takes well under an hour), and a live run of another host cannot be asked.
   */
  static final Duration ABANDONED_ON_SHARED_STORE = Duration.ofHours(48);

  private final String output;
  private final String staging;
  private final String id;

  private OutputStaging(String output, String staging, String id) {
    this.output = output;
    this.staging = staging;
    this.id = id;
  }

  /** Makes the staged output of a run whose temporary folder is {@code temp}. */
  static OutputStaging create(String output, RunTemporaryFolder temp) throws IOException {
    String id = UUID.randomUUID().toString();
    String staging = Storage.resolve(Storage.parent(output), partialPrefix(output) + id);
    String owner = Storage.resolve(staging, RUN_FOLDER + "/" + OWNER);
    if (Storage.isLocal(output)) {
      Path local = Location.localPath(staging);
      Files.createDirectories(local.resolve(RUN_FOLDER));
      Files.writeString(local.resolve(RUN_FOLDER).resolve(OWNER), temp.path() + "\n", StandardCharsets.UTF_8);
    } else {
      try (var out = Storage.create(owner)) { // the folder is made by its first file
        out.write((temp.path() + "\n" + host() + "\n").getBytes(StandardCharsets.UTF_8));
      }
    }
    return new OutputStaging(output, staging, id);
  }

  static OutputStaging create(Path output, RunTemporaryFolder temp) throws IOException {
    return create(output.toString(), temp);
  }

  String path() {
    return staging;
  }

  private static String partialPrefix(String output) {
    return "." + Storage.name(output) + ".partial-";
  }

  private static String previousPrefix(String output) {
    return "." + Storage.name(output) + ".previous-";
  }

  private static String host() {
    try {
      return java.net.InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return "unknown";
    }
  }

  /**
   * Replaces {@code output} by the staged output: the earlier output is moved aside, the new one
   * into place, then the run's own facts folder and the earlier output are removed. Should the
   * second move fail, the earlier output is put back.
   */
  void publish() throws IOException {
    // Again, now: something may have been put into the old output while this run worked.
    OutputFolder.requireReplaceableRunOutput("--output", output);
    if (!Storage.isLocal(output)) {
      publishElsewhere();
      return;
    }
    Path out = Location.localPath(output);
    Path previous = null;
    if (Files.exists(out, LinkOption.NOFOLLOW_LINKS)) {
      previous = out.resolveSibling(previousPrefix(output) + id);
      Files.move(out, previous);
    }
    try {
      Files.move(Location.localPath(staging), out);
    } catch (IOException | RuntimeException e) {
      if (previous != null) {
        Files.move(previous, out);
      }
      throw e;
    }
    RunCommand.deleteRecursively(out.resolve(RUN_FOLDER));
    if (previous != null) {
      RunCommand.deleteRecursively(previous);
    }
  }

  /** {@link #publish()} on a file system with a scheme: the same moves, by Beam's renames of a folder. */
  private void publishElsewhere() throws IOException {
    String previous = null;
    if (Storage.kind(output) != Storage.Kind.MISSING) {
      previous = Storage.resolve(Storage.parent(output), previousPrefix(output) + id);
      Storage.rename(output, previous);
    }
    try {
      Storage.rename(staging, output);
    } catch (IOException | RuntimeException e) {
      if (previous != null) {
        Storage.rename(previous, output);
      }
      throw e;
    }
    Storage.deleteRecursively(Storage.resolve(output, RUN_FOLDER));
    if (previous != null) {
      Storage.deleteRecursively(previous);
    }
  }

  /** Removes the staged output (a run that failed). */
  void deleteQuietly() {
    if (Storage.isLocal(staging)) {
      RunTemporaryFolder.deleteQuietly(Location.localPath(staging));
      return;
    }
    try {
      Storage.deleteRecursively(staging);
    } catch (IOException | RuntimeException e) {
      // best effort: the next run on this output removes it once it is old (ABANDONED_ON_SHARED_STORE)
    }
  }

  /**
   * Removes what killed runs left beside {@code output}: their staged outputs, their facts folder
   * in a published output, and an earlier output moved aside (put back when the output is
   * missing). A live run's folders are left alone; returns the names of those, so that a second
   * run on the same output can be refused.
   */
  static List<String> removeLeftovers(String output, PrintStream out) throws IOException {
    return Storage.isLocal(output) ? removeLeftovers(Location.localPath(output), out) : removeLeftoversElsewhere(output, out);
  }

  static List<String> removeLeftovers(Path output, PrintStream out) throws IOException {
    Path parent = output.getParent();
    List<String> live = new ArrayList<>();
    if (parent == null || !Files.isDirectory(parent)) {
      return live;
    }
    String partial = partialPrefix(output.toString());
    String previous = previousPrefix(output.toString());
    List<Path> partials = new ArrayList<>();
    List<Path> previouses = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(parent)) {
      for (Path p : entries) {
        String n = p.getFileName().toString();
        if (!Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
          continue;
        }
        if (n.startsWith(partial)) {
          partials.add(p);
        } else if (n.startsWith(previous)) {
          previouses.add(p);
        }
      }
    }
    int removed = 0;
    for (Path p : partials) {
      if (ownerAlive(p)) {
        live.add(p.getFileName().toString());
        continue;
      }
      Path moved = parent.resolve(previous + p.getFileName().toString().substring(partial.length()));
      if (Files.isDirectory(moved) && !Files.exists(output, LinkOption.NOFOLLOW_LINKS)) {
        Files.move(moved, output); // killed in the middle of the swap: the earlier output goes back
      }
      RunTemporaryFolder.deleteQuietly(p);
      removed++;
    }
    for (Path p : previouses) {
      if (!Files.exists(p)) {
        continue; // put back above
      }
      String id = p.getFileName().toString().substring(previous.length());
      if (Files.exists(parent.resolve(partial + id)) || ownerAlive(output)) {
        continue; // its run lives and is swapping right now
      }
      if (Files.exists(output, LinkOption.NOFOLLOW_LINKS)) {
        RunTemporaryFolder.deleteQuietly(p);
      } else {
        Files.move(p, output);
      }
      removed++;
    }
    Path facts = output.resolve(RUN_FOLDER);
    if (Files.isDirectory(facts, LinkOption.NOFOLLOW_LINKS) && Files.exists(facts.resolve(OWNER)) && !ownerAlive(output)) {
      RunTemporaryFolder.deleteQuietly(facts); // killed just after the swap, before removing it
      removed++;
    }
    if (removed > 0) {
      out.printf("Removed %d folder(s) that an earlier, killed run left beside %s.%n", removed, output);
    }
    return live;
  }

  /**
   * Whether the run named in {@code folder}'s {@code .run/owner} lives. A staged output with no
   * owner yet counts as a live run's for an hour (a run writes it right after the folder).
   */
  private static boolean ownerAlive(Path folder) throws IOException {
    Path owner = folder.resolve(RUN_FOLDER).resolve(OWNER);
    if (!Files.isRegularFile(owner, LinkOption.NOFOLLOW_LINKS)) {
      if (!Files.exists(folder)) {
        return false;
      }
      FileTime t = Files.getLastModifiedTime(folder);
      return folder.getFileName().toString().contains(".partial-")
          && t.toInstant().isAfter(Instant.now().minus(UNOWNED_GRACE));
    }
    String temp = Files.readString(owner, StandardCharsets.UTF_8).trim();
    return !temp.isEmpty() && RunTemporaryFolder.isAlive(Path.of(temp));
  }

  /**
   * {@link #removeLeftovers(Path, PrintStream)} on a file system with a scheme: the same rules,
   * with {@link #ownerAliveElsewhere} telling whether a folder's run lives.
   */
  private static List<String> removeLeftoversElsewhere(String output, PrintStream out) throws IOException {
    String parent = Storage.parent(output);
    List<String> live = new ArrayList<>();
    if (Storage.kind(parent) != Storage.Kind.FOLDER) {
      return live;
    }
    String partial = partialPrefix(output);
    String previous = previousPrefix(output);
    List<String> partials = new ArrayList<>();
    List<String> previouses = new ArrayList<>();
    for (Map.Entry<String, Boolean> e : Storage.list(parent).entrySet()) {
      String n = e.getKey();
      if (!e.getValue() || n.contains("/")) {
        continue;
      }
      if (n.startsWith(partial)) {
        partials.add(n);
      } else if (n.startsWith(previous)) {
        previouses.add(n);
      }
    }
    int removed = 0;
    for (String n : partials) {
      String p = Storage.resolve(parent, n);
      if (ownerAliveElsewhere(p)) {
        live.add(n);
        continue;
      }
      String moved = Storage.resolve(parent, previous + n.substring(partial.length()));
      if (Storage.kind(moved) == Storage.Kind.FOLDER && Storage.kind(output) == Storage.Kind.MISSING) {
        Storage.rename(moved, output); // killed in the middle of the swap: the earlier output goes back
      }
      Storage.deleteRecursively(p);
      removed++;
    }
    for (String n : previouses) {
      String p = Storage.resolve(parent, n);
      if (Storage.kind(p) == Storage.Kind.MISSING) {
        continue; // put back above
      }
      String id = n.substring(previous.length());
      if (Storage.kind(Storage.resolve(parent, partial + id)) != Storage.Kind.MISSING || ownerAliveElsewhere(output)) {
        continue; // its run lives and is swapping right now
      }
      if (Storage.kind(output) != Storage.Kind.MISSING) {
        Storage.deleteRecursively(p);
      } else {
        Storage.rename(p, output);
      }
      removed++;
    }
    String facts = Storage.resolve(output, RUN_FOLDER);
    if (Storage.kind(Storage.resolve(facts, OWNER)) == Storage.Kind.FILE && !ownerAliveElsewhere(output)) {
      Storage.deleteRecursively(facts); // killed just after the swap, before removing it
      removed++;
    }
    if (removed > 0) {
      out.printf("Removed %d folder(s) that an earlier, killed run left beside %s.%n", removed, output);
    }
    return live;
  }

  /**
   * Whether the run named in {@code folder}'s {@code .run/owner} lives, on a file system with a
   * scheme: told by its temporary folder's lock when it was started on this host; else by the
   * owner file's age. A staged output without an owner (its first file) is a killed run's.
   */
  private static boolean ownerAliveElsewhere(String folder) throws IOException {
    String owner = Storage.resolve(folder, RUN_FOLDER + "/" + OWNER);
    if (Storage.kind(owner) != Storage.Kind.FILE) {
      return false;
    }
    List<String> lines = new String(Storage.readAllBytes(owner), StandardCharsets.UTF_8).lines().toList();
    String temp = lines.isEmpty() ? "" : lines.get(0).trim();
    String ownerHost = lines.size() < 2 ? "" : lines.get(1).trim();
    if (!temp.isEmpty() && ownerHost.equals(host())) {
      return RunTemporaryFolder.isAlive(Path.of(temp));
    }
    return Instant.ofEpochMilli(Storage.lastModifiedMillis(owner)).isAfter(Instant.now().minus(ABANDONED_ON_SHARED_STORE));
  }
}
