package nl.gmsd.pseudonymise;

import java.io.Serializable;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;
import nl.gmsd.avro.Upload;

/**
 * The delivered files of a run numbered in the String order of their manifest paths, so that a
 * record carries its file's rank (4 bytes) instead of its path to the merge, and ranks compare as
 * the paths would: the merge's last tie-break (the same line in two files) keeps its order. The
 * merge never writes a path, so it needs no more than that.
 */
public final class FileRanks implements Serializable {

  private static final long serialVersionUID = 1L;

  private final Map<String, Integer> ranks = new HashMap<>();

  private FileRanks(Collection<String> paths) {
    int rank = 0;
    for (String path : new TreeSet<>(paths)) {
      ranks.put(path, rank++);
    }
  }

  /** The ranks of these paths (a path listed twice has one rank). */
  public static FileRanks ofPaths(Collection<String> paths) {
    return new FileRanks(paths);
  }

  /** The ranks of the uploads' manifest paths. */
  public static FileRanks of(Collection<Upload> uploads) {
    return ofPaths(uploads.stream().map(Upload::getFile).toList());
  }

  /** The rank of {@code path}; fails for a path that is not one of the run's uploads (a bug upstream). */
  public int rank(String path) {
    Integer rank = ranks.get(path);
    if (rank == null) {
      throw new IllegalArgumentException("a record of a file that is not among the run's uploads: " + path);
    }
    return rank;
  }
}
