package nl.gmsd;

import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.Validation;

/**
 * Every option of {@code gmsd run}. Composed of small interfaces, one per concern; every
 * [decision] of the spec that a later protocol could change is an option with a documented default.
 */
public interface GmsdOptions
    extends GmsdOptions.InputOptions,
        GmsdOptions.DeliveryOptions,
        GmsdOptions.MergeOptions,
        GmsdOptions.DisclosureOptions {

  /** Where the run reads and writes. */
  interface InputOptions extends PipelineOptions {
    @Description("The run's period, H1YYYY or H2YYYY (e.g. H12025). The run produces results for it and the period before.")
    @Validation.Required
    String getPeriod();

    void setPeriod(String value);

    @Description("The delivery archive: a folder with manifest.csv, optionally withdrawals.csv, and the delivered files.")
    @Validation.Required
    String getArchive();

    void setArchive(String value);

    @Description("The reference folder: gemeenten.csv, herindelingen.csv and personen.csv.")
    @Validation.Required
    String getReference();

    void setReference(String value);

    @Description("File holding the secret pseudonymisation key (raw bytes, at least 32). Never printed or written.")
    @Validation.Required
    String getPseudonymKeyFile();

    void setPseudonymKeyFile(String value);

    @Description("Output folder. Written to a temporary folder beside it and moved into place when the run succeeds.")
    @Validation.Required
    String getOutput();

    void setOutput(String value);
  }

  /** Delivery rules (SPEC 2). */
  interface DeliveryOptions extends PipelineOptions {
    @Description("Deliveries accepted per gemeente and period in one window; later ones are refused (F09).")
    @Default.Integer(20)
    int getMaxDeliveriesPerWindow();

    void setMaxDeliveriesPerWindow(int value);
  }

  /** Merging records into arrangements (SPEC 5). */
  interface MergeOptions extends PipelineOptions {
    @Description("Stage 2 joins a record to the current arrangement when start <= end + this many days.")
    @Default.Integer(3)
    int getMaxGapDays();

    void setMaxGapDays(int value);
  }

  /** Disclosure control (SPEC 8). */
  interface DisclosureOptions extends PipelineOptions {
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

    @Description("The run fails if the tables are still unsafe after this many audit rounds.")
    @Default.Integer(20)
    int getMaxAuditRounds();

    void setMaxAuditRounds(int value);
  }
}
