package nl.gmsd.report;

import java.io.IOException;
import nl.gmsd.avro.FileVerdict;
import nl.gmsd.check.CheckReports;
import nl.gmsd.intake.DeliveryRules;
import nl.gmsd.write.OutputFiles;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PDone;

/**
 * Writes the technical check's reports (SPEC 4, 10): {@code technische-toets/verdicts.csv}, and
 * per delivered file a JSON report and its Dutch rendering, named after the manifest path with
 * {@code /} replaced by {@code __}. Restricted output: line numbers and counts, never a BSN.
 */
public final class WriteCheckReports extends PTransform<PCollection<DeliveryRules.Decision>, PDone> {

  public static final String FOLDER = "technische-toets";

  private final String outputDir;

  private WriteCheckReports(String outputDir) {
    this.outputDir = outputDir;
  }

  public static WriteCheckReports to(String outputDir) {
    return new WriteCheckReports(outputDir);
  }

  @Override
  public PDone expand(PCollection<DeliveryRules.Decision> decision) {
    decision.apply("WriteReportFiles", ParDo.of(new WriteFn(outputDir)));
    return PDone.in(decision.getPipeline());
  }

  static final class WriteFn extends DoFn<DeliveryRules.Decision, Void> {
    private final String outputDir;

    WriteFn(String outputDir) {
      this.outputDir = outputDir;
    }

    @ProcessElement
    public void process(@Element DeliveryRules.Decision decision) throws IOException {
      String dir = OutputFiles.in(outputDir, FOLDER);
      CheckReports reports = new CheckReports();
      OutputFiles.writeString(OutputFiles.in(dir, "verdicts.csv"), reports.verdictsCsv(decision.verdicts()));
      for (FileVerdict v : decision.verdicts()) {
        String name = CheckReports.reportFileName(v.getFile());
        OutputFiles.writeString(OutputFiles.in(dir, name + ".json"), reports.json(v));
        OutputFiles.writeString(OutputFiles.in(dir, name + ".txt"), reports.dutchText(v));
      }
    }
  }
}
