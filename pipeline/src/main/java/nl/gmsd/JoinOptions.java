package nl.gmsd;

import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptions;

/** The join with the population register (SPEC 6). Part of {@link GmsdOptions}. */
@Description("The join with the population register (SPEC 6)")
public interface JoinOptions extends PipelineOptions {
  @Description("The run stops before publishing (exit 2) when fewer than this share of the clients found their "
      + "person in personen.csv (a wrong register, not a result); a gemeente below it is named as a warning. A share from 0 to 1; 0 turns the check off.")
  @Default.Double(0.5)
  double getMinPersonMatchShare();

  void setMinPersonMatchShare(double value);
}
