package nl.gmsd.disclose;

/**
 * One step of disclosure control (SPEC 8). The steps run in a fixed order over one period's
 * {@link Protection}: each makes further cells secret for the cells the audit could not prove safe
 * yet (the last publishes again the secondary cells not needed), and says what it did. A new method (controlled rounding, a cell-key method) is one more
 * implementation in {@link DisclosureControl}'s chain.
 */
interface ProtectionStage {

  /** The stage's name, as {@code run.json} shows it. */
  String name();

  /**
   * Protects what it can of {@link Protection#unsafe()}, re-auditing through {@link
   * Protection#audit()} as it goes.
   */
  Report protect(Protection p);

  /**
   * What a stage did.
   *
   * @param stage the stage's name
   * @param cellsMadeSecret cells it made secret (primary suppression: the cells below minCount)
   * @param cellsReleased secondary cells it published again ({@link ReleaseRedundantCells})
   * @param rounds rounds it ran (0 for a stage with no rounds; cells tried for a release)
   * @param unsafeAfter secret cells not proven safe when it ended
   */
  record Report(String stage, int cellsMadeSecret, int cellsReleased, int rounds, int unsafeAfter)
      implements java.io.Serializable {}
}
