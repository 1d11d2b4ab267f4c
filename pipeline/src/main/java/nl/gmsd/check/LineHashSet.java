package nl.gmsd.check;

/**
 * A set of 128-bit line hashes (open addressing over two long arrays), so that W31 can find
 * exact duplicates without keeping the lines: 16 bytes per distinct line, no object per line.
 */
final class LineHashSet {

  private long[] hi = new long[1024];
  private long[] lo = new long[1024];
  private boolean[] used = new boolean[1024];
  private int size;

  /** Adds the hash; returns false when it was already present (a duplicate line). */
  boolean add(long h, long l) {
    if (2 * (size + 1) > used.length) {
      grow();
    }
    int mask = used.length - 1;
    int i = (int) (h ^ (h >>> 32)) & mask;
    while (used[i]) {
      if (hi[i] == h && lo[i] == l) {
        return false;
      }
      i = (i + 1) & mask;
    }
    used[i] = true;
    hi[i] = h;
    lo[i] = l;
    size++;
    return true;
  }

  int size() {
    return size;
  }

  private void grow() {
    long[] oh = hi;
    long[] ol = lo;
    boolean[] ou = used;
    hi = new long[oh.length * 2];
    lo = new long[oh.length * 2];
    used = new boolean[oh.length * 2];
    size = 0;
    for (int i = 0; i < ou.length; i++) {
      if (ou[i]) {
        add(oh[i], ol[i]);
      }
    }
  }
}
