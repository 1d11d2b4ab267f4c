package nl.gmsd.common.io;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.EmptyMatchTreatment;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.apache.beam.sdk.util.MimeTypes;

/**
 * Reads and writes a location ({@link Location}): a local path through {@code java.nio} as
 * before (its checks of links, permissions and special files need it, and a local run stays as
 * fast as it was), anything with a scheme through Beam's {@link FileSystems} (match, open,
 * create, rename, delete), so that {@code hdfs://} works wherever Beam has a file system for it
 * registered, on the driver and on every worker alike.
 *
 * <p>Beam's file systems know files, not folders: a folder is what has files below it, and an
 * empty one is told from an empty file by whether it can be opened. Locations are taken
 * literally, so a name with glob characters ({@code * ? [ ] { }}) is refused on a file system
 * with a scheme.
 */
public final class Storage {

  /** What a location is. */
  public enum Kind { MISSING, FILE, FOLDER }

  private Storage() {}

  /**
   * [decision] The schemes whose file system renames a folder with everything in it in one atomic
   * step: a local disk ({@code file}) and HDFS ({@code hdfs}, {@code webhdfs}, and {@code viewfs},
   * whose mount table points at HDFS), where a rename is one NameNode operation. Any other scheme,
   * an object store's above all ({@code s3}, {@code gs}: a "rename" there copies and deletes each
   * object), is taken not to: a run publishes there by copying, with {@code run.json} written last
   * as the marker that the output is complete ({@code OutputStaging}). A scheme added to the jar
   * is on the safe side until it is listed here.
   */
  public static final java.util.Set<String> ATOMIC_FOLDER_RENAME = java.util.Set.of("file", "hdfs", "webhdfs", "viewfs");

  /** Whether the file system of {@code location} renames a folder atomically ({@link #ATOMIC_FOLDER_RENAME}). */
  public static boolean renamesFoldersAtomically(String location) {
    return ATOMIC_FOLDER_RENAME.contains(Location.scheme(location).orElse("file"));
  }

  /** Whether {@code location} is a local path (a plain path or a {@code file:} URI). */
  public static boolean isLocal(String location) {
    return Location.scheme(location).map("file"::equals).orElse(true);
  }

  /** {@code relative} (slash-separated) inside the folder {@code dir}. */
  public static String resolve(String dir, String relative) {
    if (isLocal(dir)) {
      return Location.localPath(dir).resolve(relative).toString();
    }
    return (dir.endsWith("/") ? dir : dir + "/") + relative;
  }

  /** The folder that holds {@code location}. */
  public static String parent(String location) {
    if (isLocal(location)) {
      return Location.localPath(location).toAbsolutePath().getParent().toString();
    }
    String s = trimSlash(location);
    return s.substring(0, s.lastIndexOf('/'));
  }

  /** The last name of {@code location}. */
  public static String name(String location) {
    if (isLocal(location)) {
      return Location.localPath(location).getFileName().toString();
    }
    String s = trimSlash(location);
    return s.substring(s.lastIndexOf('/') + 1);
  }

  /**
   * The absolute form of a location as the run records and compares it: a local path made
   * absolute and normalised; a URI with its path normalised.
   */
  public static String normalize(String location) {
    if (isLocal(location)) {
      return Location.localPath(location).toAbsolutePath().normalize().toString();
    }
    return trimSlash(URI.create(location).normalize().toString());
  }

  /** Whether {@code inner} is {@code outer} or lies inside it (both normalised, same store). */
  public static boolean within(String inner, String outer) {
    String i = normalize(inner);
    String o = normalize(outer);
    return i.equals(o) || i.startsWith(o + "/");
  }

  public static InputStream open(String location) throws IOException {
    if (isLocal(location)) {
      return Files.newInputStream(Location.localPath(location));
    }
    return Channels.newInputStream(FileSystems.open(file(location)));
  }

  public static byte[] readAllBytes(String location) throws IOException {
    try (InputStream in = open(location)) {
      return in.readAllBytes();
    }
  }

