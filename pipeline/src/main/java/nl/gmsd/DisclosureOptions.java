package nl.gmsd;

import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptions;

/** Disclosure control (SPEC 8). Part of {@link GmsdOptions}. */
@Description("Disclosure control (SPEC 8)")
public interface DisclosureOptions extends PipelineOptions {
  @Description("A true count below this (0 up to minCount-1, zero included) is published as '.'.")
  @Default.Integer(8)
  int getMinCount();

  void setMinCount(int value);

  @Description("Every other count is rounded to a multiple of this.")
  @Default.Integer(5)
  int getRoundingBase();

  void setRoundingBase(int value);

  @Description("Rounding: 'nearest' (halves up) or 'random' (stable per-cell seed, reruns give the same values).")
  @Default.String("nearest")
  String getRoundingMode();

  void setRoundingMode(String value);

  @Description("Every secret cell must keep a feasible interval at least this wide in the audit.")
  @Default.Integer(2)
  int getMinIntervalWidth();

  void setMinIntervalWidth(int value);

  @Description("Rounds of the cheap secondary-suppression heuristic; cells still unsafe after them go to the "
      + "exact stage and the group fallback, which end safe: no value makes the run fail (0 skips the heuristic).")
  @Default.Integer(20)
  int getMaxAuditRounds();

  void setMaxAuditRounds(int value);
}
