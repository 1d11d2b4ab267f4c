package nl.gmsd;

import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptions;

/** Merging records into arrangements (SPEC 5). Part of {@link GmsdOptions}. */
@Description("Merging records into arrangements (SPEC 5)")
public interface MergeOptions extends PipelineOptions {
  @Description("Stage 2 joins a record to the current arrangement when start <= end + this many days.")
  @Default.Integer(3)
  int getMaxGapDays();

  void setMaxGapDays(int value);
}
