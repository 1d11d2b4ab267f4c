package nl.gmsd;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import nl.gmsd.common.io.Storage;

/**
 * The hidden folders a run keeps beside its {@code --output} (SPEC 10): the staged output
 * {@code .<name>.partial-<id>}, published when complete, and, on a file system that renames a
 * folder atomically, for a moment while it is, the earlier output as {@code .<name>.previous-<id>}.
 * Each staged output names its run in {@code .run/owner} (the run's temporary folder, whose lock
 * tells whether it lives, and its host), so the next run on the same {@code --output} can remove
 * what a killed run left, never a live run's, and put back an earlier output that a run killed in
 * the middle of the swap had moved aside, or finish a publish by copying that a run began.
 *
 * <p>{@code .run/owner} stays a file in the staged output, not a fact sent to the driver: it is
 * the staged folder's claim on {@code --output} that other runs read, perhaps from other hosts,
 * while its run lives or after it died; only the folder itself can carry it to them.
 *
 * <p>How a staged output is published depends on its file system ({@link
 * Storage#ATOMIC_FOLDER_RENAME}): where a folder's rename is atomic (a local disk, HDFS), the
 * folders are swapped by renames; elsewhere (an object store such as S3) its files are copied into
 * place with {@code run.json} removed first and written last ({@link #publishByCopy}). Whether a
 * run of another host lives can be told for certain only on that host: such a run is judged by its
 * owner file's age ({@link #ABANDONED_ON_SHARED_STORE}).
 */
final class OutputStaging {

  /**
   * The run's own hidden folder in its staged output: {@code owner}, what the workers write for the
   * driver that is data rather than a count (the register's facts per range, {@code
   * PersonenFacts}; the counts travel with the job's result, {@code RunFacts}), and while a publish
   * by copying lasts, {@code replacing}. Never published.
   */
  static final String RUN_FOLDER = ".run";
  static final String OWNER = "owner";
  /**
   * The earlier output's files (relative names, one a line) that a publish by copying replaces:
   * written before it removes any, so that the next run can finish a publish that was killed or
   * failed half-way; removed once {@code run.json} is in place.
   */
  static final String REPLACING = "replacing";
  /** A staged output without an owner yet is a live run's first moment; older than this, a dead one's. */
  private static final Duration UNOWNED_GRACE = Duration.ofHours(1);

  /**
   * [decision] A staged output whose run was started on another host counts as a killed run's once
   * its owner file is older than this: no run takes that long (a national run takes well under an
   * hour), and a live run of another host cannot be asked.
   */
  static final Duration ABANDONED_ON_SHARED_STORE = Duration.ofHours(48);

  private final String output;
  private final String staging;
  private final String id;
  /** Set once a publish by copying has begun: the staged output is then kept for the next run to finish it. */
  private boolean publishing;

  private OutputStaging(String output, String staging, String id) {
    this.output = output;
    this.staging = staging;
    this.id = id;
  }

