package nl.gmsd.disclose;

import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The audit's systems kept between uses, by their free gemeenten: the audit asks for the same
 * systems again and again (a cell's neighbourhood in every round, every release trial), and a
 * system built anew costs its model and a solve from scratch (about 2.6 ms against 1.0 ms for a
 * solve that starts from the last basis, at scale 0.002). A system taken again gets the intervals
 * as they are now ({@link RestrictedSystem#refresh}); the solver starts from its last basis.
 *
 * <p><b>Determinism.</b> Where an optimum is not unique, which one the solver returns depends on
 * where it starts, so what is kept must not depend on thread timing: callers take and give back
 * systems in a fixed order ({@link Audit} takes a stage's systems in task order before the tasks
 * run and gives them back in task order after), and the pool evicts least recently given back
 * first. A system is used by one task at a time: taking removes it from the pool.
 */
final class SystemPool implements AutoCloseable {

  /**
   * How many systems a period's disclosure control keeps ([decision]: 250). Each holds a native
   * model of about 1 MB, outside the Java heap, so the pool is bounded. At scale 0.002 (two
   * periods side by side) the audits need about 18 000 systems a period over 3 400 distinct sets
   * of gemeenten; keeping 250 takes 7 400 and 10 800 of them from the pool, and both periods'
   * disclosure control went from 279 to 245 s of CPU for 0.47 GB more peak memory (1 000: 228 s,
   * 1.5 GB more; BENCHMARKS.md).
   */
  static final int KEPT = 250;

  private final AuditState s;
  private final int capacity;
  private final LinkedHashMap<List<Integer>, RestrictedSystem> idle = new LinkedHashMap<>();
  private long built;
  private long reused;

  SystemPool(AuditState s, int capacity) {
    this.s = s;
    this.capacity = capacity;
  }

  /** The system of the free gemeenten, with the intervals as they are now: a kept one, or a new one. */
  RestrictedSystem take(int[] free) {
    RestrictedSystem sys = idle.remove(key(free));
    if (sys == null) {
      built++;
      return new RestrictedSystem(s, free);
    }
    reused++;
    sys.refresh();
    return sys;
  }

  /**
   * Keeps a system for a later {@link #take} (closes it when one of the same gemeenten is kept
   * already), evicting the least recently given back beyond the capacity.
   */
  void give(RestrictedSystem sys) {
    List<Integer> key = key(sys.free);
    if (capacity <= 0 || idle.containsKey(key)) {
      sys.close();
      return;
    }
    idle.put(key, sys);
    Iterator<Map.Entry<List<Integer>, RestrictedSystem>> it = idle.entrySet().iterator();
    while (idle.size() > capacity) {
      it.next().getValue().close();
      it.remove();
    }
  }

  /** Systems built anew and taken again so far. */
  long built() {
    return built;
  }

  long reused() {
    return reused;
  }

  private static List<Integer> key(int[] free) {
    return Arrays.stream(free).sorted().boxed().toList();
  }

  @Override
  public void close() {
    idle.values().forEach(RestrictedSystem::close);
    idle.clear();
  }
}