  /** A new file (replacing one that is there); its folders are made as needed. */
  public static OutputStream create(String location) throws IOException {
    if (isLocal(location)) {
      Path p = Location.localPath(location);
      Files.createDirectories(p.toAbsolutePath().getParent());
      return Files.newOutputStream(p);
    }
    return new CloseOnce(Channels.newOutputStream(FileSystems.create(file(location), MimeTypes.BINARY)));
  }

  /**
   * A stream whose second close does nothing. Writers close the stream they were given (Avro's
   * {@code DataFileWriter}), and so does the code that opened it; Beam's S3 channel would complete
   * its upload a second time, which the store refuses (the parts are gone).
   */
  private static final class CloseOnce extends java.io.FilterOutputStream {
    private boolean closed;

    CloseOnce(OutputStream out) {
      super(out);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
    }

    @Override
    public void close() throws IOException {
      if (!closed) {
        closed = true;
        out.close();
      }
    }
  }

  /** The size of the file {@code location} in bytes. */
  public static long size(String location) throws IOException {
    if (isLocal(location)) {
      return Files.size(Location.localPath(location));
    }
    return FileSystems.matchSingleFileSpec(file(location).toString()).sizeBytes();
  }

  /**
   * The file {@code location} opened for reading from any offset: a local {@link
   * java.nio.channels.FileChannel}, or the seekable channel of Beam's file system (HDFS's is).
   */
  public static SeekableByteChannel openSeekable(String location) throws IOException {
    if (isLocal(location)) {
      return FileChannel.open(Location.localPath(location), StandardOpenOption.READ);
    }
    ReadableByteChannel ch = FileSystems.open(file(location));
    if (ch instanceof SeekableByteChannel seekable) {
      return seekable;
    }
    ch.close();
    throw new IOException(location + ": its file system cannot read a file from an offset, which reading it in "
        + "parallel needs; keep it on a local disk or on HDFS");
  }

  /** When the file {@code location} was last written, in milliseconds since the epoch. */
  public static long lastModifiedMillis(String location) throws IOException {
    if (isLocal(location)) {
      return Files.getLastModifiedTime(Location.localPath(location)).toMillis();
    }
    return FileSystems.matchSingleFileSpec(file(location).toString()).lastModifiedMillis();
  }

  /** What {@code location} is (following links on a local path). */
  public static Kind kind(String location) throws IOException {
    if (isLocal(location)) {
      Path p = Location.localPath(location);
      return Files.isDirectory(p) ? Kind.FOLDER : Files.exists(p) ? Kind.FILE : Kind.MISSING;
    }
    if (matches(location).isEmpty()) {
      // An object store has no folders: a name with objects below it is one.
      return matches(resolve(location, "**")).isEmpty() ? Kind.MISSING : Kind.FOLDER;
    }
    if (!matches(resolve(location, "*")).isEmpty()) {
      return Kind.FOLDER;
    }
    return opens(location) ? Kind.FILE : Kind.FOLDER;
  }

