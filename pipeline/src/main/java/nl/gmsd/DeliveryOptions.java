package nl.gmsd;

import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptions;

/** Delivery rules (SPEC 2). Part of {@link GmsdOptions}. */
@Description("Delivery rules (SPEC 2)")
public interface DeliveryOptions extends PipelineOptions {
  @Description("Deliveries accepted per gemeente and period in one window; later ones are refused (F09).")
  @Default.Integer(20)
  int getMaxDeliveriesPerWindow();

  void setMaxDeliveriesPerWindow(int value);
}
