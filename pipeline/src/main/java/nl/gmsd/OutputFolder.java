package nl.gmsd;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import nl.gmsd.common.io.Location;
import nl.gmsd.common.io.Storage;

/**
 * The rule that keeps every command from deleting or overwriting what it did not write: an
 * {@code --output} folder is replaced only when it is empty, new, or an earlier output of the
 * same command exactly as that command left it; and it never contains, or lies inside, one of
 * the run's inputs. Checked before anything runs (exit 2), and again just before an earlier
 * output is replaced.
 *
 * <p>An output is recognised by the list of everything in it: the command records a digest of
 * that list (the relative path of every file and folder, sorted) when it writes the output; a
 * folder whose list no longer gives that digest holds something the command did not write (or
 * lost something), and is not touched.
 */
public final class OutputFolder {

  /** Refusal of an output folder (exit 2); the message names the folder and what to do. */
  public static final class RefusedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public RefusedException(String message) {
      super(message);
    }
  }

  private static final Pattern RUN_DIGEST = Pattern.compile("\"output_files_sha256\": \"([0-9a-f]{64})\"");

  private OutputFolder() {}

  /**
   * Refuses {@code output} when it overlaps one of {@code inputs} (contains it or lies inside
   * it). {@code inputs} maps a description ("the archive") to its path.
   */
  public static void requireApartFrom(String option, Path output, Map<String, Path> inputs) {
    Path out = real(output);
    for (Map.Entry<String, Path> in : inputs.entrySet()) {
      Path p = real(in.getValue());
      if (p.startsWith(out)) {
        throw new RefusedException(option + "=" + output + " contains " + in.getKey() + " (" + in.getValue()
            + "), and writing the output would replace it: " + apart(inputs));
      }
      if (out.startsWith(p)) {
        throw new RefusedException(option + "=" + output + " lies inside " + in.getKey() + " (" + in.getValue()
            + "): " + apart(inputs));
      }
    }
  }

  /**
   * {@link #requireApartFrom(String, Path, Map)} for locations: local paths as there; a location
   * on a file system with a scheme against the others on the same file system, by its path.
   */
  public static void requireApartFrom(String option, String output, Map<String, String> inputs) {
    if (Storage.isLocal(output)) {
      Map<String, Path> local = new java.util.LinkedHashMap<>();
      inputs.forEach((what, where) -> {
        if (Storage.isLocal(where)) {
          local.put(what, Location.localPath(where));
        }
      });
      requireApartFrom(option, Location.localPath(output), local);
      return;
    }
    for (Map.Entry<String, String> in : inputs.entrySet()) {
      String p = in.getValue();
      if (Storage.isLocal(p)) {
        continue; // another file system: apart
      }
      if (Storage.within(p, output)) {
        throw new RefusedException(option + "=" + output + " contains " + in.getKey() + " (" + p
            + "), and writing the output would replace it: " + apart(inputs.keySet()));
      }
      if (Storage.within(output, p)) {
        throw new RefusedException(option + "=" + output + " lies inside " + in.getKey() + " (" + p + "): "
            + apart(inputs.keySet()));
      }
    }
  }

  private static String apart(Map<String, Path> inputs) {
    return apart(inputs.keySet());
  }

  private static String apart(java.util.Set<String> inputs) {
    return "give a new folder that neither holds nor lies inside " + String.join(", ", inputs);
  }

  /**
   * Refuses {@code output} unless it does not exist, is an empty folder, or is an earlier output
   * of {@code gmsd run} as that run left it. Not a folder at all is refused too.
   */
  public static void requireReplaceableRunOutput(String option, Path output) {
    if (!Files.exists(output, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    requireFolder(option, output);
    if (isEmpty(output) || isEarlierRunOutput(output)) {
      return;
    }
    throw new RefusedException(option + "=" + output + " is not empty and is not an earlier output of gmsd run as "
        + "that run left it (" + describe(output) + "). gmsd run replaces only its own earlier output, never "
        + "other files: give a new or empty folder, or move what is in this one away yourself");
  }

  /**
   * {@link #requireReplaceableRunOutput(String, Path)} for a location: on a file system with a
   * scheme, the same rule over what Beam's file systems list there.
   */
  public static void requireReplaceableRunOutput(String option, String output) {
    if (Storage.isLocal(output)) {
      requireReplaceableRunOutput(option, Location.localPath(output));
      return;
    }
    Storage.Kind kind;
    List<String> listing;
    try {
      kind = Storage.kind(output);
      if (kind == Storage.Kind.MISSING) {
        return;
      }
      if (kind == Storage.Kind.FILE) {
        throw new RefusedException(option + "=" + output + " exists and is not a folder: give a new folder");
      }
      listing = listing(output, null);
    } catch (IOException e) {
      throw new UncheckedIOException(output + ": cannot be listed", e);
    }
    if (listing.isEmpty() || isEarlierRunOutput(output)) {
      return;
    }
    List<String> top = listing.stream().filter(e -> e.indexOf('/') < 0 || e.indexOf('/') == e.length() - 1)
        .map(e -> e.endsWith("/") ? e.substring(0, e.length() - 1) : e).toList();
    throw new RefusedException(option + "=" + output + " is not empty and is not an earlier output of gmsd run as "
        + "that run left it (it holds " + String.join(", ", top.subList(0, Math.min(5, top.size())))
        + (top.size() > 5 ? " and " + (top.size() - 5) + " more" : "") + "). gmsd run replaces only its own "
        + "earlier output, never other files: give a new or empty folder, or move what is in this one away yourself");
  }

  /** Refuses {@code output} unless it does not exist or is an empty folder. */
  public static void requireEmpty(String command, String option, Path output) {
    if (!Files.exists(output, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    requireFolder(option, output);
    if (!isEmpty(output)) {
      throw new RefusedException(option + "=" + output + " is not empty (" + describe(output) + "); " + command
          + " writes only into a new or empty folder and never replaces other files: give another folder");
    }
  }

  private static void requireFolder(String option, Path output) {
    if (!Files.isDirectory(output, LinkOption.NOFOLLOW_LINKS)) {
      throw new RefusedException(option + "=" + output + " exists and is not a folder"
          + (Files.isSymbolicLink(output) ? " (a symbolic link)" : "") + ": give a new folder");
    }
  }

  /** True when {@code dir} holds a run.json whose recorded listing matches what is in it. */
  public static boolean isEarlierRunOutput(Path dir) {
    Path runJson = dir.resolve(RunCommand.RUN_JSON);
    if (!Files.isRegularFile(runJson, LinkOption.NOFOLLOW_LINKS)) {
      return false;
    }
    String recorded;
    try {
      Matcher m = RUN_DIGEST.matcher(Files.readString(runJson, StandardCharsets.UTF_8));
      if (!m.find()) {
        return false;
      }
      recorded = m.group(1);
    } catch (IOException | UncheckedIOException e) {
      return false;
    }
    return recorded.equals(listingDigest(dir, null));
  }

  /** {@link #isEarlierRunOutput(Path)} for a location. */
  public static boolean isEarlierRunOutput(String dir) {
    if (Storage.isLocal(dir)) {
      return isEarlierRunOutput(Location.localPath(dir));
    }
    String recorded;
    try {
      Matcher m = RUN_DIGEST.matcher(new String(Storage.readAllBytes(Storage.resolve(dir, RunCommand.RUN_JSON)),
          StandardCharsets.UTF_8));
      if (!m.find()) {
        return false;
      }
      recorded = m.group(1);
      return recorded.equals(digest(listing(dir, null)));
    } catch (IOException | UncheckedIOException e) {
      return false;
    }
  }

  /**
   * {@link #listing(Path, String)} for a location. On a file system with a scheme there are no
   * links or special files, and a folder is listed as long as something is in it.
   */
  static List<String> listing(String dir, String skip) throws IOException {
    if (Storage.isLocal(dir)) {
      return listing(Location.localPath(dir), skip);
    }
    List<String> entries = new ArrayList<>();
    for (Map.Entry<String, Boolean> e : Storage.list(dir).entrySet()) {
      String name = e.getKey();
      String top = name.indexOf('/') < 0 ? name : name.substring(0, name.indexOf('/'));
      if (skip == null || !top.equals(skip)) {
        entries.add(e.getValue() ? name + "/" : name);
      }
    }
    entries.sort(null);
    return entries;
  }

  /**
   * The SHA-256 of the sorted relative paths of everything under {@code dir} (folders end in
   * {@code /}), one per line, leaving out the top-level entry {@code skip} (may be null). A
   * symbolic link, FIFO or other special file is listed with a mark, so it never matches a
   * listing of regular files.
   */
  public static String listingDigest(Path dir, String skip) {
    return digest(listing(dir, skip));
  }

  /** The digest of a listing (sorted here). */
  static String digest(List<String> listing) {
    List<String> entries = new ArrayList<>(listing);
    entries.sort(null);
    MessageDigest sha;
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    for (String e : entries) {
      sha.update(e.getBytes(StandardCharsets.UTF_8));
      sha.update((byte) '\n');
    }
    return HexFormat.of().formatHex(sha.digest());
  }

  static List<String> listing(Path dir, String skip) {
    List<String> entries = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.filter(p -> !p.equals(dir)).forEach(p -> {
        Path rel = dir.relativize(p);
        if (skip != null && rel.getName(0).toString().equals(skip)) {
          return;
        }
        String name = rel.toString().replace('\\', '/');
        if (Files.isSymbolicLink(p)) {
          entries.add(name + " -> (link)");
        } else if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
          entries.add(name + "/");
        } else if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
          entries.add(name);
        } else {
          entries.add(name + " (special)");
        }
      });
    } catch (IOException e) {
      throw new UncheckedIOException(dir + ": cannot be listed", e);
    }
    entries.sort(null);
    return entries;
  }

  static boolean isEmpty(Path dir) {
    try (Stream<Path> s = Files.list(dir)) {
      return s.findAny().isEmpty();
    } catch (IOException e) {
      return false;
    }
  }

  /** "holds notes.txt, tabellen, ..." : a few top-level names, for a message. */
  static String describe(Path dir) {
    List<String> names = new ArrayList<>();
    long n;
    try (Stream<Path> s = Files.list(dir)) {
      List<Path> all = s.sorted().toList();
      n = all.size();
      for (Path p : all.subList(0, (int) Math.min(5, n))) {
        names.add(p.getFileName().toString());
      }
    } catch (IOException e) {
      return "its content cannot be listed";
    }
    return "it holds " + String.join(", ", names) + (n > 5 ? " and " + (n - 5) + " more" : "");
  }

  /**
   * The real path of {@code p}, also when it does not exist yet: its nearest existing ancestor's
   * real path (symbolic links resolved) with the rest appended.
   */
  static Path real(Path p) {
    Path abs = p.toAbsolutePath().normalize();
    Path existing = abs;
    List<Path> rest = new ArrayList<>();
    while (existing != null && !Files.exists(existing)) {
      rest.add(0, existing.getFileName());
      existing = existing.getParent();
    }
    Path base;
    try {
      base = existing == null ? abs.getRoot() : existing.toRealPath();
    } catch (IOException e) {
      base = existing;
    }
    for (Path r : rest) {
      base = base.resolve(r.toString());
    }
    return base;
  }
}
