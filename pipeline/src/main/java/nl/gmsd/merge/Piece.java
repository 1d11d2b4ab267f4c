package nl.gmsd.merge;

import nl.gmsd.avro.PseudonymisedRecord;

/**
 * An interval on its way to becoming an arrangement: a single record, or the result of stage 1.
 * {@code representative} is the record that decided its leveringsvorm and reden beeindiging; its
 * half year and line break ties.
 */
record Piece(
    int start,
    Integer end,
    String leveringsvorm,
    String redenBeeindiging,
    int records,
    PseudonymisedRecord representative) {

  static Piece of(PseudonymisedRecord r) {
    return new Piece(r.getStart(), r.getEnd(), r.getLeveringsvorm(), r.getRedenBeeindiging(), 1, r);
  }
}
