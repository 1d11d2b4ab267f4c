package nl.gmsd;

import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.DefaultValueFactory;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.Validation;

/** Where the run reads and writes. Part of {@link GmsdOptions}. */
@Description("Inputs and output")
public interface InputOptions extends PipelineOptions {
  @Description("The run's period, H1YYYY or H2YYYY (e.g. H12025). The run produces results for it and the period before; for half years of 2016-2019 also from the SBO and JEUGD cost files (tabellen/kosten.csv).")
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

  @Description("Output folder. Written to a temporary folder beside it and moved into place when the run succeeds. "
      + "Replaced only when it is an earlier output of gmsd run as that run left it; any other non-empty folder is refused.")
  @Validation.Required
  String getOutput();

  void setOutput(String value);

  @Description("Folder for the run's temporary files (the engine's working files and, under scripts/gmsd, the native "
      + "libraries it unpacks). The run makes its own folder gmsd-run-<pid>-<id> in it and removes it when it ends; "
      + "one that a killed run left is removed by the next run. It may not lie inside the output or an input.")
  @Default.InstanceFactory(TempFolderFactory.class)
  @RunOptions.DefaultInWords("the system's temporary folder: TMPDIR, else /tmp")
  String getTempFolder();

  void setTempFolder(String value);

  /** The system's temporary folder; under scripts/gmsd, the folder above the one it made for this JVM. */
  final class TempFolderFactory implements DefaultValueFactory<String> {
    @Override
    public String create(PipelineOptions options) {
      String handedOver = System.getProperty(RunTemporaryFolder.HANDED_OVER);
      if (handedOver != null && !handedOver.isBlank()) {
        java.nio.file.Path parent = java.nio.file.Path.of(handedOver).toAbsolutePath().getParent();
        if (parent != null) {
          return parent.toString();
        }
      }
      return System.getProperty("java.io.tmpdir");
    }
  }
}
