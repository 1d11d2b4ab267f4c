package nl.gmsd.generate;

import java.util.List;
import java.util.Map;

/**
 * The choices that shape the synthetic data, named in one place. They aim at realistic national
 * figures (about 7% of inhabitants a Wmo client in a half year, rising steeply with age), not at
 * any real gemeente's numbers.
 */
final class GeneratorSettings {
  private GeneratorSettings() {}

  /** Every gemeente gets at least this many persons, however small the scale. */
  static final int MIN_PERSONS_PER_GEMEENTE = 10;

  /** Age groups (lower bound, upper bound inclusive) with their share of the population (CBS 2024, rounded). */
  static final int[][] AGE_GROUP_BOUNDS = {{0, 17}, {18, 64}, {65, 74}, {75, 84}, {85, 100}};
  static final double[] AGE_GROUP_SHARES = {0.20, 0.595, 0.11, 0.07, 0.025};

  /**
   * Target share of clients in a half year per age group. Weighted by the shares above this
   * gives about 7%.
   */
  static final double[] CLIENT_RATE_BY_AGE_GROUP = {0.02, 0.04, 0.10, 0.25, 0.50};

  /**
   * A person is a client somewhere in the horizon with probability rate x this factor; an
   * arrangement is active in only part of the horizon, so the factor lifts the share per half
   * year back to the rate (calibrated on generated data).
   */
  static final double CARE_PROBABILITY_FACTOR = 1.6;

  /** Share of women per age group (more women at old ages). */
  static final double[] WOMEN_SHARE_BY_AGE_GROUP = {0.49, 0.50, 0.51, 0.55, 0.66};

  /** Household sizes 1..4 and their shares of households. */
  static final double[] HOUSEHOLD_SIZE_SHARES = {0.38, 0.33, 0.13, 0.16};

  /** Type mix of arrangements for adults, codes 01..18 (weights, not shares). */
  static final double[] TYPE_WEIGHTS_ADULT = {
    25, 18, 3, 1, 1, 4, 6, 8, 2, 2, 7, 6, 5, 9, 2, 1, 0.3, 0.7
  };

  /** Type mix for persons under 18: mostly begeleiding, dagbesteding and hulpmiddelen. */
  static final double[] TYPE_WEIGHTS_CHILD = {
    0, 30, 2, 3, 0, 8, 10, 4, 3, 2, 6, 3, 8, 20, 0, 0.5, 0.5, 0.5
  };

  /** Share of PGB (personal budget); the rest is in kind (ZIN). Hulpmiddelen are nearly always ZIN. */
  static final double PGB_SHARE = 0.12;
  static final double PGB_SHARE_HULPMIDDELEN = 0.02;

  /** Arrangements per client: 1, plus one more with this probability, plus a third with the next. */
  static final double SECOND_ARRANGEMENT = 0.45;
  static final double THIRD_ARRANGEMENT = 0.15;

  /** Arrangements start this many days before the first period read; some are still running. */
  static final int HISTORY_DAYS = 730;
  static final double OPEN_ENDED_SHARE = 0.30;
  static final int MEAN_DURATION_DAYS = 300;

  /** Re-allocations: an arrangement is written as 1, 2 or 3 allocations (new toewijzingsnummer). */
  static final double[] ALLOCATION_COUNT_SHARES = {0.60, 0.30, 0.10};

  /** Gap between allocations: contiguous, 1-2 days (merged: at most 3 days), or 4-30 days (not merged). */
  static final double SMALL_GAP_SHARE = 0.15;
  static final double LARGE_GAP_SHARE = 0.15;

  /** An allocation is written as two records with the same toewijzingsnummer (a change of volume). */
  static final double VOLUME_CHANGE_SHARE = 0.10;

  /** Share of gemeenten that do not fill TOEWIJZINGSNUMMER. */
  static final double WITHOUT_TOEWIJZINGSNUMMER_SHARE = 0.15;

  /** Share of records whose VOLUME, EENHEID and FREQUENTIE are filled. */
  static final double VOLUME_FILLED_SHARE = 0.80;

  /** Share of persons (and so of clients) missing from personen.csv. */
  static final double NOT_IN_REGISTER_SHARE = 0.005;

  /** Share of deliveries that carry a few records with BSN 999999999 (W32). */
  static final double UNKNOWN_BSN_DELIVERY_SHARE = 0.03;

  /** Share of deliveries with one exact duplicate line (W31). */
  static final double DUPLICATE_DELIVERY_SHARE = 0.02;

  /** Share of deliveries with one record that ended before the period (W30). */
  static final double OUT_OF_PERIOD_DELIVERY_SHARE = 0.02;

  /** Share of deliveries followed by an approved correction in the same window. */
  static final double CORRECTION_SHARE = 0.08;

  /** Share of deliveries re-delivered in the next window (when that window is not after the run's). */
  static final double REDELIVERY_SHARE = 0.08;

  /** Share of gemeenten writing CRLF line ends, and a UTF-8 BOM (both allowed, SPEC 3). */
  static final double CRLF_SHARE = 0.10;
  static final double BOM_SHARE = 0.05;

  /** Uploads land in the first days of their window; corrections follow some days later. */
  static final int FIRST_UPLOAD_DAY_MAX = 60;
  static final int REDELIVERY_DAY_MIN = 20;
  static final int REDELIVERY_DAY_MAX = 90;

  /** At most this many deliveries per gemeente, period and window are accepted (SPEC 2). */
  static final int MAX_DELIVERIES_PER_WINDOW = 20;

  /** Valid optional codes (SPEC 3). */
  static final List<String> EENHEDEN = List.of("01", "04", "14", "16", "82", "83", "84");
  static final List<String> REDENEN_BEEINDIGING =
      List.of("02", "19", "20", "21", "22", "23", "31", "36", "37", "38", "39");

  // ---- the cost files of the 2016-2019 protocol (SPEC 12) ----

  /** Share of gemeenten delivering the optional JEUGD file for a half year. */
  static final double JEUGD_DELIVERY_SHARE = 0.75;

  /** Share of the gemeenten asked for SBO (under 20 000 inhabitants) that deliver the SBO file. */
  static final double SBO_DELIVERY_SHARE = 0.60;

  /** Share of categories a delivering gemeente leaves out (not delivered, not zero). */
  static final double COST_CATEGORY_LEFT_OUT_SHARE = 0.10;

  /**
   * Euros per inhabitant per half year by cost kind and category, in the protocol's category order.
   * JEUGD 1..6: about 160 in all, the order of the national Jeugdwet costs (some 5.5 billion a
   * year), split roughly as wijkteam, other care without stay, care with stay, child protection,
   * youth probation, prevention. SBO 670, 671: loket and algemene voorziening. Not any real
   * gemeente's numbers.
   */
  static final Map<String, double[]> COST_EUROS_PER_INHABITANT = Map.of(
      "JEUGD", new double[] {24, 64, 56, 8, 5, 2},
      "SBO", new double[] {10, 30});

  /** A gemeente's spending per category varies by a factor drawn uniformly from this range. */
  static final double COST_FACTOR_MIN = 0.6;
  static final double COST_FACTOR_MAX = 1.5;

  /** Share of cost files followed by an approved correction in the same window. */
  static final double COST_CORRECTION_SHARE = 0.06;

  /** Share of cost files re-delivered in the next window (when that window is not after the run's). */
  static final double COST_REDELIVERY_SHARE = 0.04;
}
