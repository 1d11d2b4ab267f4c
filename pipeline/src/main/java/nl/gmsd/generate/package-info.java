/**
 * {@code gmsd generate}: synthetic delivery archives and reference data (SPEC 10), for tests,
 * demonstrations and benchmarks at any scale up to national volume.
 *
 * <p>Entry points: {@link nl.gmsd.generate.GenerateCommand#run} (the command line) and {@link
 * nl.gmsd.generate.GenerateCommand#generate} (for tests). The shape of the data is set in {@code
 * GeneratorSettings}; the planted delivery situations in {@code GenerationPlan}.
 *
 * <p>What a run for period P contains:
 *
 * <ul>
 *   <li>Every gemeente of each period's division delivers every half year of the calendar years
 *       of P and P-1 up to P, in that period's own window (SPEC 1); before a merger, the old codes
 *       deliver and their persons are a share of the merged gemeente's population.
 *   <li>About 8% of deliveries get an approved correction later in the same window, and about 8%
 *       a re-delivery in the next window (never later than P's window); one of each is forced.
 *   <li>Planted, each for a different gemeente chosen by the seed: three rejected deliveries that
 *       a later approved one corrects; one approved delivery followed by a rejected one (the
 *       approved one stays in force); one gemeente with only a rejected delivery for P (nothing
 *       in force); one delivery with errors in optional fields only (approved, blanked); one
 *       withdrawal of P-1, a week or two after that gemeente's last delivery for it.
 *   <li>The smallest gemeente makes 21 deliveries for P in P's window: the 21st is refused (F09).
 *       This is always planted: it costs 21 copies of the smallest gemeente's file.
 *   <li>One partnership: a coordinator account uploads for its own gemeente and two others of its
 *       province.
 *   <li>A planted error is one extra record with exactly one clearly wrong field (R10 month 13,
 *       R13 a check digit moved, R14 type 19, R16 day 31 June or 32 December, R18 {@code zin},
 *       O22 eenheid 99), so {@code planted.csv} counts are exact.
 *   <li>Warnings, on records of their own: about 2% of deliveries repeat one line exactly (W31),
 *       about 2% carry one record that ended before the period (W30), about 3% a few records with
 *       BSN 999999999 (W32); {@code expected_warnings} counts them per file (none for a refused
 *       file). One delivery of P is forced to carry all three.
 *   <li>A gemeente's file may be header-only when none of its persons is a client in the period
 *       (small gemeenten at small scales), except for a partnership member, whose file always has
 *       a record (a file without records belongs to its uploading account, SPEC 11).
 * </ul>
 */
package nl.gmsd.generate;