  /**
   * Everything under the folder {@code dir}, by relative slash-separated name: files mapped to
   * false, folders (at any depth) to true. Empty for a folder that is missing.
   */
  public static Map<String, Boolean> list(String dir) throws IOException {
    Map<String, Boolean> entries = new TreeMap<>();
    if (isLocal(dir)) {
      Path root = Location.localPath(dir);
      if (!Files.isDirectory(root)) {
        return entries;
      }
      try (Stream<Path> walk = Files.walk(root)) {
        walk.filter(p -> !p.equals(root)).forEach(p -> entries.put(root.relativize(p).toString().replace('\\', '/'),
            Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)));
      }
      return entries;
    }
    String base = URI.create(trimSlash(dir)).getPath();
    // Files at any depth (Hadoop's "**" leaves out the files directly in dir: "*" adds them).
    for (MatchResult.Metadata m : matches(resolve(dir, "**"))) {
      entries.put(relative(base, m.resourceId()), false);
    }
    List<String> files = new ArrayList<>(entries.keySet());
    for (MatchResult.Metadata m : matches(resolve(dir, "*"))) {
      String rel = relative(base, m.resourceId());
      if (entries.containsKey(rel)) {
        continue;
      }
      boolean holdsFiles = files.stream().anyMatch(f -> f.startsWith(rel + "/"));
      entries.put(rel, holdsFiles || !opens(m.resourceId().toString()));
    }
    for (String f : files) {
      for (int slash = f.indexOf('/'); slash > 0; slash = f.indexOf('/', slash + 1)) {
        entries.put(f.substring(0, slash), true);
      }
    }
    return entries;
  }

  /**
   * The folders directly in {@code dir} whose name starts with {@code prefix} (a literal), by
   * name; empty when {@code dir} is missing. Only {@code dir}'s top level is read on a local disk;
   * on an object store, what lies below those names.
   */
  public static List<String> foldersNamed(String dir, String prefix) throws IOException {
    java.util.SortedSet<String> names = new java.util.TreeSet<>();
    if (isLocal(dir)) {
      Path root = Location.localPath(dir);
      if (!Files.isDirectory(root)) {
        return List.of();
      }
      try (java.nio.file.DirectoryStream<Path> entries = Files.newDirectoryStream(root)) {
        for (Path p : entries) {
          String n = p.getFileName().toString();
          if (n.startsWith(prefix) && Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
            names.add(n);
          }
        }
      }
      return List.copyOf(names);
    }
    requireLiteral(prefix);
    String base = URI.create(trimSlash(dir)).getPath();
    // A folder itself (HDFS), or the objects below a name (an object store lists no folders).
    for (String spec : List.of(resolve(dir, prefix + "*"), resolve(dir, prefix + "*/**"))) {
      for (MatchResult.Metadata m : matches(spec)) {
        String rel = relative(base, m.resourceId());
        int slash = rel.indexOf('/');
        if (slash > 0) {
          names.add(rel.substring(0, slash));
        } else if (!opens(m.resourceId().toString())) {
          names.add(rel);
        }
      }
    }
    return List.copyOf(names);
  }

  /** Copies a file; {@code to} is replaced when it exists. On an object store, a copy within the store. */
  public static void copy(String from, String to) throws IOException {
    if (isLocal(from) && isLocal(to)) {
      Path target = Location.localPath(to);
      Files.createDirectories(target.toAbsolutePath().getParent());
      Files.copy(Location.localPath(from), target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      return;
    }
    FileSystems.copy(List.of(file(from)), List.of(file(to)));
  }

  /** {@link #copy} of each file of {@code from} to the file of {@code to} at the same place, in one request where the store takes that. */
  public static void copyFiles(List<String> from, List<String> to) throws IOException {
    if (from.size() != to.size()) {
      throw new IllegalArgumentException(from.size() + " files to copy to " + to.size() + " places");
    }
    if (from.isEmpty()) {
      return;
    }
    if (isLocal(from.get(0)) && isLocal(to.get(0))) {
      for (int i = 0; i < from.size(); i++) {
        copy(from.get(i), to.get(i));
      }
      return;
    }
    FileSystems.copy(from.stream().map(Storage::file).toList(), to.stream().map(Storage::file).toList());
  }

  /** Deletes files; a missing one is no error. */
  public static void deleteFiles(Collection<String> locations) throws IOException {
    List<ResourceId> remote = new ArrayList<>();
    for (String l : locations) {
      if (isLocal(l)) {
        Files.deleteIfExists(Location.localPath(l));
      } else {
        remote.add(file(l));
      }
    }
    if (!remote.isEmpty()) {
      FileSystems.delete(remote, org.apache.beam.sdk.io.fs.MoveOptions.StandardMoveOptions.IGNORE_MISSING_FILES);
    }
  }

  /** Renames a file or a folder; {@code to} must not exist. */
  public static void rename(String from, String to) throws IOException {
    if (isLocal(from)) {
      Files.move(Location.localPath(from), Location.localPath(to));
      return;
    }
    boolean folder = kind(from) == Kind.FOLDER;
    FileSystems.rename(List.of(resource(from, folder)), List.of(resource(to, folder)));
  }

  /** Renames a file; {@code to} is replaced when it exists. One call less than {@link #rename}. */
  public static void renameFile(String from, String to) throws IOException {
    if (isLocal(from)) {
      Files.move(Location.localPath(from), Location.localPath(to), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      return;
    }
    FileSystems.rename(List.of(file(from)), List.of(file(to)));
  }

  /** Deletes a file, or a folder with everything in it; nothing when it is missing. */
  public static void deleteRecursively(String location) throws IOException {
    if (isLocal(location)) {
      Path dir = Location.localPath(location);
      if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
        return;
      }
      try (Stream<Path> walk = Files.walk(dir)) {
        for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      }
      return;
    }
    Kind kind = kind(location);
    if (kind == Kind.MISSING) {
      return;
    }
    List<String> folders = new ArrayList<>();
    List<ResourceId> files = new ArrayList<>();
    if (kind == Kind.FOLDER) {
      for (Map.Entry<String, Boolean> e : list(location).entrySet()) {
        if (e.getValue()) {
          folders.add(e.getKey());
        } else {
          files.add(file(resolve(location, e.getKey())));
        }
      }
    } else {
      files.add(file(location));
    }
    delete(files);
    // The deepest folders first: Beam's Hadoop file system deletes only empty folders.
    folders.sort(Comparator.comparing((String f) -> f.chars().filter(c -> c == '/').count()).reversed());
    for (String f : folders) {
      delete(List.of(resource(resolve(location, f), true)));
    }
    if (kind == Kind.FOLDER) {
      delete(List.of(resource(location, true)));
    }
  }

  /** Deletes one file. */
  public static void delete(String location) throws IOException {
    if (isLocal(location)) {
      Files.deleteIfExists(Location.localPath(location));
    } else {
      delete(List.of(file(location)));
    }
  }

  private static void delete(Collection<ResourceId> ids) throws IOException {
    if (!ids.isEmpty()) {
      FileSystems.delete(ids);
    }
  }

  private static List<MatchResult.Metadata> matches(String spec) throws IOException {
    MatchResult r = FileSystems.match(spec, EmptyMatchTreatment.ALLOW);
    if (r.status() == MatchResult.Status.NOT_FOUND) {
      return List.of();
    }
    return r.metadata(); // throws the store's IOException for Status.ERROR
  }

  private static boolean opens(String location) throws IOException {
    try (InputStream ignored = Channels.newInputStream(FileSystems.open(file(location)))) {
      return true;
    } catch (FileNotFoundException e) {
      return false; // Hadoop: "Path is not a file" for a folder
    }
  }

  private static ResourceId file(String location) {
    requireLiteral(location);
    return FileSystems.matchNewResource(location, false);
  }

  /**
   * A file or a folder, named without a trailing slash either way: Beam's Hadoop file system
   * takes the parent of {@code out/} to be {@code out}, and would make it, and rename a folder
   * into it rather than to it.
   */
  private static ResourceId resource(String location, boolean folder) {
    requireLiteral(location);
    return FileSystems.matchNewResource(trimSlash(location), false);
  }

  private static void requireLiteral(String location) {
    if (FileSystems.hasGlobWildcard(location)) {
      throw new IllegalArgumentException(location + ": a name with * ? [ ] { } cannot be used on a file system "
          + "with a scheme (it would be taken as a pattern); rename it");
    }
  }

  private static String relative(String basePath, ResourceId id) {
    String path = URI.create(id.toString()).getPath();
    String rel = path.substring(basePath.length());
    while (rel.startsWith("/")) {
      rel = rel.substring(1);
    }
    return trimSlash(rel);
  }

  private static String trimSlash(String s) {
    String t = s;
    while (t.endsWith("/") && !t.endsWith("://") && t.length() > 1) {
      t = t.substring(0, t.length() - 1);
    }
    return t;
  }
}
