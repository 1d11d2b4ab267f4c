package nl.gmsd;

import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.Validation;

/** Where the run reads and writes. Part of {@link GmsdOptions}. */
@Description("Inputs and output")
public interface InputOptions extends PipelineOptions {
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
