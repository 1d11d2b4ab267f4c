package nl.gmsd.merge;

import java.util.Comparator;

/**
 * One step of the tie-break that picks the deciding record of a merged arrangement (SPEC 5, 11
 * [decision]): the record whose leveringsvorm and reden beeindiging the arrangement keeps. Each
 * rule orders pieces so that the <em>winning</em> piece is the greatest. {@link
 * MergeSettings#decidingOrder()} lists the rules in the order they are applied.
 */
public enum DecidingRecordRule {
  /** The later start wins. */
  LATEST_START(Comparator.comparingInt(Piece::start)),
  /** The later end wins; an open end (still running) is the latest. */
  LATEST_END(Comparator.comparing(Piece::end, Comparator.nullsLast(Comparator.naturalOrder()))),
  /**
   * The record from the file of the later half year wins (H2 over H1 of the same year). With
   * {@link #HIGHEST_LINE} this is SPEC 11's "latest line".
   */
  LATEST_HALF_YEAR(Comparator.comparingInt(p -> p.representative().getHalfYear())),
  /** The higher physical line number in its file wins. */
  HIGHEST_LINE(Comparator.comparingInt(p -> p.representative().getLine()));

  private final Comparator<Piece> order;

  DecidingRecordRule(Comparator<Piece> order) {
    this.order = order;
  }

  /** Orders pieces so that the piece this rule prefers is the greatest. */
  Comparator<Piece> order() {
    return order;
  }
}
