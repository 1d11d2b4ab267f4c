package nl.gmsd.common.io;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a command reads or writes, as the user gave it: a local path, or a URI with a scheme
 * ({@code hdfs://namenode:8020/gmsd/archive}). A value with a scheme is never taken as a local
 * relative path (issue 17: {@code --output=hdfs://...} once wrote into a local folder named
 * {@code hdfs:}): it is served by a file system for its scheme, or refused.
 */
public final class Location {

  /** A URI scheme (RFC 3986, at least two letters so that {@code C:\} stays a path) and a slash. */
  private static final Pattern SCHEME = Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]+):/");

  /** Thrown for a location no file system of this program serves; the message names the fix. */
  public static final class UnservedException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public UnservedException(String message) {
      super(message);
    }
  }

  private Location() {}

  /** The scheme of {@code value} in lower case ({@code hdfs}), or empty for a plain path. */
  public static Optional<String> scheme(String value) {
    Matcher m = SCHEME.matcher(value);
    return m.find() ? Optional.of(m.group(1).toLowerCase(Locale.ROOT)) : Optional.empty();
  }

  /** The local path of a plain path or a {@code file:} URI (refused by {@link #requireLocal} otherwise). */
  public static java.nio.file.Path localPath(String value) {
    return scheme(value).isPresent() ? java.nio.file.Path.of(java.net.URI.create(value)) : java.nio.file.Paths.get(value);
  }

  /**
   * Refuses {@code option=value} when no file system registered with Beam's {@link
   * org.apache.beam.sdk.io.FileSystems} serves its scheme (call {@code
   * FileSystems.setDefaultPipelineOptions} first: the options configure some, e.g. hdfs).
   */
  public static void requireServed(String option, String value) {
    Optional<String> scheme = scheme(value);
    if (scheme.isEmpty() || scheme.get().equals("file")) {
      return;
    }
    try {
      org.apache.beam.sdk.io.FileSystems.matchNewResource(value, true);
    } catch (IllegalArgumentException e) {
      String s = scheme.get();
      String fix = HADOOP_SCHEMES.contains(s)
          ? "Beam's Hadoop file system serves it once it has the cluster's Hadoop configuration: set "
              + "HADOOP_CONF_DIR to the folder with the cluster's core-site.xml and hdfs-site.xml, or pass "
              + "--hdfsConfiguration='[{\"fs.defaultFS\":\"" + s + "://NAMENODE:8020\"}]' (README, Running on Flink)"
          : "this program holds file systems for local paths, hdfs:// and s3:// (gmsd.jar) only; give a "
              + "location on one of them, or add Beam's file system for '" + s + ":' to the jar (README, Running on Flink)";
      throw new UnservedException(option + "=" + value + ": no file system for '" + s + ":' is registered; " + fix);
    }
  }

  /** The schemes Beam's Hadoop file system serves with a configuration for them. */
  private static final java.util.Set<String> HADOOP_SCHEMES = java.util.Set.of("hdfs", "webhdfs", "viewfs");

  /**
   * Refuses {@code option=value} when it names a scheme this command cannot serve; a plain path
   * and {@code file:} are local. {@code served} describes what the command does serve.
   */
  public static void requireLocal(String command, String option, String value) {
    Optional<String> scheme = scheme(value);
    if (scheme.isPresent() && !scheme.get().equals("file")) {
      throw new UnservedException(option + "=" + value + ": " + command + " reads and writes local paths only, "
          + "and no file system for '" + scheme.get() + ":' is served here; give a local path (or a folder the "
          + "storage is mounted on)");
    }
  }
}
