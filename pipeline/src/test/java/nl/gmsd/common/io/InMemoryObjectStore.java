package nl.gmsd.common.io;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.apache.beam.sdk.io.FileSystem;
import org.apache.beam.sdk.io.FileSystemRegistrar;
import org.apache.beam.sdk.io.FileSystemUtils;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.CreateOptions;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.io.fs.MoveOptions;
import org.apache.beam.sdk.io.fs.ResolveOptions;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.apache.beam.sdk.options.PipelineOptions;

/**
 * A Beam file system for the scheme {@code objstore:} that behaves as an object store does (S3's
 * as Beam serves it): keys, no folders (a "folder" is a prefix with keys below it), a match of
 * {@code *} within one name and {@code **} across them, a copy per object, a rename that copies
 * and deletes, a delete of a missing key that is no error. Kept in memory, for the tests of a
 * publish without an atomic rename of a folder ({@code OutputStaging}); {@link #failCopyAfter}
 * makes the n-th copy from now fail, as a store's error or a run killed then would stop it.
 * Registered for every test through {@code META-INF/services} once {@link FileSystems} has options.
 */
public final class InMemoryObjectStore extends FileSystem<InMemoryObjectStore.Key> {
  public static final String SCHEME = "objstore";

  private static final Map<String, byte[]> OBJECTS = new ConcurrentSkipListMap<>();
  private static final AtomicInteger COPIES_LEFT = new AtomicInteger(-1);

  /** Every object, by its location ({@code objstore://bucket/key}). */
  public static Map<String, byte[]> objects() {
    return new TreeMap<>(OBJECTS);
  }

  public static void clear() {
    OBJECTS.clear();
    COPIES_LEFT.set(-1);
  }

  /** The next {@code copies} copies succeed, the one after fails (and every later one); -1: none fails. */
  public static void failCopyAfter(int copies) {
    COPIES_LEFT.set(copies);
  }

  /** Registers the store with Beam's {@link FileSystems}. */
  public static final class Registrar implements FileSystemRegistrar {
    @Override
    public Iterable<FileSystem<?>> fromOptions(PipelineOptions options) {
      return List.of(new InMemoryObjectStore());
    }
  }

  /** A key: a file, or (ending in '/') a prefix. */
  public static final class Key implements ResourceId {
    private static final long serialVersionUID = 1L;
    private final String uri;

    Key(String uri) {
      this.uri = uri;
    }

    @Override
    public ResourceId resolve(String other, ResolveOptions options) {
      String base = uri.endsWith("/") ? uri : uri + "/";
      boolean dir = options == ResolveOptions.StandardResolveOptions.RESOLVE_DIRECTORY;
      return new Key(base + other + (dir && !other.endsWith("/") ? "/" : ""));
    }

    @Override
    public ResourceId getCurrentDirectory() {
      return isDirectory() ? this : new Key(uri.substring(0, uri.lastIndexOf('/') + 1));
    }

    @Override
    public String getScheme() {
      return SCHEME;
    }

    @Override
    public String getFilename() {
      String s = uri.endsWith("/") ? uri.substring(0, uri.length() - 1) : uri;
      return s.substring(s.lastIndexOf('/') + 1);
    }

    @Override
    public boolean isDirectory() {
      return uri.endsWith("/");
    }

    @Override
    public String toString() {
      return uri;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Key k && k.uri.equals(uri);
    }

    @Override
    public int hashCode() {
      return uri.hashCode();
    }
  }

  @Override
  protected List<MatchResult> match(List<String> specs) {
    List<MatchResult> results = new ArrayList<>();
    for (String spec : specs) {
      List<MatchResult.Metadata> found = new ArrayList<>();
      if (FileSystems.hasGlobWildcard(spec)) {
        Pattern p = Pattern.compile(FileSystemUtils.wildcardToRegexp(spec));
        OBJECTS.forEach((k, v) -> {
          if (p.matcher(k).matches()) {
            found.add(metadata(k, v));
          }
        });
        results.add(MatchResult.create(MatchResult.Status.OK, found));
      } else if (OBJECTS.containsKey(spec)) {
        results.add(MatchResult.create(MatchResult.Status.OK, List.of(metadata(spec, OBJECTS.get(spec)))));
      } else {
        results.add(MatchResult.create(MatchResult.Status.NOT_FOUND, new FileNotFoundException(spec)));
      }
    }
    return results;
  }

  private static MatchResult.Metadata metadata(String key, byte[] bytes) {
    return MatchResult.Metadata.builder().setResourceId(new Key(key)).setSizeBytes(bytes.length)
        .setIsReadSeekEfficient(true).setLastModifiedMillis(System.currentTimeMillis()).build();
  }

  @Override
  protected WritableByteChannel create(Key key, CreateOptions options) {
    // Like S3's multipart upload: the object appears whole when the channel is closed, and a
    // second close (completing the upload again) is refused.
    ByteArrayOutputStream buffer = new ByteArrayOutputStream() {
      private boolean completed;

      @Override
      public void close() throws IOException {
        if (completed) {
          throw new IOException(key + ": the upload is complete already");
        }
        completed = true;
        OBJECTS.put(key.toString(), toByteArray());
      }
    };
    return Channels.newChannel(buffer);
  }

  @Override
  protected ReadableByteChannel open(Key key) throws IOException {
    byte[] bytes = OBJECTS.get(key.toString());
    if (bytes == null) {
      throw new FileNotFoundException(key.toString());
    }
    return Channels.newChannel(new ByteArrayInputStream(bytes));
  }

  @Override
  protected void copy(List<Key> from, List<Key> to) throws IOException {
    for (int i = 0; i < from.size(); i++) {
      if (COPIES_LEFT.get() >= 0 && COPIES_LEFT.getAndDecrement() == 0) {
        COPIES_LEFT.set(0);
        throw new IOException("the store failed a copy (a test's failure) to " + to.get(i));
      }
      byte[] bytes = OBJECTS.get(from.get(i).toString());
      if (bytes == null) {
        throw new FileNotFoundException(from.get(i).toString());
      }
      OBJECTS.put(to.get(i).toString(), bytes);
    }
  }

  @Override
  protected void rename(List<Key> from, List<Key> to, MoveOptions... options) throws IOException {
    copy(from, to);
    delete(from);
  }

  @Override
  protected void delete(Collection<Key> keys) {
    for (Key k : keys) {
      OBJECTS.remove(k.toString());
    }
  }

  @Override
  protected Key matchNewResource(String spec, boolean isDirectory) {
    return new Key(isDirectory && !spec.endsWith("/") ? spec + "/" : spec);
  }

  @Override
  protected String getScheme() {
    return SCHEME;
  }
}
