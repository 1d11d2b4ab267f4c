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
import java.util.UUID;
import nl.gmsd.write.RecordRunFacts;

/**
 * The hidden folders a run keeps beside its {@code --output} (SPEC 10): the staged output
 * {@code .<name>.partial-<id>}, moved into place when complete, and for a moment while it is, the
 * earlier output as {@code .<name>.previous-<id>}. Each staged output names its run in
 * {@code .run/owner} (the run's temporary folder, whose lock tells whether it lives), so the next
 * run on the same {@code --output} can remove what a killed run left, never a live run's, and put
 * back an earlier output that a run killed in the middle of the swap had moved aside.
 */
final class OutputStaging {

  static final String OWNER = "owner";
  /** A staged output without an owner yet is a live run's first moment; older than this, a dead one's. */
  private static final Duration UNOWNED_GRACE = Duration.ofHours(1);

  private final Path output;
  private final Path staging;
  private final String id;

  private OutputStaging(Path output, Path staging, String id) {
    this.output = output;
    this.staging = staging;
    this.id = id;
  }

  /** Makes the staged output of a run whose temporary folder is {@code temp}. */
  static OutputStaging create(Path output, RunTemporaryFolder temp) throws IOException {
    String id = UUID.randomUUID().toString();
    Path staging = output.resolveSibling(partialPrefix(output) + id);
    Files.createDirectories(staging.resolve(RecordRunFacts.FOLDER));
    Files.writeString(staging.resolve(RecordRunFacts.FOLDER).resolve(OWNER), temp.path() + "\n", StandardCharsets.UTF_8);
    return new OutputStaging(output, staging, id);
  }

  Path path() {
    return staging;
  }

  private static String partialPrefix(Path output) {
    return "." + output.getFileName() + ".partial-";
  }

  private static String previousPrefix(Path output) {
    return "." + output.getFileName() + ".previous-";
  }

  /**
   * Replaces {@code output} by the staged output: the earlier output is moved aside, the new one
   * into place, then the run's own facts folder and the earlier output are removed. Should the
   * second move fail, the earlier output is put back.
   */
  void publish() throws IOException {
    // Again, now: something may have been put into the old output while this run worked.
    OutputFolder.requireReplaceableRunOutput("--output", output);
    Path previous = null;
    if (Files.exists(output, LinkOption.NOFOLLOW_LINKS)) {
      previous = output.resolveSibling(previousPrefix(output) + id);
      Files.move(output, previous);
    }
    try {
      Files.move(staging, output);
    } catch (IOException | RuntimeException e) {
      if (previous != null) {
        Files.move(previous, output);
      }
      throw e;
    }
    RunCommand.deleteRecursively(output.resolve(RecordRunFacts.FOLDER));
    if (previous != null) {
      RunCommand.deleteRecursively(previous);
    }
  }

  /** Removes the staged output (a run that failed). */
  void deleteQuietly() {
    RunTemporaryFolder.deleteQuietly(staging);
  }

  /**
   * Removes what killed runs left beside {@code output}: their staged outputs, their facts folder
   * in a published output, and an earlier output moved aside (put back when the output is
   * missing). A live run's folders are left alone; returns the names of those, so that a second
   * run on the same output can be refused.
   */
  static List<String> removeLeftovers(Path output, PrintStream out) throws IOException {
    Path parent = output.getParent();
    List<String> live = new ArrayList<>();
    if (parent == null || !Files.isDirectory(parent)) {
      return live;
    }
    String partial = partialPrefix(output);
    String previous = previousPrefix(output);
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
    Path facts = output.resolve(RecordRunFacts.FOLDER);
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
    Path owner = folder.resolve(RecordRunFacts.FOLDER).resolve(OWNER);
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
}