  /** Makes the staged output of a run whose temporary folder is {@code temp}. */
  static OutputStaging create(String output, RunTemporaryFolder temp) throws IOException {
    String id = UUID.randomUUID().toString();
    String staging = Storage.resolve(Storage.parent(output), partialPrefix(output) + id);
    try (var out = Storage.create(Storage.resolve(staging, RUN_FOLDER + "/" + OWNER))) { // makes the folder
      out.write((temp.path() + "\n" + host() + "\n").getBytes(StandardCharsets.UTF_8));
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

  /** Replaces {@code output} by the staged output, by renames or by copying (see the class). */
  void publish() throws IOException {
    // Again, now: something may have been put into the old output while this run worked.
    OutputFolder.requireReplaceableRunOutput("--output", output);
    if (Storage.renamesFoldersAtomically(output)) {
      publishByRename();
    } else {
      publishByCopy();
    }
  }

  /**
   * The earlier output is moved aside, the new one into place, then the run's own facts folder and
   * the earlier output are removed. Should the second move fail, the earlier output is put back.
   */
  private void publishByRename() throws IOException {
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

  /**
   * Publishing where a folder cannot be renamed atomically: the earlier output's files (it was
   * checked to be an earlier output as its run left it) are written down in {@code
   * .run/replacing}, then {@link #copyInto} replaces them. A run killed, or failing, from here on
   * leaves an output without {@code run.json}, incomplete, and its staged output, which the next
   * run on the same {@code --output} publishes ({@link #removeLeftovers}).
   */
  private void publishByCopy() throws IOException {
    List<String> earlier = files(output);
    try (var out = Storage.create(Storage.resolve(staging, RUN_FOLDER + "/" + REPLACING))) {
      out.write(String.join("\n", earlier).getBytes(StandardCharsets.UTF_8));
    }
    publishing = true;
    copyInto(staging, output, earlier);
  }

  /**
   * The four steps of a publish by copying, each safe to repeat: (a) the earlier output's {@code
   * run.json} is removed, so that no reader takes what follows for a complete output; (b) of the
   * earlier output's files ({@code replacing}) those the new output does not have are removed, and
   * nothing else; (c) the staged files are copied into place; (d) {@code run.json} is copied last,
   * the marker that the output is complete. Then the staged output is removed, {@code
   * .run/replacing} first.
   */
  static void copyInto(String staging, String output, List<String> replacing) throws IOException {
    String marker = Storage.resolve(output, RunCommand.RUN_JSON);
    Storage.deleteFiles(List.of(marker));
    List<String> staged = files(staging).stream()
        .filter(f -> !f.startsWith(RUN_FOLDER + "/") && !f.equals(RunCommand.RUN_JSON)).toList();
    java.util.Set<String> kept = new java.util.HashSet<>(staged);
    Storage.deleteFiles(replacing.stream().filter(f -> !kept.contains(f) && !f.equals(RunCommand.RUN_JSON))
        .map(f -> Storage.resolve(output, f)).toList());
    Storage.copyFiles(staged.stream().map(f -> Storage.resolve(staging, f)).toList(),
        staged.stream().map(f -> Storage.resolve(output, f)).toList());
    Storage.copy(Storage.resolve(staging, RunCommand.RUN_JSON), marker);
    Storage.deleteFiles(List.of(Storage.resolve(staging, RUN_FOLDER + "/" + REPLACING)));
    Storage.deleteRecursively(staging);
  }

  /** The files under {@code dir}, by relative name; none when it is missing. */
  private static List<String> files(String dir) throws IOException {
    return Storage.list(dir).entrySet().stream().filter(e -> !e.getValue()).map(Map.Entry::getKey).toList();
  }

  /**
   * Removes the staged output (a run that failed), but not once a publish by copying has begun:
   * the next run finishes that publish from it.
   */
  void deleteQuietly() {
    if (publishing) {
      return;
    }
    try {
      Storage.deleteRecursively(staging);
    } catch (IOException | RuntimeException e) {
      // best effort: the next run on this output removes it (ABANDONED_ON_SHARED_STORE elsewhere)
    }
  }

  /**
   * Removes what killed runs left beside {@code output}: their staged outputs, their facts folder
   * in a published output, and an earlier output moved aside (put back when the output is
   * missing); a publish by copying that a killed or failed run began is finished. A live run's
   * folders are left alone; returns the names of those, so that a second run on the same output
   * can be refused.
   */
  static List<String> removeLeftovers(String output, PrintStream out) throws IOException {
    String parent = Storage.parent(output);
    String partial = partialPrefix(output);
    String previous = previousPrefix(output);
    List<String> live = new ArrayList<>();
    int removed = 0;
    for (String n : Storage.foldersNamed(parent, partial)) {
      String p = Storage.resolve(parent, n);
      if (ownerAlive(p)) {
        live.add(n);
        continue;
      }
      if (finishPublishByCopy(p, output)) {
        out.printf("Finished publishing %s: a run was stopped while it copied its output there.%n", output);
        continue;
      }
      String moved = Storage.resolve(parent, previous + n.substring(partial.length()));
      if (Storage.kind(moved) == Storage.Kind.FOLDER && Storage.kind(output) == Storage.Kind.MISSING) {
        Storage.rename(moved, output); // killed in the middle of the swap: the earlier output goes back
      }
      Storage.deleteRecursively(p);
      removed++;
    }
    for (String n : Storage.foldersNamed(parent, previous)) {
      String p = Storage.resolve(parent, n);
      String id = n.substring(previous.length());
      if (Storage.kind(Storage.resolve(parent, partial + id)) != Storage.Kind.MISSING || ownerAlive(output)) {
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
    if (Storage.kind(Storage.resolve(facts, OWNER)) == Storage.Kind.FILE && !ownerAlive(output)) {
      Storage.deleteRecursively(facts); // killed just after the swap, before removing it
      removed++;
    }
    if (removed > 0) {
      out.printf("Removed %d folder(s) that an earlier, killed run left beside %s.%n", removed, output);
    }
    return live;
  }

  /**
   * Finishes the publish by copying that the dead run of the staged output {@code staging} began
   * (its {@code .run/replacing} is there, and {@code run.json} is not in place yet); false when it
   * began none. Its staged output is complete: it has {@code run.json}, which is written before
   * publishing.
   */
  private static boolean finishPublishByCopy(String staging, String output) throws IOException {
    String replacing = Storage.resolve(staging, RUN_FOLDER + "/" + REPLACING);
    if (Storage.kind(replacing) != Storage.Kind.FILE
        || Storage.kind(Storage.resolve(staging, RunCommand.RUN_JSON)) != Storage.Kind.FILE) {
      return false;
    }
    if (Storage.kind(Storage.resolve(output, RunCommand.RUN_JSON)) == Storage.Kind.FILE) {
      return false; // stopped after run.json was in place: only the staged output is left to remove
    }
    List<String> earlier = new String(Storage.readAllBytes(replacing), StandardCharsets.UTF_8).lines()
        .filter(l -> !l.isEmpty()).toList();
    copyInto(staging, output, earlier);
    return true;
  }

  /**
   * Whether the run named in {@code folder}'s {@code .run/owner} lives: told by its temporary
   * folder's lock when it was started on this host; else by the owner file's age. A staged output
   * without an owner yet counts as a live run's for an hour on a local disk (a run writes it right
   * after the folder), and as a killed run's elsewhere (there its first file makes the folder).
   */
  private static boolean ownerAlive(String folder) throws IOException {
    String owner = Storage.resolve(folder, RUN_FOLDER + "/" + OWNER);
    if (Storage.kind(owner) != Storage.Kind.FILE) {
      return Storage.isLocal(folder) && Storage.name(folder).contains(".partial-")
          && Storage.kind(folder) == Storage.Kind.FOLDER
          && Instant.ofEpochMilli(Storage.lastModifiedMillis(folder)).isAfter(Instant.now().minus(UNOWNED_GRACE));
    }
    List<String> lines = new String(Storage.readAllBytes(owner), StandardCharsets.UTF_8).lines().toList();
    String temp = lines.isEmpty() ? "" : lines.get(0).trim();
    String ownerHost = lines.size() < 2 ? "" : lines.get(1).trim();
    if (temp.isEmpty()) {
      return false;
    }
    if (ownerHost.isEmpty() || ownerHost.equals(host())) {
      return RunTemporaryFolder.isAlive(Path.of(temp));
    }
    return Instant.ofEpochMilli(Storage.lastModifiedMillis(owner)).isAfter(Instant.now().minus(ABANDONED_ON_SHARED_STORE));
  }
}
