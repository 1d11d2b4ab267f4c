/**
 * The technical check (technische toets) of delivered files (SPEC 3, 4, 10, 11, 12), as plain
 * Java that needs no Beam.
 *
 * <ul>
 *   <li>{@link nl.gmsd.check.FileKinds}, {@link nl.gmsd.check.FileKind}: every kind of delivered
 *       file as data (the Wmo file, and for 2016-2019 the SBO and JEUGD cost files): its name
 *       prefix, years in force, columns with their roles and years, codes, rules and record, from
 *       {@code protocol.properties}, {@code codes.csv} and per kind {@code <kind>-protocol.properties},
 *       {@code <kind>-columns.csv}, {@code <kind>-codes.csv} beside this package's resources.
 *   <li>{@link nl.gmsd.check.Protocols}: the kinds in force for a period; {@link
 *       nl.gmsd.check.Protocol}: one kind's protocol of one year (columns, formats, value lists,
 *       codes and their Dutch texts with the kind's name and header filled in).
 *   <li>{@link nl.gmsd.check.FileChecker}: checks one file in one streaming pass as the kind its
 *       name says, and hands on the records of an approved file in a second pass, built from the
 *       columns' roles (a {@code DeliveryRecord} for Wmo, a {@code CostRecord} for SBO and JEUGD).
 *   <li>{@link nl.gmsd.check.CheckReports}: the JSON and Dutch reports and {@code verdicts.csv}.
 *   <li>{@link nl.gmsd.check.CheckCommand}: {@code gmsd check}, the stand-alone check.
 * </ul>
 *
 * <p>Decisions taken here where SPEC 11 leaves room (each also in the protocol settings):
 * a first line that is empty is F06 ("no header line"); a line longer than {@code line.maxBytes}
 * is R01 without being split; W31 applies to every record line, R01 lines included; W30 is not
 * checked when R17 holds; a file's gemeentecode longer than {@code gemeentecode.maxShownLength}
 * is replaced by the account's code (it may be a BSN in a shifted column); after F05 the findings
 * of the lines before it are kept and {@code records} counts the records read before it; a CR
 * is a line end only before LF or at the very end of the file.
 */
package nl.gmsd.check;
