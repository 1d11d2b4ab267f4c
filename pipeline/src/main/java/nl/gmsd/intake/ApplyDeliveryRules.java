package nl.gmsd.intake;

import java.util.ArrayList;
import java.util.List;
import nl.gmsd.avro.FileVerdict;
import nl.gmsd.beam.GatherAll;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;

/**
 * The delivery rules over all verdicts at once (SPEC 2, 11): refusals past the maximum (F09), the
 * delivery in force per gemeente and period, withdrawals. Gives exactly one {@link
 * DeliveryRules.Decision}, also when the archive held no uploads.
 */
public final class ApplyDeliveryRules
    extends PTransform<PCollection<FileVerdict>, PCollection<DeliveryRules.Decision>> {

  private final List<Withdrawal> withdrawals;
  private final DeliveryRules.Settings settings;

  private ApplyDeliveryRules(List<Withdrawal> withdrawals, DeliveryRules.Settings settings) {
    this.withdrawals = new ArrayList<>(withdrawals);
    this.settings = settings;
  }

  public static ApplyDeliveryRules of(List<Withdrawal> withdrawals, DeliveryRules.Settings settings) {
    return new ApplyDeliveryRules(withdrawals, settings);
  }

  @Override
  public PCollection<DeliveryRules.Decision> expand(PCollection<FileVerdict> verdicts) {
    return verdicts
        .apply("GatherVerdicts", GatherAll.create())
        .apply("Decide", ParDo.of(new DecideFn(withdrawals, settings)))
        .setCoder(SerializableCoder.of(DeliveryRules.Decision.class));
  }

  static final class DecideFn extends DoFn<List<FileVerdict>, DeliveryRules.Decision> {
    private final List<Withdrawal> withdrawals;
    private final DeliveryRules.Settings settings;

    DecideFn(List<Withdrawal> withdrawals, DeliveryRules.Settings settings) {
      this.withdrawals = withdrawals;
      this.settings = settings;
    }

    @ProcessElement
    public void process(@Element List<FileVerdict> all, OutputReceiver<DeliveryRules.Decision> out) {
      out.output(DeliveryRules.apply(all, withdrawals, settings));
    }
  }
}
